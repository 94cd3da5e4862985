import { x25519 } from '@noble/curves/ed25519.js'
import { webAeadKey } from '../aead/webAead.js'
import { randomBytes } from '../utils/random.js'
import {
  deriveX25519PrivateKey,
  openWithDhSecret,
  sealWithDhSecret,
  x25519Length,
} from './suite.js'
import type { HpkeOpenParameters, HpkeSealed, HpkeSealParameters } from './types.js'

// RFC 9180 base mode for browsers: the same composition as nodeHpke.ts (the key schedule in
// suite.ts), with X25519 from @noble/curves and AES-256-GCM from WebCrypto. Both are already in
// every browser bundle of the SDK, where @hpke/core would add ~27 kB; hpke.test.ts checks this
// backend against the RFC 9180 vector and against @hpke/core in both directions.

/** X25519, or undefined for a low-order point or a malformed key (RFC 9180 7.1.4 all-zero check). */
function dh(privateKey: Uint8Array, publicKey: Uint8Array): Uint8Array | undefined {
  if (privateKey.length !== x25519Length || publicKey.length !== x25519Length) return undefined
  try {
    const shared = x25519.getSharedSecret(privateKey, publicKey)
    return shared.some((b) => b !== 0) ? shared : undefined
  } catch {
    return undefined // noble refuses an all-zero result itself
  }
}

/** HPKE SealBase through @noble/curves and WebCrypto. */
export async function webHpkeSeal(parameters: HpkeSealParameters): Promise<HpkeSealed> {
  const { recipientPublicKey, plaintext, info, aad = new Uint8Array(0), ikmE } = parameters
  const skE = ikmE ? deriveX25519PrivateKey(ikmE) : randomBytes(x25519Length)
  const enc = x25519.getPublicKey(skE)
  const shared = dh(skE, recipientPublicKey)
  skE.fill(0)
  const ciphertext = await sealWithDhSecret(
    shared,
    enc,
    recipientPublicKey,
    info,
    aad,
    plaintext,
    webAeadKey,
  )
  return { enc, ciphertext }
}

/** HPKE OpenBase through @noble/curves and WebCrypto. */
export async function webHpkeOpen(parameters: HpkeOpenParameters): Promise<Uint8Array> {
  const { privateKey, enc, ciphertext, info, aad = new Uint8Array(0) } = parameters
  const shared = dh(privateKey, enc)
  // dh refuses a private key that is not 32 bytes, so only then is its public key derived.
  const publicKey = shared ? x25519.getPublicKey(privateKey) : enc
  return openWithDhSecret(shared, enc, publicKey, info, aad, ciphertext, webAeadKey)
}
