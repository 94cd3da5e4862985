import type * as NodeCrypto from 'node:crypto'
import { type AeadKey, tagLength } from './types.js'

/**
 * Largest slice handed to one `update()` call. node:crypto allocates a fresh output buffer per call
 * (and copies it once more internally); whole segments of up to 1 MiB per call gave the fewest
 * garbage collections and page faults on the project's machines (smaller slices make many more
 * short-lived buffers, which costs more GC time than it saves in cache locality).
 */
const pieceLength = 1024 * 1024

/** The last `length` bytes of consecutive parts: a view when one part holds them, else a copy. */
function lastBytes(parts: readonly Uint8Array[], length: number): Uint8Array {
  const last = parts[parts.length - 1]
  if (last && last.length >= length) return last.subarray(last.length - length)
  const out = new Uint8Array(length)
  let end = length
  for (let p = parts.length - 1; p >= 0 && end > 0; p--) {
    const part = parts[p] as Uint8Array
    const n = Math.min(end, part.length)
    out.set(part.subarray(part.length - n), end - n)
    end -= n
  }
  return out
}

/** AES-256-GCM through node:crypto (one cipher object per segment; the key is imported once). */
export function nodeAeadKey(crypto: typeof NodeCrypto, key: Uint8Array): AeadKey {
  const keyObject = crypto.createSecretKey(key)

  /** Runs `update` over `input` in slices of at most `pieceLength`, writing into `out`. */
  function updateInto(
    cipher: NodeCrypto.Cipher | NodeCrypto.Decipher,
    input: Uint8Array,
    out: Uint8Array,
    written: number,
  ): number {
    for (let start = 0; start < input.length; start += pieceLength) {
      const piece = cipher.update(
        input.length <= pieceLength ? input : input.subarray(start, start + pieceLength),
      )
      out.set(piece, written)
      written += piece.length
    }
    return written
  }

  function sealSync(
    nonce: Uint8Array,
    aad: Uint8Array,
    plaintext: Uint8Array | readonly Uint8Array[],
    out: Uint8Array,
    offset: number,
  ): void {
    const cipher = crypto.createCipheriv('aes-256-gcm', keyObject, nonce, {
      authTagLength: tagLength,
    })
    cipher.setAAD(aad)
    let written = offset
    if (plaintext instanceof Uint8Array) written = updateInto(cipher, plaintext, out, written)
    else for (const part of plaintext) written = updateInto(cipher, part, out, written)
    const rest = cipher.final()
    if (rest.length > 0) out.set(rest, written)
    out.set(cipher.getAuthTag(), written + rest.length)
  }

  function openSync(
    nonce: Uint8Array,
    aad: Uint8Array,
    ciphertext: Uint8Array | readonly Uint8Array[],
    out: Uint8Array,
    offset: number,
  ): boolean {
    const parts = ciphertext instanceof Uint8Array ? [ciphertext] : ciphertext
    let sealedLength = 0
    for (const part of parts) sealedLength += part.length
    if (sealedLength < tagLength) return false
    const bodyLength = sealedLength - tagLength
    const decipher = crypto.createDecipheriv('aes-256-gcm', keyObject, nonce, {
      authTagLength: tagLength,
    })
    decipher.setAAD(aad)
    decipher.setAuthTag(lastBytes(parts, tagLength))
    // Plaintext is written to `out` before the tag is checked; on failure it is zeroed and callers
    // never release it.
    let written = offset
    let left = bodyLength
    for (const part of parts) {
      if (left === 0) break
      const body = part.length <= left ? part : part.subarray(0, left)
      written = updateInto(decipher, body, out, written)
      left -= body.length
    }
    try {
      const rest = decipher.final()
      if (rest.length > 0) out.set(rest, written)
      return true
    } catch {
      out.fill(0, offset, offset + bodyLength)
      return false
    }
  }

  return {
    backend: 'node',
    concurrency: 1,
    sealSync,
    openSync,
    async seal(nonce, aad, plaintext, out, offset) {
      sealSync(nonce, aad, plaintext, out, offset)
    },
    async open(nonce, aad, ciphertext, out, offset) {
      return openSync(nonce, aad, ciphertext, out, offset)
    },
  }
}
