import { bytesToHex, type Hex } from 'viem'
import type { MedChainActionClient } from '../../client/types.js'
import type { MedChainError } from '../../errors/base.js'
import { ScopeKeyNotFoundError } from '../../errors/client.js'
import type { WrapAlgorithm } from '../../keys/types.js'
import { requireAccount, type WriteResult, write } from '../internal/contract.js'
import { cidToHex, storeVerified } from '../internal/scopeKeys.js'

/**
 * A provider's public profile (not health data; stored in the clear by CID).
 *
 * @example
 * ```ts
 * import type { ProviderProfile } from '@medchain/sdk'
 *
 * const profile: ProviderProfile = { name: 'Dr. Grace Hopper', institution: 'St. Mary', credentialRef: '0x…' }
 * ```
 */
export type ProviderProfile = {
  name: string
  institution: string /** e.g. the hash of a licence document. */
  credentialRef: Hex
  /**
   * Set by the SDK when the provider's key is not an HPKE key (MetaMask's legacy
   * `eth_getEncryptionPublicKey`): the key it applies to and how grants must wrap keys to it.
   */
  encryptionKey?: { publicKey: Hex; algorithm: WrapAlgorithm } | undefined
  [field: string]: unknown
}

/**
 * Parameters of {@link registerProvider}.
 *
 * @example
 * ```ts
 * import type { RegisterProviderParameters } from '@medchain/sdk'
 *
 * const parameters: RegisterProviderParameters = { profile }
 * ```
 */
export type RegisterProviderParameters = { profile: ProviderProfile }

/**
 * Result of {@link registerProvider}.
 *
 * @example
 * ```ts
 * import type { RegisterProviderReturnType } from '@medchain/sdk'
 *
 * const { profileCid }: RegisterProviderReturnType = await registerProvider(client, parameters)
 * ```
 */
export type RegisterProviderReturnType = WriteResult<'Registered'> & { profileCid: string }

/**
 * Errors {@link registerProvider} can throw.
 *
 * @example
 * ```ts
 * import type { RegisterProviderErrorType } from '@medchain/sdk'
 *
 * const describe = (error: RegisterProviderErrorType) => error.name
 * ```
 */
export type RegisterProviderErrorType = MedChainError

/**
 * Registers the client's account as a healthcare provider with its public profile and X25519 key. It
 * can request and receive access once an administrator verifies it (`verifyProvider`).
 *
 * @example
 * ```ts
 * import { registerProvider } from '@medchain/sdk'
 *
 * await registerProvider(doctorClient, { profile: { name: 'Dr. Grace Hopper', institution: 'St. Mary', credentialRef } })
 * ```
 */
export async function registerProvider(
  client: MedChainActionClient,
  parameters: RegisterProviderParameters,
): Promise<RegisterProviderReturnType> {
  const provider = requireAccount(client, 'registerProvider').address
  if (!client.keyProvider)
    throw new ScopeKeyNotFoundError({
      patient: provider,
      scope: 0,
      epoch: 0,
      reason: 'the client has no key provider',
    })
  const publicKey = await client.keyProvider.getEncryptionPublicKey()
  const profile = withEncryptionKey(parameters.profile, publicKey, client.keyProvider.algorithm)
  const profileCid = await storeVerified(client, new TextEncoder().encode(JSON.stringify(profile)))
  const result = await write(client, {
    functionName: 'register',
    args: [2, bytesToHex(publicKey), cidToHex(profileCid)],
    eventName: 'Registered',
  })
  return { ...result, profileCid }
}

/**
 * The profile, declaring the provider's key algorithm when it is not HPKE, so that grants wrap keys
 * the way its key provider can open them (see `recipientOf`).
 */
export function withEncryptionKey(
  profile: ProviderProfile,
  publicKey: Uint8Array,
  algorithm: WrapAlgorithm,
): ProviderProfile {
  const { encryptionKey: _previous, ...rest } = profile
  return algorithm === 'hpke-x25519-sha256-aes256gcm'
    ? rest
    : { ...rest, encryptionKey: { publicKey: bytesToHex(publicKey), algorithm } }
}
