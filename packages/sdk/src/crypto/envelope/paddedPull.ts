import { writeUint64 } from '../utils/bytes.js'
import type { Pull } from './chunkQueue.js'
import { paddedLength, paddingTrailerLength } from './padding.js'

/**
 * Wraps a plaintext source so that it yields `data || zeros || u64be(data length)`, the padded
 * plaintext of a padded envelope, without knowing the length in advance. Internal.
 */
export function paddedPull(
  pull: Pull,
  zeroChunkSize: number,
): { pull: Pull; dataLength: () => number } {
  let length = 0
  let state: 'data' | 'zeros' | 'trailer' | 'done' = 'data'
  let zerosLeft = 0
  let zeros: Uint8Array | undefined
  return {
    dataLength: () => length,
    pull: async () => {
      if (state === 'data') {
        const chunk = await pull()
        if (chunk !== undefined) {
          length += chunk.length
          return chunk
        }
        state = 'zeros'
        zerosLeft = paddedLength(length) - length - paddingTrailerLength
      }
      if (state === 'zeros') {
        if (zerosLeft > 0) {
          const n = Math.min(zerosLeft, zeroChunkSize)
          // One read-only zero buffer is reused: the envelope code never writes into its input.
          if (!zeros || zeros.length < n) zeros = new Uint8Array(Math.min(zeroChunkSize, zerosLeft))
          zerosLeft -= n
          return zeros.subarray(0, n)
        }
        state = 'trailer'
      }
      if (state === 'trailer') {
        state = 'done'
        const trailer = new Uint8Array(paddingTrailerLength)
        writeUint64(trailer, 0, length)
        return trailer
      }
      return undefined
    },
  }
}
