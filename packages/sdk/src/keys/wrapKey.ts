import type * as EthSigUtilEncryption from '@metamask/eth-sig-util/encryption'
import { hpkeSeal } from '../crypto/hpke/hpke.js'
import { assertBytes, assertKey, fromBase64, toBase64, utf8 } from '../crypto/utils/bytes.js'
import { loadNodeOnlyPackage } from '../crypto/utils/runtime.js'
import { InvalidPublicKeyError, UnsupportedWrapAlgorithmError } from '../errors/crypto.js'
import { encodeMetaMaskPayload } from './metamaskPayload.js'
import type { EncryptionRecipient, WrappedKey } from './types.js'

/**
 * Parameters of {@link wrapKey}.
 *
 * @example
 * ```ts
 * import type { WrapKeyParameters } from '@medchain/sdk/crypto'
 *
 * const parameters: WrapKeyParameters = { key: scopeKey, recipient: { publicKey }, info }
 * ```
 */
export type WrapKeyParameters = {
  /** The 32-byte key to wrap (a scope key or a data key). */
  key: Uint8Array
  /** The recipient's public key and algorithm. */
  recipient: EncryptionRecipient
  /** The binding: `scopeKeyBinding(...)` or `recordKeyBinding(...)`. */
  info: Uint8Array
}

/**
 * Wraps a 32-byte key to a recipient's X25519 public key: HPKE (RFC 9180 base mode) by default, or
 * MetaMask's legacy x25519-xsalsa20-poly1305 for recipients that registered that algorithm. The
 * `info` binding must be rebuilt identically to unwrap.
 *
 * @example
 * ```ts
 * import { scopeKeyBinding, wrapKey } from '@medchain/sdk/crypto'
 *
 * const wrapped = await wrapKey({
 *   key: scopeKey,
 *   recipient: { publicKey: granteePublicKey },
 *   info: scopeKeyBinding({ context, epoch }),
 * })
 * ```
 */
export async function wrapKey({ key, recipient, info }: WrapKeyParameters): Promise<WrappedKey> {
  assertKey(key, 'key')
  assertBytes(info, 'info')
  const algorithm = recipient?.algorithm ?? 'hpke-x25519-sha256-aes256gcm'
  const publicKey = recipient?.publicKey
  if (!(publicKey instanceof Uint8Array) || publicKey.length !== 32)
    throw new InvalidPublicKeyError({ reason: 'recipient.publicKey must be a 32-byte Uint8Array' })
  if (algorithm === 'hpke-x25519-sha256-aes256gcm') {
    const { enc, ciphertext } = await hpkeSeal({
      recipientPublicKey: publicKey,
      plaintext: key,
      info,
    })
    return { algorithm, enc, ciphertext }
  }
  if (algorithm === 'x25519-xsalsa20-poly1305') {
    const payload = encodeMetaMaskPayload(key, info)
    // Node: MetaMask's own library. Browsers: the same NaCl box from @noble primitives, because
    // @metamask/eth-sig-util's import graph needs Node built-ins (events, http, zlib).
    const ethSigUtil = await loadNodeOnlyPackage<typeof EthSigUtilEncryption>(
      '@metamask/eth-sig-util/encryption',
    )
    if (ethSigUtil) {
      const sealed = ethSigUtil.encrypt({
        publicKey: toBase64(publicKey),
        data: payload,
        version: algorithm,
      })
      return {
        algorithm,
        ephemPublicKey: fromBase64(sealed.ephemPublicKey) as Uint8Array,
        nonce: fromBase64(sealed.nonce) as Uint8Array,
        ciphertext: fromBase64(sealed.ciphertext) as Uint8Array,
      }
    }
    // Loaded on demand: only wrapping to a (deprecated) MetaMask key in a browser needs it.
    const { naclBoxSeal } = await import('./naclBox.js')
    return { algorithm, ...naclBoxSeal(utf8(payload), publicKey) }
  }
  throw new UnsupportedWrapAlgorithmError({ algorithm: String(algorithm) })
}
