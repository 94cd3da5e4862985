import type { Address } from 'viem'
import type { MedChainActionClient } from '../../client/types.js'
import type { MedChainError } from '../../errors/base.js'
import { NoEmergencyAccessError } from '../../errors/client.js'
import { toMedChainContractError } from '../../errors/contract.js'
import { read, requireAccount, type WriteResult, write } from '../internal/contract.js'
import { getLogsPaged, topic } from '../internal/logs.js'
import { cidToHex, lower, storeKeyEnvelope } from '../internal/scopeKeys.js'

/**
 * Parameters of {@link releaseEmergencyKeys}.
 *
 * @example
 * ```ts
 * import type { ReleaseEmergencyKeysParameters } from '@medchain/sdk'
 *
 * const parameters: ReleaseEmergencyKeysParameters = { patient, provider: erDoctor }
 * ```
 */
export type ReleaseEmergencyKeysParameters = {
  patient: Address
  /** The provider that used break-glass access. */
  provider: Address
  /** Default: every scope the provider holds unexpired break-glass access to. */
  scopes?: readonly number[] | undefined
}

/**
 * Result of {@link releaseEmergencyKeys}.
 *
 * @example
 * ```ts
 * import type { ReleaseEmergencyKeysReturnType } from '@medchain/sdk'
 *
 * const { envelopeCid, scopes }: ReleaseEmergencyKeysReturnType = await releaseEmergencyKeys(custodianClient, parameters)
 * ```
 */
export type ReleaseEmergencyKeysReturnType = WriteResult<'EmergencyKeysReleased'> & {
  /** CID of the key envelope wrapped to the provider. */
  envelopeCid: string
  /** The scopes whose keys (every epoch) it holds. */
  scopes: number[]
}

/**
 * Errors {@link releaseEmergencyKeys} can throw (`NoEmergencyAccessError`, `ConsentRequiredError`,
 * `UnauthorizedAccountError` when the caller is not the patient's custodian, `ScopeKeyNotFoundError`).
 *
 * @example
 * ```ts
 * import type { ReleaseEmergencyKeysErrorType } from '@medchain/sdk'
 *
 * const describe = (error: ReleaseEmergencyKeysErrorType) => error.name
 * ```
 */
export type ReleaseEmergencyKeysErrorType = MedChainError

/**
 * Which of `scopes` of `patient` `provider` holds unexpired break-glass access to now (the stored
 * permissions), with when it ends.
 */
export async function unexpiredEmergencyScopes(
  client: MedChainActionClient,
  patient: Address,
  provider: Address,
  scopes: Iterable<number>,
): Promise<{ scope: number; until: bigint }[]> {
  const now = (await client.publicClient.getBlock()).timestamp
  const active = []
  for (const scope of scopes) {
    const { emergencyUntil } = await read(client, 'permissionOf', [patient, provider, scope])
    if (emergencyUntil > now) active.push({ scope, until: emergencyUntil })
  }
  return active
}

/**
 * As a patient's emergency custodian, releases the keys of scopes (every epoch) to a provider that
 * used break-glass access: wraps them to the provider's registered key, stores the envelope, then
 * `releaseEmergencyKeys` on chain (checked there: only the custodian, only while the access lasts).
 * The provider's `readRecord` then finds the keys by itself.
 *
 * @example
 * ```ts
 * import { releaseEmergencyKeys } from '@medchain/sdk'
 *
 * for (const { patient, provider } of await listEmergencyKeyRequests(custodianClient))
 *   await releaseEmergencyKeys(custodianClient, { patient, provider })
 * ```
 */
export async function releaseEmergencyKeys(
  client: MedChainActionClient,
  parameters: ReleaseEmergencyKeysParameters,
): Promise<ReleaseEmergencyKeysReturnType> {
  const { patient, provider } = parameters
  // Only the custodian holds the keys: fail before any key work or storage for anyone else.
  const me = requireAccount(client, 'releaseEmergencyKeys').address
  if (lower(await read(client, 'emergencyCustodianOf', [patient])) !== lower(me))
    throw toMedChainContractError({
      errorName: 'MedChainConsentUnauthorizedAccount',
      args: [me, patient],
    })
  const scopes = parameters.scopes
    ? [...parameters.scopes]
    : await usedScopes(client, patient, provider)
  if (scopes.length === 0) throw new NoEmergencyAccessError({ patient, provider })
  const envelopeCid = await storeKeyEnvelope(client, { patient, grantee: provider, scopes })
  const result = await write(client, {
    functionName: 'releaseEmergencyKeys',
    args: [patient, provider, scopes, cidToHex(envelopeCid)],
    eventName: 'EmergencyKeysReleased',
  })
  return { ...result, envelopeCid, scopes }
}

/** The scopes with unexpired break-glass access, from the provider's `EmergencyAccessUsed` events. */
async function usedScopes(client: MedChainActionClient, patient: Address, provider: Address) {
  const used = await getLogsPaged(client, {
    eventNames: ['EmergencyAccessUsed'],
    topics: [topic(patient), topic(provider)],
  })
  const scopes = new Set(used.map((log) => log.args.scope))
  return (await unexpiredEmergencyScopes(client, patient, provider, scopes)).map((s) => s.scope)
}
