import type { Address, Hex } from 'viem'
import type { MedChainActionClient } from '../../client/types.js'
import { requireAccount } from '../internal/contract.js'
import { requirePatientOrDelegate } from '../internal/keyHolders.js'
import { cidToHex, ensureScopeKey, recipientOf, storeKeyEnvelope } from '../internal/scopeKeys.js'

/** What a grant needs on chain after its key envelope is stored. */
export type PreparedGrant = { patient: Address; envelopeCid: string; envelopeCidHex: Hex }

/**
 * Builds and stores the grantee's key envelope: every epoch's scope key of each granted scope (the
 * current epoch started if the scope is new), wrapped once to the grantee's registered X25519 key.
 * Its size and the grant's gas do not depend on the number of records.
 */
export async function prepareGrant(
  client: MedChainActionClient,
  {
    grantee,
    scopes,
    patient: given,
  }: { grantee: Address; scopes: readonly number[]; patient?: Address | undefined },
): Promise<PreparedGrant> {
  const patient = given ?? requireAccount(client, 'grantAccess').address
  await requirePatientOrDelegate(client, patient, 'grantAccess')
  // The grantee must be registered before any scope is started for it.
  await recipientOf(client, grantee)
  for (const scope of scopes) await ensureScopeKey(client, patient, scope)
  const envelopeCid = await storeKeyEnvelope(client, { patient, grantee, scopes })
  return { patient, envelopeCid, envelopeCidHex: cidToHex(envelopeCid) }
}

/** Seconds since the epoch of a `Date` or bigint expiry. */
export const toSeconds = (value: Date | bigint) =>
  typeof value === 'bigint' ? value : BigInt(Math.floor(value.getTime() / 1000))
