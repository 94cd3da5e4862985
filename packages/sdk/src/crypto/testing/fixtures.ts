// Test helpers shared by the crypto and keys tests (not exported from the package).
import type { RecordContext } from '../envelope/context.js'
import { equalBytes } from '../utils/bytes.js'

export const context: RecordContext = {
  patient: '0x70997970C51812dc3A010C7d01b50e0d17dc79C8',
  chainId: 31337n,
  contract: '0x5FbDB2315678afecb367f032d93F642f64180aa3',
  scope: 1,
}

export const otherAddress = '0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC'

/** Deterministic pattern bytes: byte i = (i * 31 + seed) mod 251. */
export function pattern(length: number, seed = 0): Uint8Array {
  const out = new Uint8Array(length)
  for (let i = 0; i < length; i++) out[i] = (i * 31 + seed) % 251
  return out
}

/** A stream that yields `bytes` in chunks of the given sizes (cycled). */
export function chunkedStream(
  bytes: Uint8Array,
  sizes: readonly number[] = [65536],
): ReadableStream<Uint8Array> {
  let offset = 0
  let i = 0
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      if (offset >= bytes.length) {
        controller.close()
        return
      }
      const size = Math.max(1, sizes[i++ % sizes.length] as number)
      controller.enqueue(bytes.slice(offset, offset + size))
      offset += size
    },
  })
}

/** Reads a whole stream into one Uint8Array. */
export async function readAll(stream: ReadableStream<Uint8Array>): Promise<Uint8Array> {
  const chunks: Uint8Array[] = []
  let length = 0
  const reader = stream.getReader()
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    chunks.push(value)
    length += value.length
  }
  const out = new Uint8Array(length)
  let offset = 0
  for (const c of chunks) {
    out.set(c, offset)
    offset += c.length
  }
  return out
}

/** Fast equality for large arrays (vitest's deep equality is slow on megabytes). */
export function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && equalBytes(a, b)
}

/** Flips bit `bit` (0 = least significant bit of byte 0) of a copy of `bytes`. */
export function flipBit(bytes: Uint8Array, bit: number): Uint8Array {
  const out = bytes.slice()
  out[bit >> 3] = (out[bit >> 3] as number) ^ (1 << (bit & 7))
  return out
}
