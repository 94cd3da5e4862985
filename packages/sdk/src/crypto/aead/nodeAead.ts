import type * as NodeCrypto from 'node:crypto'
import { type AeadKey, tagLength } from './types.js'

/**
 * Largest slice handed to one `update()` call. node:crypto allocates a fresh output buffer per call
 * (and copies it once more internally); whole segments of up to 1 MiB per call gave the fewest
 * garbage collections and page faults on the project's machines (smaller slices make many more
 * short-lived buffers, which costs more GC time than it saves in cache locality).
 */
const pieceLength = 1024 * 1024

/** AES-256-GCM through node:crypto (one cipher object per segment; the key is imported once). */
export function nodeAeadKey(crypto: typeof NodeCrypto, key: Uint8Array): AeadKey {
  const keyObject = crypto.createSecretKey(key)

  function sealSync(
    nonce: Uint8Array,
    aad: Uint8Array,
    plaintext: Uint8Array,
    out: Uint8Array,
    offset: number,
  ): void {
    const cipher = crypto.createCipheriv('aes-256-gcm', keyObject, nonce, {
      authTagLength: tagLength,
    })
    cipher.setAAD(aad)
    let written = offset
    for (let start = 0; start < plaintext.length; start += pieceLength) {
      const input =
        plaintext.length <= pieceLength ? plaintext : plaintext.subarray(start, start + pieceLength)
      const piece = cipher.update(input)
      out.set(piece, written)
      written += piece.length
    }
    const rest = cipher.final()
    if (rest.length > 0) out.set(rest, written)
    out.set(cipher.getAuthTag(), offset + plaintext.length)
  }

  function openSync(
    nonce: Uint8Array,
    aad: Uint8Array,
    ciphertext: Uint8Array,
    out: Uint8Array,
    offset: number,
  ): boolean {
    if (ciphertext.length < tagLength) return false
    const bodyLength = ciphertext.length - tagLength
    const decipher = crypto.createDecipheriv('aes-256-gcm', keyObject, nonce, {
      authTagLength: tagLength,
    })
    decipher.setAAD(aad)
    decipher.setAuthTag(ciphertext.subarray(bodyLength))
    // Plaintext is written to `out` before the tag is checked; on failure it is zeroed and callers
    // never release it.
    let written = offset
    for (let start = 0; start < bodyLength; start += pieceLength) {
      const piece = decipher.update(
        ciphertext.subarray(start, Math.min(bodyLength, start + pieceLength)),
      )
      out.set(piece, written)
      written += piece.length
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
