import type { Address } from 'viem'
import type { MedChainActionClient } from '../../client/types.js'
import type { MedChainEventLog } from './contract.js'
import { getLogsPaged, topic } from './logs.js'
import { rotationLogs } from './scopeKeys.js'

type Position = { blockNumber: bigint; logIndex: number }
const after = (a: Position, b: Position) =>
  a.blockNumber > b.blockNumber || (a.blockNumber === b.blockNumber && a.logIndex > b.logIndex)

/**
 * The latest `AccessRevoked` of `grantee` for `scope` of `patient`, and whether a scope-key rotation
 * followed it. A revocation without a later rotation is one whose forward rotation never landed.
 */
export async function lastRevocation(
  client: MedChainActionClient,
  patient: Address,
  grantee: Address,
  scope: number,
): Promise<{ log: MedChainEventLog<'AccessRevoked'>; rotated: boolean } | undefined> {
  const revoked = await getLogsPaged(client, {
    eventNames: ['AccessRevoked'],
    topics: [topic(patient), topic(grantee), topic(scope)],
  })
  const log = revoked.at(-1)
  if (!log) return undefined
  const rotation = (await rotationLogs(client, patient, scope)).at(-1)
  return { log, rotated: rotation !== undefined && after(rotation, log) }
}

/** The `AccessRevoked` events of `grantee` in the transaction of `log` (one per scope it revoked). */
export async function revocationEvents(
  client: MedChainActionClient,
  log: MedChainEventLog<'AccessRevoked'>,
  grantee: Address,
): Promise<MedChainEventLog<'AccessRevoked'>[]> {
  const inBlock = await getLogsPaged(client, {
    eventNames: ['AccessRevoked'],
    topics: [null, topic(grantee)],
    fromBlock: log.blockNumber,
    toBlock: log.blockNumber,
  })
  return inBlock.filter((e) => e.transactionHash === log.transactionHash)
}
