import { InvalidBytesError } from '../../errors/crypto.js'

/** Pulls the next chunk of input, or `undefined` at the end. */
export type Pull = () => Promise<Uint8Array | undefined>

/** A pull source over a stream reader; rejects chunks that are not Uint8Array. */
export function readerPull(reader: ReadableStreamDefaultReader<Uint8Array>, name: string): Pull {
  return async () => {
    const { done, value } = await reader.read()
    if (done) return undefined
    if (!(value instanceof Uint8Array))
      throw new InvalidBytesError({ name, reason: 'must be a stream of Uint8Array chunks' })
    return value
  }
}

/**
 * Buffers chunks from a {@link Pull} and cuts them into fixed-size pieces, looking one byte ahead so
 * it knows which piece is the last. Holds at most one piece plus one input chunk. Internal.
 */
export class ChunkQueue {
  private chunks: Uint8Array[] = []
  private head = 0
  private buffered = 0
  private done = false
  /** Total bytes pulled from the source so far. */
  pulled = 0

  constructor(private readonly pull: Pull) {}

  private async fill(target: number): Promise<void> {
    while (!this.done && this.buffered < target) {
      const chunk = await this.pull()
      if (chunk === undefined) this.done = true
      else if (chunk.length > 0) {
        this.chunks.push(chunk)
        this.buffered += chunk.length
        this.pulled += chunk.length
      }
    }
  }

  private take(length: number): Uint8Array {
    const first = this.chunks[0]
    if (length === 0) return new Uint8Array(0)
    if (first && first.length - this.head >= length) {
      const piece = first.subarray(this.head, this.head + length)
      this.head += length
      if (this.head === first.length) {
        this.chunks.shift()
        this.head = 0
      }
      this.buffered -= length
      return piece
    }
    const piece = new Uint8Array(length)
    let offset = 0
    while (offset < length) {
      const chunk = this.chunks[0] as Uint8Array
      const n = Math.min(chunk.length - this.head, length - offset)
      piece.set(chunk.subarray(this.head, this.head + n), offset)
      offset += n
      this.head += n
      if (this.head === chunk.length) {
        this.chunks.shift()
        this.head = 0
      }
    }
    this.buffered -= length
    return piece
  }

  /** Exactly `length` bytes, or fewer if the input ends first. */
  async read(length: number): Promise<Uint8Array> {
    await this.fill(length)
    return this.take(Math.min(length, this.buffered))
  }

  /**
   * Like {@link next}, as views of the buffered input chunks instead of one copied piece. The
   * views share the caller's chunks: use them before the next read.
   */
  async nextParts(size: number): Promise<{ parts: Uint8Array[]; length: number; final: boolean }> {
    await this.fill(size + 1)
    const final = this.buffered <= size
    const length = final ? this.buffered : size
    const parts: Uint8Array[] = []
    for (let left = length; left > 0; ) {
      const chunk = this.chunks[0] as Uint8Array
      const n = Math.min(chunk.length - this.head, left)
      parts.push(chunk.subarray(this.head, this.head + n))
      this.head += n
      left -= n
      if (this.head === chunk.length) {
        this.chunks.shift()
        this.head = 0
      }
    }
    this.buffered -= length
    return { parts, length, final }
  }

  /**
   * The next piece of `size` bytes, with `final` true when no byte follows it. The final piece may
   * be shorter (or empty, when the input is empty).
   */
  async next(size: number): Promise<{ data: Uint8Array; final: boolean }> {
    await this.fill(size + 1)
    if (this.buffered > size) return { data: this.take(size), final: false }
    return { data: this.take(this.buffered), final: true }
  }
}
