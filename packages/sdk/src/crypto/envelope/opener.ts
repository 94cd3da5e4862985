import {
  DecryptionFailedError,
  KeyCommitmentMismatchError,
  RecordContextMismatchError,
  TruncatedEnvelopeError,
} from '../../errors/crypto.js'
import { importAeadKey } from '../aead/importAeadKey.js'
import { type AeadKey, tagLength } from '../aead/types.js'
import { throwIfAborted } from '../utils/abort.js'
import { assertKey, concatBytes, equalBytes } from '../utils/bytes.js'
import type { ChunkQueue } from './chunkQueue.js'
import { encodeRecordContext, type RecordContext } from './context.js'
import { decodeEnvelopeHeader, type EnvelopeHeader, segmentNonce } from './format.js'
import { computeHeaderTag, deriveEnvelopeKeys } from './keySchedule.js'
import type { Progress } from './sealer.js'

/**
 * Options shared by the decrypt functions: the record's data key and context, and optional abort
 * and progress.
 *
 * @example
 * ```ts
 * import type { DecryptOptions } from '@medchain/sdk/crypto'
 *
 * const options: DecryptOptions = { dataKey, context, onProgress: (p) => console.log(p.bytes) }
 * ```
 */
export type DecryptOptions = {
  /** The 32-byte data key of this record (unwrapped from its scope key or a record grant). */
  dataKey: Uint8Array
  /** The record context from the record's anchor on chain. */
  context: RecordContext
  /** Aborts the operation with `CryptoAbortedError`. */
  signal?: AbortSignal | undefined
  /** Called after each segment with the ciphertext bytes consumed so far. */
  onProgress?: ((progress: Progress) => void) | undefined
}

/** A verified header and the segment key. Internal. */
export type Opener = {
  header: EnvelopeHeader
  headerBytes: Uint8Array
  aead: AeadKey
}

/**
 * Checks a header against a data key and record context, in this order: format, key commitment
 * (wrong key), header tag (wrong context or altered header). Internal.
 */
export async function createOpener(
  headerBytes: Uint8Array,
  dataKey: Uint8Array,
  context: RecordContext,
): Promise<Opener> {
  assertKey(dataKey, 'dataKey')
  const contextBytes = encodeRecordContext(context)
  const header = decodeEnvelopeHeader(headerBytes)
  const keys = deriveEnvelopeKeys(dataKey, header.salt)
  if (!equalBytes(keys.commitment, header.commitment)) throw new KeyCommitmentMismatchError()
  const tag = computeHeaderTag(keys.headerKey, headerBytes, contextBytes)
  keys.headerKey.fill(0)
  if (!equalBytes(tag, header.headerTag)) throw new RecordContextMismatchError()
  const aead = await importAeadKey(keys.encryptionKey)
  keys.encryptionKey.fill(0)
  return { header, headerBytes: headerBytes.slice(0, 111), aead }
}

/**
 * The error for a segment that failed to open. A full-size last segment that opens as non-final
 * means the envelope was cut at a segment boundary (truncation); anything else is tampering.
 */
export async function segmentFailure(
  opener: Opener,
  index: number,
  sealed: Uint8Array,
  final: boolean,
): Promise<TruncatedEnvelopeError | DecryptionFailedError> {
  const { aead, headerBytes, header } = opener
  if (final && sealed.length === header.segmentSize + tagLength) {
    const scratch = new Uint8Array(header.segmentSize)
    const nonce = segmentNonce(header.noncePrefix, index, false)
    if (await aead.open(nonce, headerBytes, sealed, scratch, 0)) {
      scratch.fill(0)
      return new TruncatedEnvelopeError({ segments: index + 1 })
    }
  }
  return new DecryptionFailedError({ segment: index })
}

/**
 * Reads sealed segments from `queue` (after the header) and opens them in order, detecting
 * truncation at a segment boundary. Yields each plaintext segment with its `final` flag.
 */
export async function* openSegments(
  opener: Opener,
  queue: ChunkQueue,
  {
    signal,
    onProgress,
    totalBytes,
    allocate,
  }: {
    signal?: AbortSignal | undefined
    onProgress?: ((progress: Progress) => void) | undefined
    totalBytes?: number | undefined
    allocate: (index: number, plaintextLength: number) => { out: Uint8Array; offset: number }
  },
): AsyncGenerator<{ plaintext: Uint8Array; final: boolean }, void, undefined> {
  const { aead, headerBytes, header } = opener
  const sealedSize = header.segmentSize + tagLength
  let index = 0
  let consumed = headerBytes.length
  let final = false
  const { openSync } = aead
  if (openSync) {
    // node:crypto: open each segment as soon as it is read, straight from the input chunks it spans
    // (a 1 MiB block never holds a whole 1 MiB + 16 segment), with no copy or promise per segment.
    while (!final) {
      throwIfAborted(signal)
      const segment = await queue.nextParts(sealedSize)
      final = segment.final
      if (segment.length < tagLength) throw new TruncatedEnvelopeError({ segments: index })
      const length = segment.length - tagLength
      const { out, offset } = allocate(index, length)
      const nonce = segmentNonce(header.noncePrefix, index, final)
      if (!openSync(nonce, headerBytes, segment.parts, out, offset))
        throw await segmentFailure(opener, index, concatBytes(...segment.parts), final)
      consumed += segment.length
      index++
      onProgress?.({ bytes: consumed, totalBytes })
      yield { plaintext: out.subarray(offset, offset + length), final }
    }
    return
  }
  // WebCrypto: `concurrency` segments in flight.
  while (!final) {
    throwIfAborted(signal)
    const batch: {
      index: number
      view: Uint8Array
      final: boolean
      data: Uint8Array
      ok: Promise<boolean>
    }[] = []
    while (!final && batch.length < aead.concurrency) {
      const segment = await queue.next(sealedSize)
      final = segment.final
      if (segment.data.length < tagLength) throw new TruncatedEnvelopeError({ segments: index })
      const length = segment.data.length - tagLength
      const { out, offset } = allocate(index, length)
      const nonce = segmentNonce(header.noncePrefix, index, final)
      batch.push({
        index,
        view: out.subarray(offset, offset + length),
        final,
        data: segment.data,
        ok: aead.open(nonce, headerBytes, segment.data, out, offset),
      })
      consumed += segment.data.length
      index++
    }
    const results = await Promise.all(batch.map((b) => b.ok))
    for (let i = 0; i < batch.length; i++) {
      if (results[i]) continue
      const failed = batch[i] as (typeof batch)[number]
      throw await segmentFailure(opener, failed.index, failed.data, failed.final)
    }
    onProgress?.({ bytes: consumed, totalBytes })
    for (const b of batch) yield { plaintext: b.view, final: b.final }
  }
}
