import type { Address } from 'viem'
import type { MedChainActionClient } from '../../client/types.js'
import type { MedChainError } from '../../errors/base.js'
import { read, requireAccount } from '../internal/contract.js'
import { getLogsPaged, topic } from '../internal/logs.js'
import { lower } from '../internal/scopeKeys.js'
import { unexpiredEmergencyScopes } from './releaseEmergencyKeys.js'

/**
 * Parameters of {@link listEmergencyKeyRequests}.
 *
 * @example
 * ```ts
 * import type { ListEmergencyKeyRequestsParameters } from '@medchain/sdk'
 *
 * const parameters: ListEmergencyKeyRequestsParameters = { patient }
 * ```
 */
export type ListEmergencyKeyRequestsParameters = {
  /** Only this patient. Default: every patient whose custodian the client's account is. */
  patient?: Address | undefined
}

/**
 * One provider waiting for keys after breaking the glass: the scopes whose keys it has not been
 * released since its latest `emergencyAccess`, and when its access ends.
 *
 * @example
 * ```ts
 * import type { EmergencyKeyRequest } from '@medchain/sdk'
 *
 * const line = (r: EmergencyKeyRequest) => `${r.provider} -> ${r.patient}: scopes ${r.scopes.join(',')} until ${r.until.toISOString()}`
 * ```
 */
export type EmergencyKeyRequest = {
  patient: Address
  provider: Address
  scopes: number[]
  /** The earliest end of the provider's break-glass access among these scopes. */
  until: Date
}

/**
 * Result of {@link listEmergencyKeyRequests}.
 *
 * @example
 * ```ts
 * import type { ListEmergencyKeyRequestsReturnType } from '@medchain/sdk'
 *
 * const requests: ListEmergencyKeyRequestsReturnType = await listEmergencyKeyRequests(custodianClient)
 * ```
 */
export type ListEmergencyKeyRequestsReturnType = EmergencyKeyRequest[]

/**
 * Errors {@link listEmergencyKeyRequests} can throw.
 *
 * @example
 * ```ts
 * import type { ListEmergencyKeyRequestsErrorType } from '@medchain/sdk'
 *
 * const describe = (error: ListEmergencyKeyRequestsErrorType) => error.name
 * ```
 */
export type ListEmergencyKeyRequestsErrorType = MedChainError

/**
 * As an emergency custodian, lists the providers that used break-glass access to a patient in its
 * care and still wait for keys: unexpired access to a scope whose keys were not released to them
 * since. A custodian service polls this and answers each with `releaseEmergencyKeys`.
 *
 * @example
 * ```ts
 * import { listEmergencyKeyRequests, releaseEmergencyKeys } from '@medchain/sdk'
 *
 * for (const { patient, provider, scopes } of await listEmergencyKeyRequests(custodianClient))
 *   await releaseEmergencyKeys(custodianClient, { patient, provider, scopes })
 * ```
 */
export async function listEmergencyKeyRequests(
  client: MedChainActionClient,
  parameters: ListEmergencyKeyRequestsParameters = {},
): Promise<ListEmergencyKeyRequestsReturnType> {
  const me = requireAccount(client, 'listEmergencyKeyRequests').address
  const named = await getLogsPaged(client, {
    eventNames: ['EmergencyAccessUpdated'],
    topics: [parameters.patient ? topic(parameters.patient) : null, topic(me)],
  })
  const requests: EmergencyKeyRequest[] = []
  for (const patient of new Set(named.map((log) => log.args.patient))) {
    if (lower(await read(client, 'emergencyCustodianOf', [patient])) !== lower(me)) continue
    const [used, released] = await Promise.all([
      getLogsPaged(client, { eventNames: ['EmergencyAccessUsed'], topics: [topic(patient)] }),
      getLogsPaged(client, {
        eventNames: ['EmergencyKeysReleased'],
        topics: [topic(patient), null, topic(me)],
      }),
    ])
    for (const provider of new Set(used.map((log) => log.args.provider))) {
      // A scope waits if its latest use came after its latest release to this provider.
      const lastUse = new Map<number, bigint>()
      for (const log of used)
        if (log.args.provider === provider) lastUse.set(log.args.scope, log.blockNumber)
      const lastRelease = new Map<number, bigint>()
      for (const log of released)
        if (log.args.provider === provider)
          for (const scope of log.args.scopes) lastRelease.set(scope, log.blockNumber)
      const unreleased = [...lastUse].filter(
        ([scope, used]) => (lastRelease.get(scope) ?? -1n) < used,
      )
      const waiting = await unexpiredEmergencyScopes(
        client,
        patient,
        provider,
        unreleased.map(([scope]) => scope),
      )
      if (waiting.length === 0) continue
      const until = Math.min(...waiting.map(({ until }) => Number(until)))
      requests.push({
        patient,
        provider,
        scopes: waiting.map(({ scope }) => scope),
        until: new Date(until * 1000),
      })
    }
  }
  return requests
}
