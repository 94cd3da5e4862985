import { bytesToHex } from 'viem'
import type { MedChainActionClient } from '../../client/types.js'
import type { MedChainError } from '../../errors/base.js'
import type { KeyProvider } from '../../keys/types.js'
import {
  type MedChainTransaction,
  read,
  requireAccount,
  trackTransactions,
  type WriteResult,
  write,
} from '../internal/contract.js'
import { startedScopes } from '../internal/keyHolders.js'
import { remainingGrantees } from '../internal/remainingGrantees.js'
import { cidToHex, getAllScopeKeys, rotateScope, storeVerified } from '../internal/scopeKeys.js'
import { getProfile } from './getProfile.js'
import { type ProviderProfile, withEncryptionKey } from './registerProvider.js'

/**
 * Parameters of {@link rotateEncryptionKey}.
 *
 * @example
 * ```ts
 * import type { RotateEncryptionKeyParameters } from '@medchain/sdk'
 *
 * const parameters: RotateEncryptionKeyParameters = { keyProvider: rawKeyProvider({ privateKey: next }) }
 * ```
 */
export type RotateEncryptionKeyParameters = {
  /** The new key provider; the client uses it from now on. */ keyProvider: KeyProvider
}

/**
 * Result of {@link rotateEncryptionKey}.
 *
 * @example
 * ```ts
 * import type { RotateEncryptionKeyReturnType } from '@medchain/sdk'
 *
 * const { rotatedScopes }: RotateEncryptionKeyReturnType = await rotateEncryptionKey(client, parameters)
 * ```
 */
export type RotateEncryptionKeyReturnType = WriteResult<'EncryptionKeyRotated'> & {
  rotatedScopes: number[]
  /** Every transaction the call sent, in send order: the key change, then one rotation per scope. */
  transactions: MedChainTransaction[]
}

/**
 * Errors {@link rotateEncryptionKey} can throw.
 *
 * @example
 * ```ts
 * import type { RotateEncryptionKeyErrorType } from '@medchain/sdk'
 *
 * const describe = (error: RotateEncryptionKeyErrorType) => error.name
 * ```
 */
export type RotateEncryptionKeyErrorType = MedChainError

/**
 * Replaces the account's X25519 key on chain. For a patient, every scope in use is then rotated to a
 * new epoch whose bundle wraps all the scope's keys (old epochs too) to the new key, and the new
 * epoch's key to the remaining grantees, so the new key alone restores every record.
 *
 * @example
 * ```ts
 * import { rotateEncryptionKey } from '@medchain/sdk'
 *
 * await rotateEncryptionKey(client, { keyProvider: rawKeyProvider({ privateKey: next }) })
 * ```
 */
export async function rotateEncryptionKey(
  client: MedChainActionClient,
  parameters: RotateEncryptionKeyParameters,
): Promise<RotateEncryptionKeyReturnType> {
  const me = requireAccount(client, 'rotateEncryptionKey').address
  const role = await read(client, 'roleOf', [me])
  const isPatient = role === 1
  const scopes = isPatient ? await startedScopes(client, me) : []
  // Load every scope key with the old provider first (into the in-memory cache).
  const epochs = new Map<number, number>()
  for (const scope of scopes) {
    const epoch = await read(client, 'scopeEpoch', [me, scope])
    epochs.set(scope, epoch)
    await getAllScopeKeys(client, me, scope, epoch)
  }
  const publicKey = await parameters.keyProvider.getEncryptionPublicKey()
  const tracked = trackTransactions(client)
  // A provider's public profile says how to wrap keys to a non-HPKE key: declare the new one first.
  const { algorithm } = parameters.keyProvider
  if (role === 2 && algorithm !== 'hpke-x25519-sha256-aes256gcm') {
    const { profile } = await getProfile(client, { account: me })
    const updated = withEncryptionKey(profile as ProviderProfile, publicKey, algorithm)
    const profileCid = await storeVerified(
      client,
      new TextEncoder().encode(JSON.stringify(updated)),
    )
    await write(tracked.client, {
      functionName: 'updateProfile',
      args: [cidToHex(profileCid)],
      eventName: 'ProfileUpdated',
    })
  }
  const result = await write(tracked.client, {
    functionName: 'rotateEncryptionKey',
    args: [bytesToHex(publicKey)],
    eventName: 'EncryptionKeyRotated',
  })
  // Set on the client itself: the tracked view inherits it.
  client.keyProvider = parameters.keyProvider
  for (const scope of scopes)
    await rotateScope(tracked.client, {
      patient: me,
      scope,
      current: epochs.get(scope)!,
      grantees: await remainingGrantees(client, me, scope),
    })
  return { ...result, rotatedScopes: scopes, transactions: tracked.transactions }
}
