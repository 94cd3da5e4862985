import { x25519PublicKey } from '../crypto/hpke/x25519.js'
import { assertKey } from '../crypto/utils/bytes.js'
import type { KeyProvider } from './types.js'
import { unwrapWithPrivateKey } from './unwrapWithPrivateKey.js'

/**
 * Parameters of {@link rawKeyProvider}.
 *
 * @example
 * ```ts
 * import type { RawKeyProviderParameters } from '@medchain/sdk/crypto'
 *
 * const parameters: RawKeyProviderParameters = { privateKey: generateEncryptionKeyPair().privateKey }
 * ```
 */
export type RawKeyProviderParameters = {
  /** The 32-byte X25519 private key (from `generateEncryptionKeyPair` or a keystore file). */
  privateKey: Uint8Array
}

/**
 * A key provider over a raw X25519 private key, for servers, scripts and tests. It keeps its own
 * copy of the key. In Node, load the key from an encrypted keystore file with `loadKeystore`.
 *
 * @example
 * ```ts
 * import { generateEncryptionKeyPair, rawKeyProvider } from '@medchain/sdk/crypto'
 *
 * const { privateKey } = generateEncryptionKeyPair()
 * const provider = rawKeyProvider({ privateKey })
 * const publicKey = await provider.getEncryptionPublicKey() // register on chain
 * ```
 */
export function rawKeyProvider({ privateKey }: RawKeyProviderParameters): KeyProvider {
  assertKey(privateKey, 'privateKey')
  const secret = privateKey.slice()
  const publicKey = x25519PublicKey(secret)
  return {
    kind: 'raw',
    algorithm: 'hpke-x25519-sha256-aes256gcm',
    async getEncryptionPublicKey() {
      return publicKey.slice()
    },
    async unwrapKey(parameters) {
      return unwrapWithPrivateKey(secret, parameters, 'raw')
    },
  }
}
