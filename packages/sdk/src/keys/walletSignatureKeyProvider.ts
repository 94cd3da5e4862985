import { hkdf } from '@noble/hashes/hkdf.js'
import { sha256 } from '@noble/hashes/sha2.js'
import type { Address } from 'abitype'
import type { Hex } from 'viem'
import { recoverTypedDataAddress } from 'viem/utils'
import { addressToBytes } from '../crypto/envelope/context.js'
import { x25519PublicKey } from '../crypto/hpke/x25519.js'
import { concatBytes, equalBytes, fromHex, utf8 } from '../crypto/utils/bytes.js'
import {
  InvalidWalletSignatureError,
  KeyProviderRequestError,
  NonDeterministicWalletError,
} from '../errors/crypto.js'
import type { KeyProvider } from './types.js'
import { unwrapWithPrivateKey } from './unwrapWithPrivateKey.js'

/**
 * The fixed EIP-712 typed data a wallet signs to derive its MedChain encryption key. No chain id
 * in the domain: the key is the same on every chain, and wallets do not ask to switch networks.
 *
 * @example
 * ```ts
 * import { walletKeyTypedData } from '@medchain/sdk/crypto'
 *
 * console.log(walletKeyTypedData.domain.name) // 'MedChain'
 * ```
 */
export const walletKeyTypedData = {
  domain: { name: 'MedChain', version: '1' },
  types: {
    EncryptionKey: [
      { name: 'purpose', type: 'string' },
      { name: 'account', type: 'address' },
      { name: 'keyVersion', type: 'uint256' },
    ],
  },
  primaryType: 'EncryptionKey',
} as const

/** The `purpose` text the wallet shows. */
export const walletKeyPurpose =
  'Unlock my MedChain encryption key. Sign this only in a MedChain app you trust: this signature gives access to the health records shared with this account.'

/**
 * The EIP-712 typed data (with its message) that `address` signs to derive its encryption key: what
 * a {@link TypedDataSigner} receives.
 *
 * @example
 * ```ts
 * import { walletKeyMessage } from '@medchain/sdk/crypto'
 *
 * const signature = await walletClient.signTypedData({ account, ...walletKeyMessage(account.address) })
 * ```
 */
export function walletKeyMessage(address: Address) {
  return {
    ...walletKeyTypedData,
    message: { purpose: walletKeyPurpose, account: address, keyVersion: 1n },
  }
}

/**
 * Anything that signs EIP-712 typed data: a viem `LocalAccount`, or a viem `WalletClient` (its
 * `signTypedData` receives the client's own `account` when it has one, else `address`).
 *
 * @example
 * ```ts
 * import type { TypedDataSigner } from '@medchain/sdk/crypto'
 * import { privateKeyToAccount } from 'viem/accounts'
 *
 * const signer: TypedDataSigner = privateKeyToAccount(privateKey)
 * ```
 */
export type TypedDataSigner = {
  /** A WalletClient's hoisted account (local or JSON-RPC), if it has one. */
  account?: unknown
  signTypedData: (
    parameters: ReturnType<typeof walletKeyMessage> & { account: Address },
  ) => Promise<Hex>
}

/**
 * Parameters of {@link walletSignatureKeyProvider}.
 *
 * @example
 * ```ts
 * import type { WalletSignatureKeyProviderParameters } from '@medchain/sdk/crypto'
 *
 * const parameters: WalletSignatureKeyProviderParameters = { signer: walletClient, address }
 * ```
 */
export type WalletSignatureKeyProviderParameters = {
  /** A viem Account or WalletClient (anything with `signTypedData`). */
  signer: TypedDataSigner
  /** The account that signs. */
  address: Address
}

const salt = /* @__PURE__ */ utf8('MedChain wallet-signature key v1')

/** r || s of a 65-byte (r, s, v) or 64-byte EIP-2098 compact signature. */
function signatureScalars(signature: unknown): Uint8Array {
  const bytes = typeof signature === 'string' ? fromHex(signature) : undefined
  if (!bytes || (bytes.length !== 65 && bytes.length !== 64))
    throw new InvalidWalletSignatureError({
      reason: `expected a 65- or 64-byte hex signature, received ${bytes ? `${bytes.length} bytes` : typeof signature}`,
    })
  const scalars = bytes.slice(0, 64)
  if (bytes.length === 64) scalars[32] = (scalars[32] as number) & 0x7f // clear EIP-2098 yParity bit
  return scalars
}

/**
 * A key provider whose X25519 key is derived from a wallet signature over a fixed EIP-712 message
 * (HKDF-SHA256 of the signature's r || s). It asks the wallet to sign twice and refuses a wallet
 * whose two signatures differ (`NonDeterministicWalletError`): such a wallet would derive a
 * different key next time and lose access. The two prompts happen on first use; the key is then
 * cached in memory.
 *
 * @example
 * ```ts
 * import { privateKeyToAccount } from 'viem/accounts'
 * import { walletSignatureKeyProvider } from '@medchain/sdk/crypto'
 *
 * const account = privateKeyToAccount(process.env.PRIVATE_KEY as `0x${string}`)
 * const provider = walletSignatureKeyProvider({ signer: account, address: account.address })
 * const publicKey = await provider.getEncryptionPublicKey()
 * ```
 */
export function walletSignatureKeyProvider({
  signer,
  address,
}: WalletSignatureKeyProviderParameters): KeyProvider {
  const addressBytes = addressToBytes(address, 'address')
  let derived: Promise<{ privateKey: Uint8Array; publicKey: Uint8Array }> | undefined

  async function sign(): Promise<Hex> {
    try {
      // A WalletClient with a local account must get the account object, not its address (viem
      // would send the address to the RPC node instead of signing locally).
      const account = (signer.account ?? address) as Address
      return await signer.signTypedData({ ...walletKeyMessage(address), account })
    } catch (cause) {
      throw new KeyProviderRequestError({ method: 'eth_signTypedData_v4', cause })
    }
  }

  async function derive() {
    const first = await sign()
    const second = await sign()
    const a = signatureScalars(first)
    const b = signatureScalars(second)
    if (!equalBytes(a, b)) throw new NonDeterministicWalletError({ address })
    const recovered = await recoverTypedDataAddress({
      ...walletKeyMessage(address),
      signature: first,
    })
    if (recovered.toLowerCase() !== address.toLowerCase())
      throw new InvalidWalletSignatureError({
        reason: `the signature is from ${recovered}, not ${address}`,
      })
    const privateKey = hkdf(sha256, concatBytes(a), salt, addressBytes, 32)
    a.fill(0)
    b.fill(0)
    return { privateKey, publicKey: x25519PublicKey(privateKey) }
  }

  function key() {
    derived ??= derive().catch((error) => {
      derived = undefined
      throw error
    })
    return derived
  }

  return {
    kind: 'wallet-signature',
    algorithm: 'hpke-x25519-sha256-aes256gcm',
    async getEncryptionPublicKey() {
      return (await key()).publicKey.slice()
    },
    async unwrapKey(parameters) {
      return unwrapWithPrivateKey((await key()).privateKey, parameters, 'wallet-signature')
    },
  }
}
