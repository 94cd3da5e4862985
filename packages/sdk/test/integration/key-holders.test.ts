import { medChainAbi } from '@medchain/contracts'
import { anvilAccount } from '@medchain/test'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { decodeRotationBundle, getScopeKey } from '../../src/actions/internal/scopeKeys.js'
import {
  ConsentExpiredError,
  listPatientsInCare,
  type MedChainClient,
  NoEmergencyAccessError,
  ScopeKeyNotFoundError,
  UnauthorizedAccountError,
} from '../../src/exports/index.js'
import { days, now, startWorld, verifiedProvider, type World } from './setup.js'

// Delegates and the emergency custodian hold the patient's scope keys (a key envelope on chain), so
// a delegate can grant, revoke and rotate for the patient, and a custodian can release keys to a
// provider that broke the glass. Real anvil, real on-disk store.

const DIAGNOSES = 2
const PRESCRIPTIONS = 4
const LABS = 5

describe('key holders: delegates and the emergency custodian', () => {
  let w: World
  let custodian: MedChainClient
  beforeAll(async () => {
    w = await startWorld()
    await verifiedProvider(w, w.doctor, 'Dr. A')
    await verifiedProvider(w, w.otherDoctor, 'Dr. ER')
    custodian = w.clientFor(anvilAccount(8))
    await verifiedProvider(w, custodian, 'Break-glass key service')
  })
  afterAll(() => w?.stop())

  /** The recipients named in the latest rotation bundle of `scope` of `patient`. */
  async function latestBundleHolders(patient: MedChainClient, scope: number) {
    const { entries } = await patient.getAuditTimeline()
    const rotation = entries
      .filter((e) => e.kind === 'scope-key-rotated' && e.scopes[0] === scope)
      .at(-1)!
    const bundle = decodeRotationBundle(await w.store.get(String(rotation.details.envelopeCid)))
    return bundle.map((envelope) => envelope.grantee.toLowerCase())
  }

  it('a delegate with keys reads, grants, revokes with rotation and signs for the patient', async () => {
    const { patient } = w
    const delegate = w.clientFor(w.local.accounts.delegate)
    await patient.registerPatient({ profile: { name: 'Minor', age: 9 } })
    await delegate.registerPatient({ profile: { name: 'Parent', age: 40 } })
    const me = patient.address!
    await patient.publishRecord({ scope: LABS, data: 'lab 1' })

    const appointed = await patient.setDelegate({ delegate: delegate.address!, kind: 'guardian' })
    expect(appointed.envelopeCid).toMatch(/^baf/)
    expect(appointed.rotations).toEqual([])
    expect(await delegate.listPatientsInCare()).toEqual([
      { patient: me, kind: 'guardian', holdsKeys: true },
    ])
    expect((await delegate.readRecord({ patient: me, seq: 1n })).text()).toBe('lab 1')

    // The delegate grants the doctor for the patient; the doctor reads.
    const grant = await delegate.grantAccess({
      patient: me,
      grantee: w.doctor.address!,
      scopes: [LABS],
      expiry: (await now(w)) + days(30),
    })
    expect(grant.events[0]!.args.actor).toBe(delegate.address)
    expect((await w.doctor.readRecord({ patient: me, seq: 1n })).text()).toBe('lab 1')

    // The delegate revokes with a forward rotation: the patient, the delegate and no one else hold
    // the new epoch, and records published under it stay readable to both.
    const revoked = await delegate.revokeAccess({
      patient: me,
      grantee: w.doctor.address!,
      scopes: [LABS],
    })
    expect(revoked.rotations).toMatchObject([{ scope: LABS, epoch: 2, grantees: [] }])
    expect(await latestBundleHolders(patient, LABS)).toEqual([
      me.toLowerCase(),
      delegate.address!.toLowerCase(),
    ])
    const { anchor } = await patient.publishRecord({ scope: LABS, data: 'lab 2' })
    expect(anchor.epoch).toBe(2)
    expect((await patient.readRecord({ seq: anchor.seq })).text()).toBe('lab 2')
    expect((await delegate.readRecord({ patient: me, seq: anchor.seq })).text()).toBe('lab 2')
    await expect(getScopeKey(w.doctor.client, me, LABS, 2)).rejects.toBeInstanceOf(
      ScopeKeyNotFoundError,
    )

    // The delegate signs a grant (no gas); the provider relays it and reads both epochs.
    const signed = await delegate.signGrant({
      patient: me,
      grantee: w.otherDoctor.address!,
      scopes: [LABS],
      expiry: (await now(w)) + days(1),
    })
    expect(signed.signer).toBe(delegate.address)
    await w.otherDoctor.relayGrant(signed)
    expect((await w.otherDoctor.readRecord({ patient: me, seq: 1n })).text()).toBe('lab 1')
    expect((await w.otherDoctor.readRecord({ patient: me, seq: anchor.seq })).text()).toBe('lab 2')

    // Removing the delegate rotates every started scope: the new epochs are not wrapped to it.
    const removed = await patient.setDelegate({ delegate: delegate.address!, kind: 'none' })
    expect(removed.envelopeCid).toBeUndefined()
    expect(await delegate.listPatientsInCare()).toEqual([])
    expect(removed.rotations.map((r) => r.scope)).toContain(LABS)
    expect(removed.transactions).toHaveLength(1 + removed.rotations.length)
    const holders = await latestBundleHolders(patient, LABS)
    expect(holders).not.toContain(delegate.address!.toLowerCase())
    expect(holders).toContain(w.otherDoctor.address!.toLowerCase()) // still a grantee
    const after = await patient.publishRecord({ scope: LABS, data: 'lab 3' })
    expect((await w.otherDoctor.readRecord({ patient: me, seq: after.anchor.seq })).text()).toBe(
      'lab 3',
    )
    await expect(getScopeKey(delegate.client, me, LABS, after.anchor.epoch)).rejects.toBeInstanceOf(
      ScopeKeyNotFoundError,
    )
    await expect(
      delegate.grantAccess({
        patient: me,
        grantee: w.doctor.address!,
        scopes: [LABS],
        expiry: (await now(w)) + days(1),
      }),
    ).rejects.toBeInstanceOf(UnauthorizedAccountError)
  })

  it('the custodian releases keys to a provider that broke the glass, only while it lasts', async () => {
    const patient = w.otherPatient
    const me = patient.address!
    await patient.registerPatient({ profile: { name: 'Unconscious', age: 61 } })
    const d1 = await patient.publishRecord({ scope: DIAGNOSES, data: 'penicillin allergy' })

    const enabled = await patient.setEmergencyAccess({
      enabled: true,
      custodian: custodian.address!,
    })
    expect(enabled.envelopeCid).toMatch(/^baf/)
    // A scope started after opting in reaches the custodian through its first rotation.
    const p1 = await patient.publishRecord({ scope: PRESCRIPTIONS, data: 'warfarin 5 mg' })
    expect(await latestBundleHolders(patient, PRESCRIPTIONS)).toContain(
      custodian.address!.toLowerCase(),
    )

    const er = w.otherDoctor
    await er.emergencyAccess({ patient: me, scopes: [DIAGNOSES, PRESCRIPTIONS], reasonCode: 1 })
    // On-chain access alone opens nothing: the keys come from the custodian.
    await expect(er.readRecord({ patient: me, seq: d1.anchor.seq })).rejects.toBeInstanceOf(
      ScopeKeyNotFoundError,
    )
    expect(await custodian.listEmergencyKeyRequests()).toMatchObject([
      { patient: me, provider: er.address, scopes: [DIAGNOSES, PRESCRIPTIONS] },
    ])
    // Only the custodian can release: not another provider, not the patient.
    for (const other of [w.doctor, patient])
      await expect(
        other.releaseEmergencyKeys({ patient: me, provider: er.address!, scopes: [DIAGNOSES] }),
      ).rejects.toBeInstanceOf(UnauthorizedAccountError)

    const released = await custodian.releaseEmergencyKeys({ patient: me, provider: er.address! })
    expect(released.scopes).toEqual([DIAGNOSES, PRESCRIPTIONS])
    expect(released.events[0]!.args.custodian).toBe(custodian.address)
    expect(await custodian.listEmergencyKeyRequests()).toEqual([])
    expect((await er.readRecord({ patient: me, seq: d1.anchor.seq })).text()).toBe(
      'penicillin allergy',
    )
    expect((await er.readRecord({ patient: me, seq: p1.anchor.seq })).text()).toBe('warfarin 5 mg')
    const { entries } = await patient.getAuditTimeline()
    expect(entries.find((e) => e.kind === 'emergency-keys-released')).toMatchObject({
      actor: custodian.address,
      counterpart: er.address,
      scopes: [DIAGNOSES, PRESCRIPTIONS],
    })

    // After the 24 hours: the read is refused and there is nothing left to release.
    await w.increaseTime(24 * 3600)
    await expect(er.readRecord({ patient: me, seq: d1.anchor.seq })).rejects.toBeInstanceOf(
      ConsentExpiredError,
    )
    await expect(
      custodian.releaseEmergencyKeys({ patient: me, provider: er.address! }),
    ).rejects.toBeInstanceOf(NoEmergencyAccessError)

    // Opting out rotates every started scope away from the former custodian.
    const off = await patient.setEmergencyAccess({ enabled: false })
    expect(off.rotations.map((r) => r.scope).sort()).toEqual(
      expect.arrayContaining([DIAGNOSES, PRESCRIPTIONS]),
    )
    for (const scope of [DIAGNOSES, PRESCRIPTIONS])
      expect(await latestBundleHolders(patient, scope)).not.toContain(
        custodian.address!.toLowerCase(),
      )
  })

  it('refuses a custodian that is not a verified provider, and a delegate without a registered key', async () => {
    const unverified = w.clientFor(anvilAccount(9))
    await unverified.registerProvider({
      profile: {
        name: 'Unverified',
        institution: 'Nowhere',
        credentialRef: `0x${'11'.repeat(32)}`,
      },
    })
    await expect(
      w.patient.setEmergencyAccess({ enabled: true, custodian: unverified.address! }),
    ).rejects.toMatchObject({ name: 'ProviderNotVerifiedError' })
    const unregistered = anvilAccount(11).address
    await expect(
      w.patient.setDelegate({ delegate: unregistered, kind: 'caregiver' }),
    ).rejects.toMatchObject({ name: 'NotRegisteredError' })
    // Without keys it is allowed: a delegate that manages consent only.
    const consentOnly = await w.patient.setDelegate({
      delegate: unregistered,
      kind: 'caregiver',
      shareKeys: false,
    })
    expect(consentOnly.envelopeCid).toBeUndefined()
    expect(consentOnly.events[0]!.args.envelopeCid).toBe('0x')
    expect(
      await listPatientsInCare(w.patient.client, { delegate: anvilAccount(11).address }),
    ).toEqual([{ patient: w.patient.address, kind: 'caregiver', holdsKeys: false }])
    // It cannot start a scope the patient never used: whoever starts one knows its key.
    const imaging = 6
    await expect(
      w.clientFor(anvilAccount(11)).grantAccess({
        patient: w.patient.address!,
        grantee: w.doctor.address!,
        scopes: [imaging],
        expiry: (await now(w)) + days(1),
      }),
    ).rejects.toMatchObject({ name: 'ScopeKeyNotFoundError', epoch: 0 })
    expect(
      await w.local.publicClient.readContract({
        address: w.local.medChain,
        abi: medChainAbi,
        functionName: 'scopeEpoch',
        args: [w.patient.address!, imaging],
      }),
    ).toBe(0)
  })
})
