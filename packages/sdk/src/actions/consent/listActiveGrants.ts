import type { Address } from 'viem'
import type { ActiveGrant } from '../../audit/types.js'
import type { MedChainActionClient } from '../../client/types.js'
import type { MedChainError } from '../../errors/base.js'
import { read, requireAccount } from '../internal/contract.js'
import { getLogsPaged, topic } from '../internal/logs.js'
import { cidFromHex, lower } from '../internal/scopeKeys.js'

/**
 * Parameters of {@link listActiveGrants}.
 *
 * @example
 * ```ts
 * import type { ListActiveGrantsParameters } from '@medchain/sdk'
 *
 * const parameters: ListActiveGrantsParameters = { patient, grantee: doctor }
 * ```
 */
export type ListActiveGrantsParameters = {
  /** Default: the client's account. */
  patient?: Address | undefined
  /** Only this grantee. */
  grantee?: Address | undefined
}

/**
 * Result of {@link listActiveGrants}.
 *
 * @example
 * ```ts
 * import type { ListActiveGrantsReturnType } from '@medchain/sdk'
 *
 * const grants: ListActiveGrantsReturnType = await listActiveGrants(client)
 * ```
 */
export type ListActiveGrantsReturnType = ActiveGrant[]

/**
 * Errors {@link listActiveGrants} can throw.
 *
 * @example
 * ```ts
 * import type { ListActiveGrantsErrorType } from '@medchain/sdk'
 *
 * const describe = (error: ListActiveGrantsErrorType) => error.name
 * ```
 */
export type ListActiveGrantsErrorType = MedChainError

/**
 * The grants (and emergency accesses) of a patient that are active now: every (grantee, scope) seen
 * in `AccessGranted`/`EmergencyAccessUsed` logs, checked against `permissionOf` at the latest block.
 *
 * @example
 * ```ts
 * import { listActiveGrants } from '@medchain/sdk'
 *
 * for (const grant of await listActiveGrants(patientClient)) console.log(grant.grantee, grant.scope, grant.expiresAt)
 * ```
 */
export async function listActiveGrants(
  client: MedChainActionClient,
  parameters: ListActiveGrantsParameters = {},
): Promise<ListActiveGrantsReturnType> {
  const patient = parameters.patient ?? requireAccount(client, 'listActiveGrants').address
  const granteeTopic = parameters.grantee ? topic(parameters.grantee) : null
  const logs = await getLogsPaged(client, {
    eventNames: ['AccessGranted', 'EmergencyAccessUsed'],
    topics: [topic(patient), granteeTopic],
  })
  const block = await client.publicClient.getBlock()
  const latest = new Map<string, (typeof logs)[number]>()
  for (const log of logs) {
    const who = log.eventName === 'AccessGranted' ? log.args.grantee : log.args.provider
    const key = `${lower(who)}:${log.args.scope}`
    const previous = latest.get(key)
    if (log.eventName === 'AccessGranted' || !previous || previous.eventName !== 'AccessGranted')
      latest.set(key, log)
  }
  const grants: ActiveGrant[] = []
  for (const log of latest.values()) {
    const grantee = log.eventName === 'AccessGranted' ? log.args.grantee : log.args.provider
    const scope = log.args.scope
    const permission = await read(client, 'permissionOf', [patient, grantee, scope])
    const active = permission.expiry > block.timestamp
    const emergency = permission.emergencyUntil > block.timestamp
    if (!active && !emergency) continue
    const logBlock = await client.publicClient.getBlock({ blockNumber: log.blockNumber })
    grants.push({
      patient,
      grantee,
      scope,
      write: active && permission.write,
      expiresAt: active ? new Date(Number(permission.expiry) * 1000) : undefined,
      emergencyUntil: emergency ? new Date(Number(permission.emergencyUntil) * 1000) : undefined,
      envelopeCid: log.eventName === 'AccessGranted' ? cidFromHex(log.args.envelopeCid) : undefined,
      grantedAt: new Date(Number(logBlock.timestamp) * 1000),
      transactionHash: log.transactionHash,
    })
  }
  return grants
}
