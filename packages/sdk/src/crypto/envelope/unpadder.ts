import { InvalidPaddingError } from '../../errors/crypto.js'
import { concatBytes, readUint64 } from '../utils/bytes.js'
import { paddedLength, paddingTrailerLength } from './padding.js'

/** Index of the first non-zero byte in `bytes[start, end)`, or -1 (word-at-a-time where aligned). */
function firstNonZero(bytes: Uint8Array, start: number, end: number): number {
  let i = start
  const absolute = bytes.byteOffset + i
  const misalign = (4 - (absolute % 4)) % 4
  for (const stop = Math.min(end, i + misalign); i < stop; i++) if (bytes[i] !== 0) return i
  const words = Math.floor((end - i) / 4)
  if (words > 0) {
    const view = new Uint32Array(bytes.buffer, bytes.byteOffset + i, words)
    for (let w = 0; w < words; w++)
      if (view[w] !== 0) {
        for (let j = i + 4 * w; j < i + 4 * w + 4; j++) if (bytes[j] !== 0) return j
      }
    i += 4 * words
  }
  for (; i < end; i++) if (bytes[i] !== 0) return i
  return -1
}

/** Checks the padding of a whole padded plaintext and returns the length of the data in it. */
export function unpaddedLength(padded: Uint8Array): number {
  if (padded.length < paddingTrailerLength)
    throw new InvalidPaddingError({
      reason: `padded plaintext is ${padded.length} bytes, shorter than its trailer`,
    })
  const dataEnd = padded.length - paddingTrailerLength
  const length = readUint64(padded, dataEnd)
  if (length === undefined || length > dataEnd || paddedLength(length) !== padded.length)
    throw new InvalidPaddingError({
      reason: `length trailer ${String(length)} does not match padded length ${padded.length}`,
    })
  const bad = firstNonZero(padded, length, dataEnd)
  if (bad >= 0) throw new InvalidPaddingError({ reason: `non-zero padding byte at offset ${bad}` })
  return length
}

/**
 * Removes the padding from a stream of decrypted segments in bounded memory. The data length is
 * only known from the trailer at the very end, so runs of zero bytes (which might be padding) are
 * held back as a count, not as bytes, together with the last 8 bytes (which might be the trailer).
 */
export class StreamUnpadder {
  private emitted = 0
  private pendingZeros = 0
  private tail: Uint8Array = new Uint8Array(0)

  constructor(private readonly zeroChunkSize: number) {}

  /** Feeds one decrypted segment; returns the chunks that can now be released, in order. */
  push(chunk: Uint8Array, final: boolean): Uint8Array[] {
    const out: Uint8Array[] = []
    const total = this.tail.length + chunk.length
    if (total < paddingTrailerLength) {
      if (final)
        throw new InvalidPaddingError({
          reason: `padded plaintext is ${total} bytes, shorter than its trailer`,
        })
      this.tail = concatBytes(this.tail, chunk)
      return out
    }
    let parts: Uint8Array[]
    let keep: Uint8Array
    if (chunk.length >= paddingTrailerLength) {
      parts = [this.tail, chunk.subarray(0, chunk.length - paddingTrailerLength)]
      keep = chunk.slice(chunk.length - paddingTrailerLength)
    } else {
      const combined = concatBytes(this.tail, chunk)
      parts = [combined.subarray(0, combined.length - paddingTrailerLength)]
      keep = combined.subarray(combined.length - paddingTrailerLength)
    }
    this.release(parts, out)
    if (!final) {
      this.tail = keep
      return out
    }
    const length = readUint64(keep, 0)
    const dataEnd = this.emitted + this.pendingZeros
    if (length === undefined || paddedLength(length) !== dataEnd + paddingTrailerLength)
      throw new InvalidPaddingError({
        reason: `length trailer ${String(length)} does not match padded length ${dataEnd + paddingTrailerLength}`,
      })
    if (length < this.emitted)
      throw new InvalidPaddingError({ reason: `non-zero padding byte after offset ${length}` })
    this.emitZeros(length - this.emitted, out)
    this.pendingZeros = 0
    return out
  }

  private emitZeros(count: number, out: Uint8Array[]): void {
    for (let left = count; left > 0; ) {
      const n = Math.min(left, this.zeroChunkSize)
      out.push(new Uint8Array(n))
      left -= n
    }
    this.emitted += count
  }

  private release(parts: Uint8Array[], out: Uint8Array[]): void {
    let lastPart = -1
    let lastIndex = -1
    for (let p = parts.length - 1; p >= 0 && lastPart < 0; p--) {
      const part = parts[p] as Uint8Array
      for (let i = part.length - 1; i >= 0; i--)
        if (part[i] !== 0) {
          lastPart = p
          lastIndex = i
          break
        }
    }
    if (lastPart < 0) {
      for (const part of parts) this.pendingZeros += part.length
      return
    }
    this.emitZeros(this.pendingZeros, out)
    this.pendingZeros = 0
    for (let p = 0; p < lastPart; p++) {
      const part = parts[p] as Uint8Array
      if (part.length > 0) out.push(part)
      this.emitted += part.length
    }
    const last = (parts[lastPart] as Uint8Array).subarray(0, lastIndex + 1)
    out.push(last)
    this.emitted += last.length
    this.pendingZeros = (parts[lastPart] as Uint8Array).length - lastIndex - 1
    for (let p = lastPart + 1; p < parts.length; p++)
      this.pendingZeros += (parts[p] as Uint8Array).length
  }
}
