import { InvalidBytesError } from '../../errors/crypto.js'
import { linkAbortSignal } from '../utils/abort.js'
import { ChunkQueue, readerPull } from './chunkQueue.js'
import { headerLength } from './format.js'
import { createOpener, type DecryptOptions, openSegments } from './opener.js'
import { StreamUnpadder } from './unpadder.js'

/**
 * Parameters of {@link decryptStream}.
 *
 * @example
 * ```ts
 * import type { DecryptStreamParameters } from '@medchain/sdk/crypto'
 *
 * const parameters: DecryptStreamParameters = { ciphertext: response.body!, dataKey, context }
 * ```
 */
export type DecryptStreamParameters = DecryptOptions & {
  /** The envelope as a stream of Uint8Array chunks (any sizes). */
  ciphertext: ReadableStream<Uint8Array>
  /** Total envelope length, if known; only reported back through `onProgress`. */
  totalBytes?: number | undefined
}

/**
 * Decrypts an envelope stream in bounded memory. Each segment is authenticated before any of its
 * plaintext is released; a tampered, truncated, reordered or spliced envelope errors the stream
 * with a typed error. Because the stream releases verified segments as it goes, a consumer that
 * needs all-or-nothing semantics must discard what it read when the stream errors.
 *
 * @example
 * ```ts
 * import { decryptStream } from '@medchain/sdk/crypto'
 *
 * const plaintext = decryptStream({ ciphertext: response.body!, dataKey, context })
 * for await (const chunk of plaintext) sink.write(chunk)
 * ```
 */
export function decryptStream(parameters: DecryptStreamParameters): ReadableStream<Uint8Array> {
  const { ciphertext, dataKey, context, signal, onProgress, totalBytes } = parameters
  if (!(ciphertext instanceof ReadableStream))
    throw new InvalidBytesError({
      name: 'ciphertext',
      reason: 'must be a ReadableStream of Uint8Array',
    })
  const reader = ciphertext.getReader()
  const queue = new ChunkQueue(readerPull(reader, 'ciphertext'))
  let segments:
    | AsyncGenerator<{ plaintext: Uint8Array; final: boolean }, void, undefined>
    | undefined
  let unpadder: StreamUnpadder | undefined
  const abort = linkAbortSignal(signal, reader)
  const cleanup = abort.cleanup
  return new ReadableStream<Uint8Array>({
    start: abort.start,
    async pull(controller) {
      try {
        if (!segments) {
          const header = await queue.read(headerLength)
          const opener = await createOpener(header, dataKey, context)
          if (opener.header.padded) unpadder = new StreamUnpadder(opener.header.segmentSize)
          segments = openSegments(opener, queue, {
            signal,
            onProgress,
            totalBytes,
            allocate: (_index, length) => ({ out: new Uint8Array(length), offset: 0 }),
          })
        }
        // Pull segments until something can be released (padding may hold a whole segment back).
        for (;;) {
          const { done, value } = await segments.next()
          if (done) {
            cleanup()
            controller.close()
            return
          }
          const chunks = unpadder ? unpadder.push(value.plaintext, value.final) : [value.plaintext]
          let enqueued = false
          for (const chunk of chunks)
            if (chunk.length > 0) {
              controller.enqueue(chunk)
              enqueued = true
            }
          if (enqueued) return
        }
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
}
