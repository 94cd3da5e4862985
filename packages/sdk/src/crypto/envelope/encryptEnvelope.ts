import type { MedChainError } from '../../errors/base.js'
import {
  type CryptoAbortedError,
  EnvelopeTooLargeError,
  type InvalidBytesError,
  type InvalidKeyLengthError,
  type InvalidRecordContextError,
  type InvalidSegmentSizeError,
  type UnsupportedRuntimeError,
} from '../../errors/crypto.js'
import { tagLength } from '../aead/types.js'
import { throwIfAborted } from '../utils/abort.js'
import { assertBytes, writeUint64 } from '../utils/bytes.js'
import { headerLength, maxSegments, segmentNonce } from './format.js'
import { paddedLength, paddingTrailerLength } from './padding.js'
import { createSealer, type EncryptOptions, segmentCount } from './sealer.js'

/**
 * Parameters of {@link encryptEnvelope}.
 *
 * @example
 * ```ts
 * import type { EncryptEnvelopeParameters } from '@medchain/sdk/crypto'
 *
 * const parameters: EncryptEnvelopeParameters = { plaintext, context, padding: true }
 * ```
 */
export type EncryptEnvelopeParameters = EncryptOptions & {
  /** The record's bytes. */
  plaintext: Uint8Array
}

/**
 * Result of {@link encryptEnvelope}.
 *
 * @example
 * ```ts
 * import type { EncryptEnvelopeReturnType } from '@medchain/sdk/crypto'
 *
 * const { envelope, dataKey }: EncryptEnvelopeReturnType = await encryptEnvelope({ plaintext, context })
 * ```
 */
export type EncryptEnvelopeReturnType = {
  /** The envelope (header and body): store it by CID. */
  envelope: Uint8Array
  /** The fresh random 256-bit data key. Wrap it (see `wrapDataKey`), then forget it. */
  dataKey: Uint8Array
}

/**
 * Errors {@link encryptEnvelope} can throw.
 *
 * @example
 * ```ts
 * import type { EncryptEnvelopeErrorType } from '@medchain/sdk/crypto'
 *
 * try {
 *   await encryptEnvelope({ plaintext, context })
 * } catch (e) {
 *   const error = e as EncryptEnvelopeErrorType
 *   console.error(error.name)
 * }
 * ```
 */
export type EncryptEnvelopeErrorType =
  | InvalidBytesError
  | InvalidKeyLengthError
  | InvalidRecordContextError
  | InvalidSegmentSizeError
  | EnvelopeTooLargeError
  | CryptoAbortedError
  | UnsupportedRuntimeError
  | MedChainError

/**
 * Encrypts a record under a fresh random 256-bit data key into a v1 envelope: AES-256-GCM in
 * fixed-size segments (STREAM nonces), key commitment in the header, bound to the record context.
 * Produces exactly the bytes {@link encryptStream} would for the same inputs.
 *
 * @example
 * ```ts
 * import { encryptEnvelope, wrapDataKey } from '@medchain/sdk/crypto'
 *
 * const context = { patient, chainId: 1n, contract, scope: 1 }
 * const { envelope, dataKey } = await encryptEnvelope({ plaintext, context })
 * const wrappedDataKey = await wrapDataKey({ dataKey, scopeKey, context, epoch: 0 })
 * ```
 */
export async function encryptEnvelope(
  parameters: EncryptEnvelopeParameters,
): Promise<EncryptEnvelopeReturnType> {
  const { signal, onProgress } = parameters
  assertBytes(parameters.plaintext, 'plaintext')
  // A plain Uint8Array view: slicing a Node Buffer constructs a Buffer per segment.
  const plaintext = new Uint8Array(
    parameters.plaintext.buffer,
    parameters.plaintext.byteOffset,
    parameters.plaintext.byteLength,
  )
  const sealer = createSealer(parameters)
  const { segmentSize, padded, header } = sealer
  const dataLength = plaintext.length
  // The body encrypts Q = plaintext (unpadded) or plaintext || zeros || u64be(length) (padded).
  const length = padded ? paddedLength(dataLength) : dataLength
  const count = segmentCount(length, segmentSize)
  if (count > maxSegments) throw new EnvelopeTooLargeError({ segmentSize })
  const trailer = new Uint8Array(paddingTrailerLength)
  if (padded) writeUint64(trailer, 0, dataLength)

  const trailerStart = length - paddingTrailerLength
  let zeros: Uint8Array | undefined
  /** Plaintext of segment `i`: a view of the input, of a shared zero buffer, or a copy. */
  const pieceOf = (i: number): Uint8Array => {
    const start = i * segmentSize
    const end = Math.min(start + segmentSize, length)
    if (end <= dataLength) return plaintext.subarray(start, end)
    if (start >= dataLength && end <= trailerStart) {
      // All padding: read-only zeros (never written, so the pages are never even allocated).
      zeros ??= new Uint8Array(segmentSize)
      return zeros.subarray(0, end - start)
    }
    const piece = new Uint8Array(end - start)
    if (start < dataLength) piece.set(plaintext.subarray(start, dataLength))
    for (let k = Math.max(start, trailerStart); k < end; k++)
      piece[k - start] = trailer[k - trailerStart] as number
    return piece
  }

  const envelope = new Uint8Array(headerLength + length + count * tagLength)
  envelope.set(header, 0)
  const prefix = header.subarray(40, 47)
  const stride = segmentSize + tagLength
  const aead = await sealer.aead()
  throwIfAborted(signal)
  const { sealSync } = aead
  if (sealSync) {
    // node:crypto: one synchronous pass.
    for (let i = 0; i < count; i++) {
      throwIfAborted(signal)
      sealSync(
        segmentNonce(prefix, i, i === count - 1),
        header,
        pieceOf(i),
        envelope,
        headerLength + i * stride,
      )
      onProgress?.({ bytes: Math.min(dataLength, (i + 1) * segmentSize), totalBytes: dataLength })
    }
  } else {
    // WebCrypto: `concurrency` segments in flight.
    let next = 0
    let done = 0
    const worker = async () => {
      while (next < count) {
        const i = next++
        throwIfAborted(signal)
        await aead.seal(
          segmentNonce(prefix, i, i === count - 1),
          header,
          pieceOf(i),
          envelope,
          headerLength + i * stride,
        )
        done++
        onProgress?.({ bytes: Math.min(dataLength, done * segmentSize), totalBytes: dataLength })
      }
    }
    await Promise.all(Array.from({ length: Math.min(aead.concurrency, count) }, worker))
  }
  return { envelope, dataKey: sealer.dataKey }
}
