import { x25519 } from '@noble/curves/ed25519.js'
import { assertKey } from '../utils/bytes.js'
import { randomBytes } from '../utils/random.js'
import { nodeCryptoSync } from '../utils/runtime.js'
import { nodeX25519PublicKey } from './nodeHpke.js'

/**
 * Computes the X25519 public key of a 32-byte private key (node:crypto when available, else
 * @noble/curves).
 */
export function x25519PublicKey(privateKey: Uint8Array): Uint8Array {
  assertKey(privateKey, 'privateKey')
  const crypto = nodeCryptoSync()
  return crypto ? nodeX25519PublicKey(crypto, privateKey).slice() : x25519.getPublicKey(privateKey)
}

/**
 * Generates an X25519 key pair for receiving grants (HPKE recipient key). Keep the private key
 * secret (e.g. in a keystore file); register the public key on chain.
 *
 * @example
 * ```ts
 * import { generateEncryptionKeyPair, rawKeyProvider } from '@medchain/sdk/crypto'
 *
 * const { privateKey, publicKey } = generateEncryptionKeyPair()
 * const provider = rawKeyProvider({ privateKey })
 * ```
 */
export function generateEncryptionKeyPair(): { privateKey: Uint8Array; publicKey: Uint8Array } {
  const privateKey = randomBytes(32)
  return { privateKey, publicKey: x25519PublicKey(privateKey) }
}
