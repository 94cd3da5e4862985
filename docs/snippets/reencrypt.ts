// The re-encryption example of docs/concepts/revocation.md (the page shows the region below).
// docs/guides.test.ts runs it after a real revocation on anvil.
import type { MedChainClient, RecordAnchor } from '@medchain/sdk'

/**
 * Publishes an old record again under the scope's current key epoch, as a correction of itself,
 * and stops pinning the old ciphertext. Run it as the patient, after `revokeAccess`.
 */
export async function reencryptAfterRevocation(
  patient: MedChainClient,
  anchor: RecordAnchor,
): Promise<RecordAnchor> {
  // #region reencrypt
  // Read the old record, then publish it again as a correction of itself: a fresh data key,
  // wrapped under the new epoch's scope key, and a new CID that supersedes the old anchor.
  const old = await patient.readRecord({ record: anchor })
  const { anchor: fresh } = await patient.supersedeRecord({
    scope: anchor.scope,
    supersedes: anchor.seq,
    data: old.data,
  })
  await patient.client.storage.unpin(anchor.cid) // on a local store, gc() then frees the blocks
  // #endregion reencrypt
  return fresh
}
