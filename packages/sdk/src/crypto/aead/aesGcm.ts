import { importAeadKey } from './importAeadKey.js'
import { tagLength } from './types.js'

/** One-shot AES-256-GCM encryption; returns ciphertext || tag. Internal (key wraps, keystore). */
export async function aesGcmSeal(
  key: Uint8Array,
  nonce: Uint8Array,
  aad: Uint8Array,
  plaintext: Uint8Array,
): Promise<Uint8Array<ArrayBuffer>> {
  const aead = await importAeadKey(key)
  const out = new Uint8Array(plaintext.length + tagLength)
  await aead.seal(nonce, aad, plaintext, out, 0)
  return out
}

/** One-shot AES-256-GCM decryption of ciphertext || tag; `undefined` if it does not authenticate. */
export async function aesGcmOpen(
  key: Uint8Array,
  nonce: Uint8Array,
  aad: Uint8Array,
  ciphertext: Uint8Array,
): Promise<Uint8Array<ArrayBuffer> | undefined> {
  if (ciphertext.length < tagLength) return undefined
  const aead = await importAeadKey(key)
  const out = new Uint8Array(ciphertext.length - tagLength)
  return (await aead.open(nonce, aad, ciphertext, out, 0)) ? out : undefined
}
