import { hsalsa, xsalsa20poly1305 } from '@noble/ciphers/salsa.js'
import { u32 } from '@noble/ciphers/utils.js'
import { x25519 } from '@noble/curves/ed25519.js'
import { utf8 } from '../crypto/utils/bytes.js'
import { randomBytes } from '../crypto/utils/random.js'
import { InvalidPublicKeyError } from '../errors/crypto.js'

// NaCl crypto_box (x25519-xsalsa20-poly1305), as MetaMask's eth_decrypt expects, from @noble
// primitives: k = HSalsa20(X25519(ephemeralSecret, recipientPublicKey), 0^16) (crypto_box_beforenm),
// then crypto_secretbox = XSalsa20-Poly1305(k, nonce), output tag || ciphertext. Used in browsers,
// where @metamask/eth-sig-util cannot load (its import graph needs Node built-ins); checked against
// eth-sig-util's `decrypt` in tests.

const sigma = /* @__PURE__ */ utf8('expand 32-byte k')

/** Seals `message` to an X25519 public key with an ephemeral key and a random 24-byte nonce. */
export function naclBoxSeal(
  message: Uint8Array,
  recipientPublicKey: Uint8Array,
): { ephemPublicKey: Uint8Array; nonce: Uint8Array; ciphertext: Uint8Array } {
  const ephemeralSecret = randomBytes(32)
  const ephemPublicKey = x25519.getPublicKey(ephemeralSecret)
  let shared: Uint8Array
  try {
    shared = x25519.getSharedSecret(ephemeralSecret, recipientPublicKey)
  } catch (cause) {
    throw new InvalidPublicKeyError({
      reason: 'X25519 with this public key gives an all-zero secret',
      cause,
    })
  }
  const key = new Uint8Array(32)
  hsalsa(u32(sigma.slice()), u32(shared.slice()), u32(new Uint8Array(16)), u32(key))
  shared.fill(0)
  ephemeralSecret.fill(0)
  const nonce = randomBytes(24)
  const ciphertext = xsalsa20poly1305(key, nonce).encrypt(message)
  key.fill(0)
  return { ephemPublicKey, nonce, ciphertext }
}
