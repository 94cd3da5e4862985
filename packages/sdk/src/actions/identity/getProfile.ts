import type { Address } from 'viem'
import type { MedChainActionClient } from '../../client/types.js'
import { decryptEnvelope } from '../../crypto/envelope/decryptEnvelope.js'
import type { MedChainError } from '../../errors/base.js'
import { RecordNotFoundError } from '../../errors/client.js'
import { unwrapDataKey } from '../../keys/unwrapDataKey.js'
import { read, requireAccount } from '../internal/contract.js'
import { getLogsPaged, topic } from '../internal/logs.js'
import { decodeRecordObject } from '../internal/recordObject.js'
import { cidFromHex, getScopeKey } from '../internal/scopeKeys.js'
import type { PatientProfile } from './registerPatient.js'
import type { ProviderProfile } from './registerProvider.js'

/**
 * Parameters of {@link getProfile}.
 *
 * @example
 * ```ts
 * import type { GetProfileParameters } from '@medchain/sdk'
 *
 * const parameters: GetProfileParameters = { account: doctor }
 * ```
 */
export type GetProfileParameters = {
  /** Default: the client's account. */ account?: Address | undefined
}

/**
 * Result of {@link getProfile}.
 *
 * @example
 * ```ts
 * import type { GetProfileReturnType } from '@medchain/sdk'
 *
 * const result: GetProfileReturnType = await getProfile(client, { account })
 * if (result.role === 'provider') console.log(result.profile.institution)
 * ```
 */
export type GetProfileReturnType =
  | { role: 'patient'; profile: PatientProfile; profileCid: string }
  | { role: 'provider'; profile: ProviderProfile; profileCid: string }

/**
 * Errors {@link getProfile} can throw.
 *
 * @example
 * ```ts
 * import type { GetProfileErrorType } from '@medchain/sdk'
 *
 * const describe = (error: GetProfileErrorType) => error.name
 * ```
 */
export type GetProfileErrorType = MedChainError

/**
 * Reads an account's current profile: a provider's public profile, or a patient's own encrypted
 * profile (the patient, or a grantee of scope 1, decrypts it).
 *
 * @example
 * ```ts
 * import { getProfile } from '@medchain/sdk'
 *
 * const { profile } = await getProfile(patientClient)
 * ```
 */
export async function getProfile(
  client: MedChainActionClient,
  parameters: GetProfileParameters = {},
): Promise<GetProfileReturnType> {
  const account = parameters.account ?? requireAccount(client, 'getProfile').address
  const role = await read(client, 'roleOf', [account])
  const logs = await getLogsPaged(client, {
    eventNames: ['Registered', 'ProfileUpdated'],
    topics: [topic(account)],
  })
  const latest = logs.at(-1)
  if (!latest || role === 0) throw new RecordNotFoundError({ patient: account, seq: 'profile' })
  const profileCid = cidFromHex(latest.args.profileCid)
  const bytes = await client.storage.get(profileCid)
  if (role === 2)
    return {
      role: 'provider',
      profile: JSON.parse(new TextDecoder().decode(bytes)) as ProviderProfile,
      profileCid,
    }
  const { wrappedDataKey, envelope } = decodeRecordObject(bytes)
  const context = { patient: account, chainId: client.chainId, contract: client.address, scope: 1 }
  const current = await read(client, 'scopeEpoch', [account, 1])
  for (let epoch = current; epoch >= 1; epoch--) {
    const scopeKey = await getScopeKey(client, account, 1, epoch)
    const dataKey = await unwrapDataKey({ wrappedDataKey, scopeKey, context, epoch }).catch(
      () => undefined,
    )
    if (!dataKey) continue
    const plaintext = await decryptEnvelope({ envelope, dataKey, context })
    return {
      role: 'patient',
      profile: JSON.parse(new TextDecoder().decode(plaintext)) as PatientProfile,
      profileCid,
    }
  }
  throw new RecordNotFoundError({ patient: account, seq: 'profile' })
}
