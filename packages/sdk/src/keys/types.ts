/**
 * How a key is wrapped to a recipient's X25519 public key.
 * - `'hpke-x25519-sha256-aes256gcm'`: RFC 9180 base mode, DHKEM(X25519, HKDF-SHA256),
 *   HKDF-SHA256, AES-256-GCM. The default.
 * - `'x25519-xsalsa20-poly1305'`: MetaMask's deprecated `eth_decrypt` scheme (NaCl box), only for
 *   recipients that use the MetaMask legacy key provider.
 *
 * @example
 * ```ts
 * import type { WrapAlgorithm } from '@medchain/sdk/crypto'
 *
 * const algorithm: WrapAlgorithm = keyProvider.algorithm
 * ```
 */
export type WrapAlgorithm = 'hpke-x25519-sha256-aes256gcm' | 'x25519-xsalsa20-poly1305'

/**
 * A key wrapped with HPKE: the encapsulated key and the AES-256-GCM ciphertext (with tag).
 *
 * @example
 * ```ts
 * import type { HpkeWrappedKey } from '@medchain/sdk/crypto'
 *
 * const wrapped = (await wrapKey({ key, recipient: { publicKey }, info })) as HpkeWrappedKey
 * wrapped.enc.length // 32
 * ```
 */
export type HpkeWrappedKey = {
  algorithm: 'hpke-x25519-sha256-aes256gcm'
  /** HPKE `enc`: the sender's ephemeral X25519 public key (32 bytes). */
  enc: Uint8Array
  /** The wrapped key's ciphertext and 16-byte tag (48 bytes for a 32-byte key). */
  ciphertext: Uint8Array
}

/**
 * A key wrapped for MetaMask's `eth_decrypt` (x25519-xsalsa20-poly1305). Deprecated by MetaMask.
 *
 * @example
 * ```ts
 * import type { MetaMaskWrappedKey } from '@medchain/sdk/crypto'
 *
 * const wrapped = (await wrapKey({ key, recipient: { publicKey, algorithm: 'x25519-xsalsa20-poly1305' }, info })) as MetaMaskWrappedKey
 * ```
 */
export type MetaMaskWrappedKey = {
  algorithm: 'x25519-xsalsa20-poly1305'
  /** Sender's ephemeral X25519 public key (32 bytes). */
  ephemPublicKey: Uint8Array
  /** XSalsa20 nonce (24 bytes). */
  nonce: Uint8Array
  /** NaCl box of the payload (see the key hierarchy docs). */
  ciphertext: Uint8Array
}

/**
 * A key wrapped to one recipient's public key.
 *
 * @example
 * ```ts
 * import type { WrappedKey } from '@medchain/sdk/crypto'
 *
 * const wrapped: WrappedKey = await wrapKey({ key: scopeKey, recipient: { publicKey }, info })
 * ```
 */
export type WrappedKey = HpkeWrappedKey | MetaMaskWrappedKey

/**
 * Who a key is wrapped to: an X25519 public key and the algorithm its owner can unwrap.
 *
 * @example
 * ```ts
 * import type { EncryptionRecipient } from '@medchain/sdk/crypto'
 *
 * const recipient: EncryptionRecipient = { publicKey: granteeKey, algorithm: 'hpke-x25519-sha256-aes256gcm' }
 * ```
 */
export type EncryptionRecipient = {
  /** The recipient's X25519 encryption public key (32 bytes), e.g. from the on-chain registry. */
  publicKey: Uint8Array
  /** Default: `'hpke-x25519-sha256-aes256gcm'`. */
  algorithm?: WrapAlgorithm | undefined
}

/**
 * Which kind of key provider this is.
 *
 * @example
 * ```ts
 * import type { KeyProviderKind } from '@medchain/sdk/crypto'
 *
 * const kind: KeyProviderKind = keyProvider.kind // 'raw' | 'wallet-signature' | 'metamask-legacy'
 * ```
 */
export type KeyProviderKind = 'raw' | 'wallet-signature' | 'metamask-legacy'

/**
 * Parameters of {@link KeyProvider.unwrapKey}.
 *
 * @example
 * ```ts
 * import type { UnwrapKeyParameters } from '@medchain/sdk/crypto'
 *
 * const parameters: UnwrapKeyParameters = { wrapped, info: scopeKeyBinding({ context, epoch, grantee }) }
 * const key = await keyProvider.unwrapKey(parameters)
 * ```
 */
export type UnwrapKeyParameters = {
  /** The wrapped key. */
  wrapped: WrappedKey
  /** The binding the key was wrapped with (built by `scopeKeyBinding` / `recordKeyBinding`). */
  info: Uint8Array
  /** Aborts a pending wallet request. */
  signal?: AbortSignal | undefined
}

/**
 * Holds (or can reach) an X25519 private key and unwraps keys wrapped to its public key. The private
 * key never leaves the provider.
 *
 * @example
 * ```ts
 * import type { KeyProvider } from '@medchain/sdk/crypto'
 *
 * async function whoAmI(provider: KeyProvider) {
 *   console.log(provider.kind, provider.algorithm, await provider.getEncryptionPublicKey())
 * }
 * ```
 */
export type KeyProvider = {
  /** Which kind of provider this is. */
  readonly kind: KeyProviderKind
  /** The wrap algorithm this provider unwraps; grant to it with this algorithm. */
  readonly algorithm: WrapAlgorithm
  /** The X25519 public key to register on chain and to wrap keys to (32 bytes). */
  getEncryptionPublicKey(): Promise<Uint8Array>
  /** Unwraps a key wrapped to this provider's public key with the given binding. */
  unwrapKey(parameters: UnwrapKeyParameters): Promise<Uint8Array>
}
