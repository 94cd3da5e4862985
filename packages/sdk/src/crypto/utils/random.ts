import { UnsupportedRuntimeError } from '../../errors/crypto.js'

/** Cryptographically secure random bytes from WebCrypto's `getRandomValues` (Node >= 20 and browsers). */
export function randomBytes(length: number): Uint8Array<ArrayBuffer> {
  const crypto = globalThis.crypto
  if (!crypto?.getRandomValues)
    throw new UnsupportedRuntimeError({ feature: 'crypto.getRandomValues' })
  const out = new Uint8Array(length)
  for (let offset = 0; offset < length; offset += 65536)
    crypto.getRandomValues(out.subarray(offset, Math.min(length, offset + 65536)))
  return out
}
