import { InvalidBytesError } from '../../errors/crypto.js'
import { linkAbortSignal } from '../utils/abort.js'
import { ChunkQueue, readerPull } from './chunkQueue.js'
import { paddedPull } from './paddedPull.js'
import { createSealer, type EncryptOptions, sealSegments } from './sealer.js'

/**
 * Parameters of {@link encryptStream}.
 *
 * @example
 * ```ts
 * import type { EncryptStreamParameters } from '@medchain/sdk/crypto'
 *
 * const parameters: EncryptStreamParameters = { plaintext: file.stream(), context, totalBytes: file.size }
 * ```
 */
export type EncryptStreamParameters = EncryptOptions & {
  /** The record's bytes as a stream of Uint8Array chunks (any sizes). */
  plaintext: ReadableStream<Uint8Array>
  /** Total plaintext length, if known; only reported back through `onProgress`. */
  totalBytes?: number | undefined
}

/**
 * Result of {@link encryptStream}.
 *
 * @example
 * ```ts
 * import type { EncryptStreamReturnType } from '@medchain/sdk/crypto'
 *
 * const { ciphertext, dataKey }: EncryptStreamReturnType = encryptStream({ plaintext: file.stream(), context })
 * ```
 */
export type EncryptStreamReturnType = {
  /** The envelope as a stream: the header, then one chunk per sealed segment. */
  ciphertext: ReadableStream<Uint8Array>
  /** The fresh random 256-bit data key. Wrap it (see `wrapDataKey`), then forget it. */
  dataKey: Uint8Array
}

/**
 * Encrypts a stream of any length in bounded memory (about two segments). The output is
 * byte-for-byte what {@link encryptEnvelope} returns for the same inputs. Validation errors throw
 * at once; errors while streaming (including `CryptoAbortedError`) error the returned stream.
 *
 * @example
 * ```ts
 * import { encryptStream } from '@medchain/sdk/crypto'
 *
 * const file = await fetch(url)
 * const { ciphertext, dataKey } = encryptStream({ plaintext: file.body!, context, signal })
 * await storage.put(ciphertext) // e.g. add to IPFS as a stream
 * ```
 */
export function encryptStream(parameters: EncryptStreamParameters): EncryptStreamReturnType {
  const { plaintext, signal, onProgress, totalBytes } = parameters
  if (!(plaintext instanceof ReadableStream))
    throw new InvalidBytesError({
      name: 'plaintext',
      reason: 'must be a ReadableStream of Uint8Array',
    })
  const sealer = createSealer(parameters)
  const reader = plaintext.getReader()
  const paddedSource = sealer.padded
    ? paddedPull(readerPull(reader, 'plaintext'), sealer.segmentSize)
    : undefined
  const queue = new ChunkQueue(paddedSource ? paddedSource.pull : readerPull(reader, 'plaintext'))
  let segments: AsyncGenerator<Uint8Array, void, undefined> | undefined
  let headerSent = false
  const abort = linkAbortSignal(signal, reader)
  const cleanup = abort.cleanup
  const ciphertext = new ReadableStream<Uint8Array>({
    start: abort.start,
    async pull(controller) {
      try {
        if (!headerSent) {
          headerSent = true
          controller.enqueue(sealer.header.slice())
          return
        }
        segments ??= sealSegments(sealer, queue, {
          signal,
          onProgress,
          totalBytes,
          sourceBytes: paddedSource ? paddedSource.dataLength : () => queue.pulled,
          allocate: (_index, length) => ({ out: new Uint8Array(length), offset: 0 }),
        })
        const { done, value } = await segments.next()
        if (done) {
          cleanup()
          controller.close()
          return
        }
        controller.enqueue(value)
      } catch (error) {
        cleanup()
        await reader.cancel(error).catch(() => {})
        throw error
      }
    },
    async cancel(reason) {
      cleanup()
      await segments?.return()
      await reader.cancel(reason)
    },
  })
  return { ciphertext, dataKey: sealer.dataKey }
}
