import type { RecordContext } from '../crypto/envelope/context.js'
import { decryptEnvelope } from '../crypto/envelope/decryptEnvelope.js'
import { decryptStream } from '../crypto/envelope/decryptStream.js'
import { encryptEnvelope } from '../crypto/envelope/encryptEnvelope.js'
import { encryptStream } from '../crypto/envelope/encryptStream.js'
import { decodeEnvelopeHeader } from '../crypto/envelope/format.js'
import type { Progress } from '../crypto/envelope/sealer.js'
import { unwrapDataKey } from './unwrapDataKey.js'
import { wrapDataKey } from './wrapDataKey.js'

/**
 * Parameters of {@link reencryptRecord}.
 *
 * @example
 * ```ts
 * import type { ReencryptRecordParameters } from '@medchain/sdk/crypto'
 *
 * const parameters: ReencryptRecordParameters<Uint8Array> = {
 *   envelope, wrappedDataKey, context,
 *   from: { scopeKey: oldKey, epoch: 4 },
 *   to: { scopeKey: newKey, epoch: 5 },
 * }
 * ```
 */
export type ReencryptRecordParameters<envelope extends Uint8Array | ReadableStream<Uint8Array>> = {
  /** The current envelope (bytes or stream). */
  envelope: envelope
  /** Its data key wrapped under the old scope key. */
  wrappedDataKey: Uint8Array
  /** The record context. */
  context: RecordContext
  /** The old scope key and its epoch. */
  from: { scopeKey: Uint8Array; epoch: number }
  /** The new scope key and its epoch. */
  to: { scopeKey: Uint8Array; epoch: number }
  /** Padding of the new envelope. Default: as the old one (bytes) or true (streams). */
  padding?: boolean | undefined
  /** Segment size of the new envelope. Default: as the old one (bytes) or 1 MiB (streams). */
  segmentSize?: number | undefined
  signal?: AbortSignal | undefined
  onProgress?: ((progress: Progress) => void) | undefined
}

/**
 * Result of {@link reencryptRecord}.
 *
 * @example
 * ```ts
 * import type { ReencryptRecordReturnType } from '@medchain/sdk/crypto'
 *
 * const next: ReencryptRecordReturnType<Uint8Array> = await reencryptRecord(parameters)
 * ```
 */
export type ReencryptRecordReturnType<envelope extends Uint8Array | ReadableStream<Uint8Array>> = {
  /** The new envelope, under a fresh data key (bytes, or a stream if a stream was given). */
  envelope: envelope extends Uint8Array ? Uint8Array : ReadableStream<Uint8Array>
  /** The fresh data key wrapped under the new scope key. */
  wrappedDataKey: Uint8Array
  /** The fresh data key (for single-record grants); forget it when done. */
  dataKey: Uint8Array
}

/**
 * Re-encrypts a record for a new epoch: opens it with its old data key and seals it again under a
 * fresh data key wrapped under the new scope key. Use it for records a revoked grantee must not read
 * *from now on*; then anchor the new CID and unpin the old one. It cannot take back what the grantee
 * already downloaded or decrypted.
 *
 * @example
 * ```ts
 * import { reencryptRecord } from '@medchain/sdk/crypto'
 *
 * const next = await reencryptRecord({
 *   envelope, wrappedDataKey, context,
 *   from: { scopeKey: oldKey, epoch: 4 },
 *   to: { scopeKey: newKey, epoch: 5 },
 * })
 * ```
 */
export async function reencryptRecord<envelope extends Uint8Array | ReadableStream<Uint8Array>>(
  parameters: ReencryptRecordParameters<envelope>,
): Promise<ReencryptRecordReturnType<envelope>> {
  const { envelope, wrappedDataKey, context, from, to, signal, onProgress } = parameters
  const oldKey = await unwrapDataKey({
    wrappedDataKey,
    scopeKey: from.scopeKey,
    context,
    epoch: from.epoch,
  })
  if (envelope instanceof Uint8Array) {
    const header = decodeEnvelopeHeader(envelope)
    const plaintext = await decryptEnvelope({ envelope, dataKey: oldKey, context, signal })
    oldKey.fill(0)
    const next = await encryptEnvelope({
      plaintext,
      context,
      padding: parameters.padding ?? header.padded,
      segmentSize: parameters.segmentSize ?? header.segmentSize,
      signal,
      onProgress,
    })
    plaintext.fill(0)
    const wrapped = await wrapDataKey({
      dataKey: next.dataKey,
      scopeKey: to.scopeKey,
      context,
      epoch: to.epoch,
    })
    return {
      envelope: next.envelope,
      wrappedDataKey: wrapped,
      dataKey: next.dataKey,
    } as ReencryptRecordReturnType<envelope>
  }
  const plaintext = decryptStream({
    ciphertext: envelope as ReadableStream<Uint8Array>,
    dataKey: oldKey,
    context,
    signal,
  })
  const next = encryptStream({
    plaintext,
    context,
    padding: parameters.padding,
    segmentSize: parameters.segmentSize,
    signal,
    onProgress,
  })
  const wrapped = await wrapDataKey({
    dataKey: next.dataKey,
    scopeKey: to.scopeKey,
    context,
    epoch: to.epoch,
  })
  return {
    envelope: next.ciphertext,
    wrappedDataKey: wrapped,
    dataKey: next.dataKey,
  } as ReencryptRecordReturnType<envelope>
}
