// The delegate and break-glass code of docs/guides/client.md (the page shows the regions below).
// docs/key-holders.test.ts runs each function on a real anvil with a real on-disk store.
import { setTimeout as sleep } from 'node:timers/promises'
import {
  type EmergencyKeyRequest,
  type MedChainClient,
  NoEmergencyAccessError,
  type ReadRecordReturnType,
  ScopeKeyNotFoundError,
} from '@medchain/sdk'
import type { Address } from 'viem'

/** The patient appoints a guardian that holds its keys and a caregiver that holds none. */
export async function appointDelegates(
  patient: MedChainClient,
  guardian: Address,
  caregiver: Address,
) {
  // #region appoint
  // The guardian must be registered (its encryption key is on chain): it receives every scope key
  // of the patient in one key envelope, and each new epoch with the patient's rotations.
  const withKeys = await patient.setDelegate({ delegate: guardian, kind: 'guardian' })
  // A caregiver that manages consent (deny, revoke without rotating) but never holds keys.
  const consentOnly = await patient.setDelegate({
    delegate: caregiver,
    kind: 'caregiver',
    shareKeys: false,
  })
  // #endregion appoint
  return { withKeys, consentOnly }
}

/** The guardian grants a provider, reads a record and revokes, each for the patient. */
export async function actForPatient(
  guardian: MedChainClient,
  patient: Address,
  doctor: Address,
  seq: bigint,
) {
  // #region act
  await guardian.grantAccess({
    patient, // the patient it acts for; the event's actor is the guardian
    grantee: doctor,
    scopes: [5],
    expiry: new Date(Date.now() + 30 * 86_400_000),
  })
  const record = await guardian.readRecord({ patient, seq })
  const { rotations } = await guardian.revokeAccess({ patient, grantee: doctor, scopes: [5] })
  // #endregion act
  return { record, rotations }
}

/** The patient removes the guardian; every started scope moves to a new epoch without it. */
export async function removeDelegate(patient: MedChainClient, guardian: Address) {
  // #region remove
  const { rotations, transactions } = await patient.setDelegate({
    delegate: guardian,
    kind: 'none',
  })
  // rotations: one new epoch per started scope, not wrapped to the former guardian
  // #endregion remove
  return { rotations, transactions }
}

/** The patient opts in to break-glass access, naming the custodian that will hold its keys. */
export async function optInToBreakGlass(patient: MedChainClient, custodian: Address) {
  // #region opt-in
  // The custodian is a verified provider (here a hospital's break-glass key service).
  const { envelopeCid } = await patient.setEmergencyAccess({ enabled: true, custodian })
  // #endregion opt-in
  return envelopeCid
}

/** An emergency doctor takes 24 h break-glass access to diagnoses and prescriptions. */
export async function breakTheGlass(doctor: MedChainClient, patient: Address) {
  // #region break-glass
  await doctor.emergencyAccess({ patient, scopes: [2, 4], reasonCode: 1 })
  // #endregion break-glass
}

/** The doctor's read: the keys arrive once the custodian has released them. */
export async function readInEmergency(
  doctor: MedChainClient,
  patient: Address,
  seq: bigint,
): Promise<ReadRecordReturnType | 'waiting-for-keys'> {
  // #region emergency-read
  try {
    return await doctor.readRecord({ patient, seq })
  } catch (error) {
    // On-chain access alone opens nothing: wait for the custodian's release, then read again.
    if (error instanceof ScopeKeyNotFoundError) return 'waiting-for-keys'
    throw error
  }
  // #endregion emergency-read
}

/** Your break-glass procedure decides each release (log it, page the on-call, check the reason). */
export type ApproveRelease = (request: EmergencyKeyRequest) => Promise<boolean>

/**
 * The custodian service: polls for providers waiting for keys and releases them, until `signal`
 * aborts. Returns the number of releases it sent.
 */
export async function runCustodianService(
  custodian: MedChainClient,
  approve: ApproveRelease,
  { intervalMs, signal }: { intervalMs: number; signal: AbortSignal },
): Promise<number> {
  let released = 0
  // #region custodian
  while (!signal.aborted) {
    for (const request of await custodian.listEmergencyKeyRequests()) {
      if (!(await approve(request))) continue
      const { patient, provider } = request
      try {
        // Every scope it holds unexpired break-glass access to, every epoch up to the current one.
        await custodian.releaseEmergencyKeys({ patient, provider })
        released++
      } catch (error) {
        // Its 24 hours ended (or the patient revoked it) since the list was read: nothing to do.
        if (!(error instanceof NoEmergencyAccessError)) throw error
      }
    }
    await sleep(intervalMs, undefined, { signal }).catch(() => {})
  }
  // #endregion custodian
  return released
}
