import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  ConsentExpiredError,
  ConsentRequiredError,
  ConsentRevokedError,
  NotRegisteredError,
  ProviderNotVerifiedError,
  ScopeKeyNotFoundError,
  SignatureExpiredError,
  SignatureNonceError,
  UnauthorizedAccountError,
} from '../../src/exports/index.js'
import { days, now, startWorld, type World } from './setup.js'

const LABS = 5
const observation = {
  resourceType: 'Observation',
  status: 'final',
  code: { text: 'HbA1c' },
  subject: { reference: 'Patient/example' },
  valueQuantity: { value: 6.1, unit: '%' },
}

describe('MedChainClient vertical slice', () => {
  let w: World
  beforeAll(async () => {
    w = await startWorld()
  })
  afterAll(() => w?.stop())

  it('registers a patient with an encrypted profile the patient can read back', async () => {
    const { profileCid, gasUsed, events } = await w.patient.registerPatient({
      profile: { name: 'Ada Lovelace', age: 36 },
    })
    expect(gasUsed).toBeGreaterThan(0n)
    expect(events[0]!.eventName).toBe('Registered')
    const { role, profile } = await w.patient.getProfile()
    expect(role).toBe('patient')
    expect(profile).toEqual({ name: 'Ada Lovelace', age: 36 })
    expect(profileCid).toMatch(/^baf/)
  })

  it('registers providers; an unverified provider cannot request access', async () => {
    await w.doctor.registerProvider({
      profile: {
        name: 'Dr. Hopper',
        institution: 'General Hospital',
        credentialRef: `0x${'11'.repeat(32)}`,
      },
    })
    const error = await w.doctor
      .requestAccess({
        patient: w.patient.address!,
        scopes: [LABS],
        purpose: 1,
        duration: days(30),
      })
      .catch((e) => e)
    expect(error).toBeInstanceOf(ProviderNotVerifiedError)
    expect(error.name).toBe('ProviderNotVerifiedError')
    expect(error.message).toContain('verifyProvider')
    expect(error.docsPath).toBe('/reference/errors#providernotverifiederror')
    const notAdmin = await w.doctor
      .verifyProvider({ provider: w.doctor.address!, credentialRef: `0x${'11'.repeat(32)}` })
      .catch((e) => e)
    expect(notAdmin).toBeInstanceOf(UnauthorizedAccountError)
    await w.admin.verifyProvider({
      provider: w.doctor.address!,
      credentialRef: `0x${'11'.repeat(32)}`,
    })
    const { profile } = await w.patient.getProfile({ account: w.doctor.address! })
    expect(profile.name).toBe('Dr. Hopper')
  })

  it('publishes, lists (head verified) and reads a record as the patient', async () => {
    const { anchor, gasUsed, alreadyAnchored } = await w.patient.publishRecord({
      scope: LABS,
      data: observation,
    })
    expect(alreadyAnchored).toBe(false)
    expect(gasUsed).toBeLessThan(60_000n)
    expect(anchor.seq).toBe(1n)
    expect(anchor.epoch).toBe(1)
    const list = await w.patient.listRecords()
    expect(list.verified).toBe(true)
    expect(list.gaps).toEqual([])
    expect(list.records.map((r) => r.cid)).toEqual([anchor.cid])
    expect(list.rpcCalls).toBe(4)
    const { json } = await w.patient.readRecord({ seq: 1n })
    expect(json()).toEqual(observation)
  })

  it('refuses a read without consent, then request -> grant -> read', async () => {
    const patient = w.patient.address!
    const denied = await w.doctor.readRecord({ patient, seq: 1n }).catch((e) => e)
    expect(denied).toBeInstanceOf(ConsentRequiredError)
    const { requestId } = await w.doctor.requestAccess({
      patient,
      scopes: [LABS],
      purpose: 1,
      duration: days(30),
    })
    const inbox = await w.patient.listPendingRequests()
    expect(inbox.map((r) => r.requestId)).toEqual([requestId])
    const grant = await w.patient.grantAccess({
      grantee: w.doctor.address!,
      scopes: [LABS],
      expiry: (await now(w)) + days(30),
      requestId,
    })
    expect(grant.events[0]!.args.scope).toBe(LABS)
    expect(await w.patient.listPendingRequests()).toEqual([])
    const { json } = await w.doctor.readRecord({ patient, seq: 1n })
    expect(json()).toEqual(observation)
    const grants = await w.patient.listActiveGrants()
    expect(grants).toHaveLength(1)
    expect(grants[0]).toMatchObject({
      grantee: w.doctor.address,
      scope: LABS,
      write: false,
      envelopeCid: grant.envelopeCid,
    })
    expect((await w.doctor.checkAccess({ patient, scope: LABS })).read).toBe(true)
  })

  it('revokes with forward rotation: new records are unreadable to the revoked grantee', async () => {
    const patient = w.patient.address!
    const { rotations } = await w.patient.revokeAccess({
      grantee: w.doctor.address!,
      scopes: [LABS],
    })
    expect(rotations).toMatchObject([{ scope: LABS, epoch: 2, grantees: [] }])
    const revoked = await w.doctor.readRecord({ patient, seq: 1n }).catch((e) => e)
    expect(revoked).toBeInstanceOf(ConsentRevokedError)
    const { anchor } = await w.patient.publishRecord({
      scope: LABS,
      data: { ...observation, id: 'after-revoke' },
    })
    expect(anchor.epoch).toBe(2)
    // Even bypassing the consent check, the doctor has no key for epoch 2.
    const { getScopeKey } = await import('../../src/actions/internal/scopeKeys.js')
    await expect(getScopeKey(w.doctor.client, patient, LABS, 2)).rejects.toBeInstanceOf(
      ScopeKeyNotFoundError,
    )
    // The patient still reads both epochs, from a fresh client with only its key provider.
    expect((await w.patient.readRecord({ seq: 2n })).json()).toMatchObject({ id: 'after-revoke' })
  })

  it('grants by EIP-712 signature relayed by the provider; a replay and an expired signature are refused', async () => {
    const patient = w.patient.address!
    const expiry = (await now(w)) + days(1)
    const signed = await w.patient.signGrant({ grantee: w.doctor.address!, scopes: [LABS], expiry })
    const relayed = await w.doctor.relayGrant(signed)
    expect(relayed.events[0]!.args.actor).toBe(patient)
    // The new grant wraps every epoch: the doctor reads records of epochs 1 and 2.
    expect((await w.doctor.readRecord({ patient, seq: 1n })).json()).toEqual(observation)
    expect((await w.doctor.readRecord({ patient, seq: 2n })).json()).toMatchObject({
      id: 'after-revoke',
    })
    const replay = await w.doctor.relayGrant(signed).catch((e) => e)
    expect(replay).toBeInstanceOf(SignatureNonceError)
    const late = await w.patient.signGrant({
      grantee: w.doctor.address!,
      scopes: [LABS],
      expiry: expiry + 10n,
      deadline: (await now(w)) + 60n,
    })
    await w.increaseTime(120)
    const expired = await w.doctor.relayGrant(late).catch((e) => e)
    expect(expired).toBeInstanceOf(SignatureExpiredError)
    expect(expired.message).toContain('sign again')
  })

  it('reports an expired grant as ConsentExpiredError', async () => {
    await w.increaseTime(2 * 86_400)
    const error = await w.doctor
      .readRecord({ patient: w.patient.address!, seq: 1n })
      .catch((e) => e)
    expect(error).toBeInstanceOf(ConsentExpiredError)
  })

  it('refuses the wrong key: a provider whose key provider does not match its registered key', async () => {
    const patient = w.patient.address!
    await w.patient.grantAccess({
      grantee: w.doctor.address!,
      scopes: [LABS],
      expiry: (await now(w)) + days(1),
    })
    const impostor = w.clientFor(w.local.accounts.doctor) // same account, another X25519 key
    const error = await impostor.readRecord({ patient, seq: 1n }).catch((e) => e)
    expect(error).toBeInstanceOf(ScopeKeyNotFoundError)
    const notRegistered = await w.patient
      .grantAccess({
        grantee: w.local.accounts.relayer.address,
        scopes: [LABS],
        expiry: (await now(w)) + days(1),
      })
      .catch((e) => e)
    expect(notRegistered).toBeInstanceOf(NotRegisteredError)
  })

  it('builds the audit timeline of every event of the patient', async () => {
    const { entries, rpcCalls } = await w.patient.getAuditTimeline()
    const kinds = entries.map((e) => e.kind)
    expect(kinds[0]).toBe('registered')
    for (const kind of [
      'scope-key-rotated',
      'record-anchored',
      'access-requested',
      'access-granted',
      'access-revoked',
    ] as const)
      expect(kinds).toContain(kind)
    const relayedGrant = entries.find(
      (e) => e.kind === 'access-granted' && e.details.requestId === 0n,
    )
    expect(relayedGrant?.actor).toBe(w.patient.address)
    expect(relayedGrant?.counterpart).toBe(w.doctor.address)
    expect(entries.every((e) => e.timestamp instanceof Date)).toBe(true)
    expect(rpcCalls).toBeGreaterThan(2)
  })
})
