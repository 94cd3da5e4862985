import type { Address } from 'viem'
import type { MedChainActionClient } from '../../client/types.js'
import { read } from './contract.js'
import { getLogsPaged, topic } from './logs.js'
import { lower } from './scopeKeys.js'

/** Grantees of `scope` of `patient` whose regular grant is unexpired now, except `except`. */
export async function remainingGrantees(
  client: MedChainActionClient,
  patient: Address,
  scope: number,
  except?: Address,
): Promise<Address[]> {
  const now = (await client.publicClient.getBlock()).timestamp
  const granted = await getLogsPaged(client, {
    eventNames: ['AccessGranted'],
    topics: [topic(patient), null, topic(scope)],
  })
  const candidates = [...new Set(granted.map((log) => lower(log.args.grantee)))].filter(
    (g) => !except || g !== lower(except),
  )
  const remaining: Address[] = []
  for (const candidate of candidates) {
    const permission = await read(client, 'permissionOf', [patient, candidate, scope])
    if (permission.expiry > now) remaining.push(candidate)
  }
  return remaining
}
