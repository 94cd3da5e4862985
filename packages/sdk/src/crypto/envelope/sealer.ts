import { EnvelopeTooLargeError } from '../../errors/crypto.js'
import { importAeadKey } from '../aead/importAeadKey.js'
import { type AeadKey, tagLength } from '../aead/types.js'
import { throwIfAborted } from '../utils/abort.js'
import { assertBytes, assertKey } from '../utils/bytes.js'
import { randomBytes } from '../utils/random.js'
import type { ChunkQueue } from './chunkQueue.js'
import { encodeRecordContext, type RecordContext } from './context.js'
import {
  defaultSegmentSize,
  encodeHeaderPrefix,
  headerAuthenticatedLength,
  maxSegments,
  noncePrefixLength,
  saltLength,
  segmentExponent,
  segmentNonce,
} from './format.js'
import { type UnsafeFixedRandomnessOption, unsafeFixedRandomness } from './internal.js'
import { computeHeaderTag, deriveEnvelopeKeys } from './keySchedule.js'

/**
 * Progress of a bulk or stream operation.
 *
 * @example
 * ```ts
 * import { encryptEnvelope, type Progress } from '@medchain/sdk/crypto'
 *
 * const onProgress = ({ bytes, totalBytes }: Progress) => console.log(`${bytes} / ${totalBytes}`)
 * await encryptEnvelope({ plaintext, context, onProgress })
 * ```
 */
export type Progress = {
  /** Input bytes processed so far (plaintext when encrypting, ciphertext when decrypting). */
  bytes: number
  /** Total input bytes, when known. */
  totalBytes?: number | undefined
}

/**
 * Options shared by the encrypt functions: the record context, padding, segment size, abort and
 * progress.
 *
 * @example
 * ```ts
 * import type { EncryptOptions } from '@medchain/sdk/crypto'
 *
 * const options: EncryptOptions = { context, pad: true }
 * ```
 */
export type EncryptOptions = {
  /** What the record is bound to; the reader must supply the same context. */
  context: RecordContext
  /**
   * Pad the plaintext length with Padmé (at most ~12% larger) so the ciphertext size does not
   * reveal what kind of record it is. Default: true.
   */
  padding?: boolean | undefined
  /** Plaintext bytes per segment: a power of two from 64 KiB to 16 MiB. Default: 1 MiB. */
  segmentSize?: number | undefined
  /** Aborts the operation with `CryptoAbortedError`. */
  signal?: AbortSignal | undefined
  /** Called after each segment with the plaintext bytes consumed so far. */
  onProgress?: ((progress: Progress) => void) | undefined
} & UnsafeFixedRandomnessOption

/** State of one envelope being written. Internal. */
export type Sealer = {
  header: Uint8Array
  dataKey: Uint8Array
  segmentSize: number
  padded: boolean
  aead: () => Promise<AeadKey>
}

/** Validates the options, draws (or takes the fixed) randomness and writes the header. */
export function createSealer(options: EncryptOptions): Sealer {
  const segmentSize = options.segmentSize ?? defaultSegmentSize
  segmentExponent(segmentSize)
  const padded = options.padding ?? true
  const context = encodeRecordContext(options.context)
  const fixed = options[unsafeFixedRandomness]
  if (fixed) {
    assertKey(fixed.dataKey, 'dataKey')
    assertBytes(fixed.salt, 'salt', saltLength)
    assertBytes(fixed.noncePrefix, 'noncePrefix', noncePrefixLength)
  }
  const dataKey = fixed ? fixed.dataKey.slice() : randomBytes(32)
  const salt = fixed ? fixed.salt : randomBytes(saltLength)
  const noncePrefix = fixed ? fixed.noncePrefix : randomBytes(noncePrefixLength)
  const keys = deriveEnvelopeKeys(dataKey, salt)
  const header = encodeHeaderPrefix({
    segmentSize,
    padded,
    salt,
    noncePrefix,
    commitment: keys.commitment,
  })
  header.set(computeHeaderTag(keys.headerKey, header, context), headerAuthenticatedLength)
  keys.headerKey.fill(0)
  let aead: Promise<AeadKey> | undefined
  return {
    header,
    dataKey,
    segmentSize,
    padded,
    aead: () => {
      aead ??= importAeadKey(keys.encryptionKey).finally(() => keys.encryptionKey.fill(0))
      return aead
    },
  }
}

/** Number of body segments for `length` bytes of (padded) plaintext. */
export function segmentCount(length: number, segmentSize: number): number {
  return Math.max(1, Math.ceil(length / segmentSize))
}

/**
 * Reads plaintext segments from `queue` and seals them in order, `aead.concurrency` at a time.
 * `allocate` says where each sealed segment goes; the generator yields each one when it is ready.
 */
export async function* sealSegments(
  sealer: Sealer,
  queue: ChunkQueue,
  {
    signal,
    onProgress,
    totalBytes,
    sourceBytes,
    allocate,
  }: {
    signal?: AbortSignal | undefined
    onProgress?: ((progress: Progress) => void) | undefined
    totalBytes?: number | undefined
    sourceBytes: () => number
    allocate: (index: number, sealedLength: number) => { out: Uint8Array; offset: number }
  },
): AsyncGenerator<Uint8Array, void, undefined> {
  const aead = await sealer.aead()
  const { header, segmentSize } = sealer
  const prefix = header.subarray(40, 47)
  let index = 0
  let sealed = 0
  let final = false
  const { sealSync } = aead
  if (sealSync) {
    // node:crypto: seal each segment as soon as it is read, straight from the input chunks it spans,
    // with no copy, promise or batch per segment.
    while (!final) {
      throwIfAborted(signal)
      const segment = await queue.nextParts(segmentSize)
      final = segment.final
      if (index >= maxSegments) throw new EnvelopeTooLargeError({ segmentSize })
      const length = segment.length + tagLength
      const { out, offset } = allocate(index, length)
      sealSync(segmentNonce(prefix, index, final), header, segment.parts, out, offset)
      sealed += segment.length
      index++
      onProgress?.({ bytes: Math.min(sealed, sourceBytes()), totalBytes })
      yield out.subarray(offset, offset + length)
    }
    return
  }
  // WebCrypto: `concurrency` segments in flight.
  while (!final) {
    throwIfAborted(signal)
    const batch: { view: Uint8Array; done: Promise<void> }[] = []
    while (!final && batch.length < aead.concurrency) {
      const segment = await queue.next(segmentSize)
      final = segment.final
      if (index >= maxSegments) throw new EnvelopeTooLargeError({ segmentSize })
      const length = segment.data.length + tagLength
      const { out, offset } = allocate(index, length)
      const nonce = segmentNonce(prefix, index, final)
      batch.push({
        view: out.subarray(offset, offset + length),
        done: aead.seal(nonce, header, segment.data, out, offset),
      })
      sealed += segment.data.length
      index++
    }
    await Promise.all(batch.map((b) => b.done))
    onProgress?.({ bytes: Math.min(sealed, sourceBytes()), totalBytes })
    for (const b of batch) yield b.view
  }
}
