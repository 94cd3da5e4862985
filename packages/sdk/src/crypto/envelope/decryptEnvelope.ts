import type { MedChainError } from '../../errors/base.js'
import {
  type CryptoAbortedError,
  type DecryptionFailedError,
  type InvalidBytesError,
  type InvalidEnvelopeHeaderError,
  type InvalidKeyLengthError,
  type InvalidPaddingError,
  type InvalidRecordContextError,
  type KeyCommitmentMismatchError,
  type RecordContextMismatchError,
  TruncatedEnvelopeError,
  type UnsupportedEnvelopeSuiteError,
  type UnsupportedEnvelopeVersionError,
} from '../../errors/crypto.js'
import { tagLength } from '../aead/types.js'
import { throwIfAborted } from '../utils/abort.js'
import { assertBytes } from '../utils/bytes.js'
import { headerLength, segmentNonce } from './format.js'
import { createOpener, type DecryptOptions, segmentFailure } from './opener.js'
import { unpaddedLength } from './unpadder.js'

/**
 * Parameters of {@link decryptEnvelope}.
 *
 * @example
 * ```ts
 * import type { DecryptEnvelopeParameters } from '@medchain/sdk/crypto'
 *
 * const parameters: DecryptEnvelopeParameters = { envelope, dataKey, context }
 * ```
 */
export type DecryptEnvelopeParameters = DecryptOptions & {
  /** The whole envelope, as fetched by CID. */
  envelope: Uint8Array
}

/**
 * Errors {@link decryptEnvelope} can throw.
 *
 * @example
 * ```ts
 * import type { DecryptEnvelopeErrorType } from '@medchain/sdk/crypto'
 *
 * try {
 *   await decryptEnvelope({ envelope, dataKey, context })
 * } catch (e) {
 *   const error = e as DecryptEnvelopeErrorType
 *   if (error.name === 'RecordContextMismatchError') console.warn('not this patient')
 * }
 * ```
 */
export type DecryptEnvelopeErrorType =
  | InvalidBytesError
  | InvalidKeyLengthError
  | InvalidRecordContextError
  | InvalidEnvelopeHeaderError
  | UnsupportedEnvelopeVersionError
  | UnsupportedEnvelopeSuiteError
  | KeyCommitmentMismatchError
  | RecordContextMismatchError
  | DecryptionFailedError
  | TruncatedEnvelopeError
  | InvalidPaddingError
  | CryptoAbortedError
  | MedChainError

/**
 * Decrypts a v1 envelope. Checks, in order: header format, key commitment (wrong data key:
 * `KeyCommitmentMismatchError`), header tag (wrong patient, chain, contract or scope:
 * `RecordContextMismatchError`), then every segment (`DecryptionFailedError`,
 * `TruncatedEnvelopeError`). Returns nothing unless the whole envelope authenticates.
 *
 * @example
 * ```ts
 * import { decryptEnvelope, unwrapDataKey } from '@medchain/sdk/crypto'
 *
 * const context = { patient, chainId: 1n, contract, scope: 1 }
 * const dataKey = await unwrapDataKey({ wrappedDataKey, scopeKey, context, epoch: 0 })
 * const plaintext = await decryptEnvelope({ envelope, dataKey, context })
 * ```
 */
export async function decryptEnvelope(parameters: DecryptEnvelopeParameters): Promise<Uint8Array> {
  const { envelope, dataKey, context, signal, onProgress } = parameters
  assertBytes(envelope, 'envelope')
  const opener = await createOpener(envelope, dataKey, context)
  throwIfAborted(signal)
  const { aead, header, headerBytes } = opener
  const { segmentSize, noncePrefix } = header
  const stride = segmentSize + tagLength
  const body = envelope.length - headerLength
  const count = Math.max(1, Math.ceil(body / stride))
  const lastLength = body - (count - 1) * stride
  if (lastLength < tagLength) throw new TruncatedEnvelopeError({ segments: count - 1 })
  const plaintext = new Uint8Array(body - count * tagLength)
  const sealedAt = (i: number) =>
    envelope.subarray(
      headerLength + i * stride,
      Math.min(envelope.length, headerLength + (i + 1) * stride),
    )
  const { openSync } = aead
  if (openSync) {
    // node:crypto: one synchronous pass, writing each segment straight into the output.
    for (let i = 0; i < count; i++) {
      throwIfAborted(signal)
      const final = i === count - 1
      const sealed = sealedAt(i)
      if (
        !openSync(
          segmentNonce(noncePrefix, i, final),
          headerBytes,
          sealed,
          plaintext,
          i * segmentSize,
        )
      ) {
        plaintext.fill(0)
        throw await segmentFailure(opener, i, sealed, final)
      }
      onProgress?.({
        bytes: headerLength + Math.min(body, (i + 1) * stride),
        totalBytes: envelope.length,
      })
    }
  } else {
    // WebCrypto: `concurrency` segments in flight; report the first failing segment.
    let next = 0
    let done = 0
    let failed = -1
    const worker = async () => {
      while (next < count && failed < 0) {
        const i = next++
        throwIfAborted(signal)
        const ok = await aead.open(
          segmentNonce(noncePrefix, i, i === count - 1),
          headerBytes,
          sealedAt(i),
          plaintext,
          i * segmentSize,
        )
        if (!ok) failed = failed < 0 ? i : Math.min(failed, i)
        else {
          done++
          onProgress?.({
            bytes: headerLength + Math.min(body, done * stride),
            totalBytes: envelope.length,
          })
        }
      }
    }
    await Promise.all(Array.from({ length: Math.min(aead.concurrency, count) }, worker))
    if (failed >= 0) {
      plaintext.fill(0)
      throw await segmentFailure(opener, failed, sealedAt(failed), failed === count - 1)
    }
  }
  return header.padded ? plaintext.subarray(0, unpaddedLength(plaintext)) : plaintext
}
