import type { Address, Hex } from 'viem'
import type { MedChainActionClient } from '../../client/types.js'
import { createKeyEnvelope } from '../../keys/createKeyEnvelope.js'
import { encodeKeyEnvelope } from '../../keys/keyEnvelope.js'
import { requireAccount } from '../internal/contract.js'
import { requirePatientOrDelegate } from '../internal/keyHolders.js'
import {
  cidToHex,
  ensureScopeKey,
  getAllScopeKeys,
  recipientOf,
  storeVerified,
} from '../internal/scopeKeys.js'

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
  const recipient = await recipientOf(client, grantee)
  const scopeKeys = []
  for (const scope of scopes) {
    const { epoch } = await ensureScopeKey(client, patient, scope)
    scopeKeys.push(...(await getAllScopeKeys(client, patient, scope, epoch)))
  }
  const keyEnvelope = await createKeyEnvelope({
    patient,
    chainId: client.chainId,
    contract: client.address,
    grantee,
    recipient,
    scopeKeys,
  })
  const envelopeCid = await storeVerified(client, encodeKeyEnvelope(keyEnvelope))
  return { patient, envelopeCid, envelopeCidHex: cidToHex(envelopeCid) }
}

/** Seconds since the epoch of a `Date` or bigint expiry. */
export const toSeconds = (value: Date | bigint) =>
  typeof value === 'bigint' ? value : BigInt(Math.floor(value.getTime() / 1000))
