import { medChainAbi } from '@medchain/contracts'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { generateEncryptionKeyPair, rawKeyProvider } from '../../src/exports/crypto.js'
import {
  EmergencyAccessDisabledError,
  ProviderNotVerifiedError,
  UnauthorizedAccountError,
  UnknownRequestError,
} from '../../src/exports/index.js'
import { days, now, startWorld, verifiedProvider, type World } from './setup.js'

describe('batch, corrections, provider writes, delegates, emergency, suspension, key rotation', () => {
  let w: World
  beforeAll(async () => {
    w = await startWorld()
    await verifiedProvider(w, w.doctor, 'Dr. A')
    await w.patient.registerPatient({ profile: { name: 'P', age: 1 } })
  })
  afterAll(() => w?.stop())

  it('publishes a batch and a correction; the history marks the superseded record', async () => {
    const { anchors } = await w.patient.publishRecords({ scope: 2, records: ['a', 'b', 'c'] })
    expect(anchors.map((a) => a.seq)).toEqual([1n, 2n, 3n])
    const { anchor } = await w.patient.supersedeRecord({
      scope: 2,
      data: 'b (corrected)',
      supersedes: 2n,
    })
    const { records, verified } = await w.patient.listRecords({ scope: 2 })
    expect(verified).toBe(true)
    expect(records.find((r) => r.seq === 2n)?.supersededBy).toBe(anchor.seq)
    expect((await w.patient.readRecord({ record: anchor })).text()).toBe('b (corrected)')
  })

  it('lets a provider with write consent add to the chart; without it the contract refuses', async () => {
    const patient = w.patient.address!
    await w.patient.grantAccess({
      grantee: w.doctor.address!,
      scopes: [4],
      expiry: (await now(w)) + days(1),
      write: true,
    })
    const { anchor } = await w.doctor.publishRecord({
      patient,
      scope: 4,
      data: {
        resourceType: 'MedicationRequest',
        status: 'active',
        intent: 'order',
        subject: { reference: 'Patient/example' },
        medicationCodeableConcept: { text: 'Metformin 500 mg' },
      },
    })
    expect(anchor.author).toBe(w.doctor.address)
    expect((await w.patient.readRecord({ record: anchor })).json()).toMatchObject({
      resourceType: 'MedicationRequest',
    })
    await w.patient.grantAccess({
      grantee: w.doctor.address!,
      scopes: [6],
      expiry: (await now(w)) + days(1),
    })
    const refused = await w.doctor.publishRecord({ patient, scope: 6, data: 'x' }).catch((e) => e)
    expect(refused).toBeInstanceOf(UnauthorizedAccountError)
    expect(refused.errorName).toBe('MedChainRecordsUnauthorizedAuthor')
  })

  it('denies a request; denying twice is UnknownRequestError', async () => {
    const { requestId } = await w.doctor.requestAccess({
      patient: w.patient.address!,
      scopes: [7],
      purpose: 1,
      duration: days(1),
    })
    await w.patient.denyRequest({ requestId })
    await expect(w.patient.denyRequest({ requestId })).rejects.toBeInstanceOf(UnknownRequestError)
  })

  it('appoints and removes a delegate; a delegate can turn emergency access off', async () => {
    const delegate = w.clientFor(w.local.accounts.delegate)
    const patient = w.patient.address!
    const refused = await delegate.setEmergencyAccess({ patient, enabled: false }).catch((e) => e)
    expect(refused).toBeInstanceOf(UnauthorizedAccountError)
    // A consent-only delegate (no keys) can still turn break-glass access off.
    await w.patient.setEmergencyAccess({ enabled: true, custodian: w.doctor.address! })
    await w.patient.setDelegate({ delegate: delegate.address!, kind: 'guardian', shareKeys: false })
    // Turning it off cuts the custodian off by rotating the scopes, which needs keys: refused up
    // front (nothing sent) unless the delegate leaves the rotation to the patient.
    await expect(delegate.setEmergencyAccess({ patient, enabled: false })).rejects.toMatchObject({
      name: 'ScopeKeyNotFoundError',
    })
    expect(
      await w.local.publicClient.readContract({
        address: w.local.medChain,
        abi: medChainAbi,
        functionName: 'emergencyCustodianOf',
        args: [patient],
      }),
    ).toBe(w.doctor.address)
    await delegate.setEmergencyAccess({ patient, enabled: false, rotate: false })
    await w.patient.setDelegate({ delegate: delegate.address!, kind: 'none' })
    await expect(delegate.setEmergencyAccess({ patient, enabled: false })).rejects.toBeInstanceOf(
      UnauthorizedAccountError,
    )
  })

  it('emergency access needs the opt-in and shows in active grants and the audit trail', async () => {
    await verifiedProvider(w, w.otherDoctor, 'Dr. ER')
    const patient = w.patient.address!
    await w.patient.setEmergencyAccess({ enabled: false })
    await expect(
      w.otherDoctor.emergencyAccess({ patient, scopes: [2], reasonCode: 1 }),
    ).rejects.toBeInstanceOf(EmergencyAccessDisabledError)
    await w.patient.setEmergencyAccess({ enabled: true, custodian: w.doctor.address! })
    await w.otherDoctor.emergencyAccess({ patient, scopes: [2], reasonCode: 1 })
    const grants = await w.patient.listActiveGrants({ grantee: w.otherDoctor.address! })
    expect(grants).toMatchObject([{ scope: 2, write: false, expiresAt: undefined }])
    expect(grants[0]!.emergencyUntil).toBeInstanceOf(Date)
    const { entries } = await w.patient.getAuditTimeline()
    expect(entries.map((e) => e.kind)).toContain('emergency-access-used')
  })

  it('suspension cuts access at once', async () => {
    const patient = w.patient.address!
    await w.admin.suspendProvider({ provider: w.doctor.address!, reasonCode: 7 })
    const error = await w.doctor.readRecord({ patient, seq: 5n }).catch((e) => e)
    expect(error).toBeInstanceOf(ProviderNotVerifiedError)
    await w.admin.verifyProvider({
      provider: w.doctor.address!,
      credentialRef: `0x${'22'.repeat(32)}`,
    })
    expect((await w.doctor.readRecord({ patient, seq: 5n })).json()).toMatchObject({
      resourceType: 'MedicationRequest',
    })
  })

  it('rotates the encryption key: the new key alone reads every old record and the profile', async () => {
    const privateKey = generateEncryptionKeyPair().privateKey
    const { rotatedScopes } = await w.patient.rotateEncryptionKey({
      keyProvider: rawKeyProvider({ privateKey }),
    })
    expect(rotatedScopes.sort()).toEqual([1, 2, 4, 6])
    const fresh = w.clientFor(w.local.accounts.patient, { privateKey })
    expect((await fresh.readRecord({ seq: 1n })).text()).toBe('a')
    expect((await fresh.getProfile()).profile).toMatchObject({ name: 'P', age: 1 })
    // The remaining grantee (doctor, write grant on scope 4) received the new epoch.
    const { anchor } = await fresh.publishRecord({ scope: 4, data: 'after key rotation' })
    expect((await w.doctor.readRecord({ patient: fresh.address!, seq: anchor.seq })).text()).toBe(
      'after key rotation',
    )
  })

  it('re-publishing unchanged content as a correction is a new anchor, not the earlier publish', async () => {
    const { anchor } = await w.patient.publishRecord({ scope: 2, data: 'unchanged' })
    const correction = await w.patient.supersedeRecord({
      scope: 2,
      data: 'unchanged',
      supersedes: anchor.seq,
    })
    expect(correction.alreadyAnchored).toBe(false)
    expect(correction.anchor.seq).toBe(anchor.seq + 1n)
  })
})
