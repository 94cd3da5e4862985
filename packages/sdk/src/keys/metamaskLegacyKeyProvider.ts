import type { Address } from 'abitype'
import { addressToBytes } from '../crypto/envelope/context.js'
import { throwIfAborted } from '../crypto/utils/abort.js'
import { assertBytes, fromBase64, toBase64, toHex, utf8 } from '../crypto/utils/bytes.js'
import {
  CryptoAbortedError,
  InvalidPublicKeyError,
  InvalidWrappedKeyError,
  KeyProviderRequestError,
  UnsupportedWrapAlgorithmError,
} from '../errors/crypto.js'
import { decodeMetaMaskPayload } from './metamaskPayload.js'
import type { KeyProvider } from './types.js'

/**
 * The smallest EIP-1193 provider: `window.ethereum`, or a viem client's `request`.
 *
 * @example
 * ```ts
 * import type { Eip1193Requester } from '@medchain/sdk/crypto'
 *
 * const provider: Eip1193Requester = window.ethereum
 * ```
 */
export type Eip1193Requester = {
  request: (args: { method: string; params?: unknown }) => Promise<unknown>
}

/**
 * Parameters of {@link metamaskLegacyKeyProvider}.
 *
 * @example
 * ```ts
 * import type { MetaMaskLegacyKeyProviderParameters } from '@medchain/sdk/crypto'
 *
 * const parameters: MetaMaskLegacyKeyProviderParameters = { provider: window.ethereum, address }
 * ```
 */
export type MetaMaskLegacyKeyProviderParameters = {
  /** An EIP-1193 provider (e.g. `window.ethereum`). */
  provider: Eip1193Requester
  /** The MetaMask account. */
  address: Address
}

function abortable<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(new CryptoAbortedError({ cause: signal.reason }))
    signal.addEventListener('abort', onAbort, { once: true })
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort))
  })
}

/**
 * @deprecated MetaMask deprecated `eth_getEncryptionPublicKey` and `eth_decrypt`; prefer
 * `walletSignatureKeyProvider`. Kept for accounts that already registered a MetaMask encryption key.
 *
 * A key provider backed by MetaMask's legacy encryption (x25519-xsalsa20-poly1305). Keys granted
 * to it must be wrapped with `algorithm: 'x25519-xsalsa20-poly1305'`; each unwrap is one
 * `eth_decrypt` prompt.
 *
 * @example
 * ```ts
 * import { metamaskLegacyKeyProvider } from '@medchain/sdk/crypto'
 *
 * const [address] = await window.ethereum.request({ method: 'eth_requestAccounts' })
 * const provider = metamaskLegacyKeyProvider({ provider: window.ethereum, address })
 * ```
 */
export function metamaskLegacyKeyProvider({
  provider,
  address,
}: MetaMaskLegacyKeyProviderParameters): KeyProvider {
  addressToBytes(address, 'address')
  let publicKey: Promise<Uint8Array> | undefined

  async function request(
    method: string,
    params: unknown[],
    signal?: AbortSignal,
  ): Promise<unknown> {
    throwIfAborted(signal)
    try {
      return await abortable(provider.request({ method, params }), signal)
    } catch (cause) {
      if (cause instanceof CryptoAbortedError) throw cause
      throw new KeyProviderRequestError({ method, cause })
    }
  }

  async function fetchPublicKey(): Promise<Uint8Array> {
    const result = await request('eth_getEncryptionPublicKey', [address])
    const bytes = typeof result === 'string' ? fromBase64(result) : undefined
    if (bytes?.length !== 32)
      throw new InvalidPublicKeyError({
        reason: 'eth_getEncryptionPublicKey did not return a base64 32-byte key',
      })
    return bytes
  }

  return {
    kind: 'metamask-legacy',
    algorithm: 'x25519-xsalsa20-poly1305',
    async getEncryptionPublicKey() {
      publicKey ??= fetchPublicKey().catch((error) => {
        publicKey = undefined
        throw error
      })
      return (await publicKey).slice()
    },
    async unwrapKey({ wrapped, info, signal }) {
      assertBytes(info, 'info')
      if (wrapped?.algorithm !== 'x25519-xsalsa20-poly1305')
        throw new UnsupportedWrapAlgorithmError({
          algorithm: String(wrapped?.algorithm),
          provider: 'metamask-legacy',
        })
      if (
        wrapped.ephemPublicKey?.length !== 32 ||
        wrapped.nonce?.length !== 24 ||
        !(wrapped.ciphertext?.length > 16)
      )
        throw new InvalidWrappedKeyError({
          reason: 'ephemPublicKey must be 32 bytes, nonce 24, ciphertext > 16',
        })
      const encrypted = JSON.stringify({
        version: 'x25519-xsalsa20-poly1305',
        nonce: toBase64(wrapped.nonce),
        ephemPublicKey: toBase64(wrapped.ephemPublicKey),
        ciphertext: toBase64(wrapped.ciphertext),
      })
      const payload = await request('eth_decrypt', [`0x${toHex(utf8(encrypted))}`, address], signal)
      if (typeof payload !== 'string')
        throw new InvalidWrappedKeyError({ reason: 'eth_decrypt did not return a string' })
      return decodeMetaMaskPayload(payload, info)
    },
  }
}
