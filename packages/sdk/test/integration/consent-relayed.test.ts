import { medChainAbi } from '@medchain/contracts'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { getScopeKey } from '../../src/actions/internal/scopeKeys.js'
import {
  ConsentRevokedError,
  InvalidContractArgumentError,
  ScopeKeyNotFoundError,
  SignatureExpiredError,
  SignatureNonceError,
  UnauthorizedAccountError,
  UnknownRequestError,
  UnknownScopeError,
} from '../../src/exports/index.js'
import { days, now, startWorld, verifiedProvider, type World } from './setup.js'

const LABS = 5

describe('cancelRequest, addScope, and signature-relayed deny and revoke', () => {
  let w: World
  let relayer: ReturnType<World['clientFor']>
  beforeAll(async () => {
    w = await startWorld()
    relayer = w.clientFor(w.local.accounts.relayer)
    await verifiedProvider(w, w.doctor, 'Dr. A')
    await verifiedProvider(w, w.otherDoctor, 'Dr. B')
    await w.patient.registerPatient({ profile: { name: 'P', age: 40 } })
  })
  afterAll(() => w?.stop())

  const request = (scopes: number[] = [LABS]) =>
    w.doctor.requestAccess({ patient: w.patient.address!, scopes, purpose: 1, duration: days(1) })

  it('cancelRequest: only the requester withdraws a pending request, once', async () => {
    const patient = w.patient.address!
    const { requestId } = await request()
    const notMine = await w.otherDoctor.cancelRequest({ patient, requestId }).catch((e) => e)
    expect(notMine).toBeInstanceOf(UnauthorizedAccountError)
    expect(notMine.name).toBe('UnauthorizedAccountError')
    expect(notMine.errorName).toBe('MedChainConsentUnauthorizedAccount')
    expect((await w.patient.listPendingRequests()).map((r) => r.requestId)).toContain(requestId)

    const { events, gasUsed } = await w.doctor.cancelRequest({ patient, requestId })
    expect(gasUsed).toBeGreaterThan(0n)
    expect(events[0]!.eventName).toBe('AccessRequestCancelled')
    expect(events[0]!.args).toMatchObject({ requestId, patient, provider: w.doctor.address })
    expect((await w.patient.listPendingRequests()).map((r) => r.requestId)).not.toContain(requestId)

    const again = await w.doctor.cancelRequest({ patient, requestId }).catch((e) => e)
    expect(again).toBeInstanceOf(UnknownRequestError)
    expect(again.message).toContain(`Request ${requestId}`)
    const grant = await w.patient
      .grantAccess({
        grantee: w.doctor.address!,
        scopes: [LABS],
        expiry: (await now(w)) + days(1),
        requestId,
      })
      .catch((e) => e)
    expect(grant).toBeInstanceOf(UnknownRequestError)
  })

  it('addScope: an administrator adds a custom scope that records and grants then use', async () => {
    const custom = 42
    const unknown = await w.patient
      .publishRecord({ scope: custom, data: 'flu shot' })
      .catch((e) => e)
    expect(unknown).toBeInstanceOf(UnknownScopeError)

    const notAdmin = await w.doctor
      .addScope({ scope: custom, name: 'vaccinations' })
      .catch((e) => e)
    expect(notAdmin).toBeInstanceOf(UnauthorizedAccountError)
    expect(notAdmin.errorName).toBe('AccessControlUnauthorizedAccount')

    const { events } = await w.admin.addScope({ scope: custom, name: 'vaccinations' })
    expect(events[0]!.eventName).toBe('ScopeAdded')
    expect(events[0]!.args).toEqual({ scope: custom, name: 'vaccinations' })
    const twice = await w.admin.addScope({ scope: custom, name: 'again' }).catch((e) => e)
    expect(twice).toBeInstanceOf(InvalidContractArgumentError)
    expect(twice.errorName).toBe('MedChainConsentScopeAlreadyKnown')
    expect(twice.message).toContain('Scope 42 already exists')

    const patient = w.patient.address!
    const { anchor } = await w.patient.publishRecord({ scope: custom, data: 'flu shot 2026' })
    expect(anchor.scope).toBe(custom)
    const { requestId } = await request([custom])
    await w.patient.grantAccess({
      grantee: w.doctor.address!,
      scopes: [custom],
      expiry: (await now(w)) + days(1),
      requestId,
    })
    expect((await w.doctor.readRecord({ patient, seq: anchor.seq })).text()).toBe('flu shot 2026')
  })

  it('signDeny/relayDeny: a relayer submits the denial; a replay, an expired and a foreign signature are refused', async () => {
    const patient = w.patient.address!
    const { requestId } = await request()
    const signed = await w.patient.signDeny({ requestId })
    const nonce = await w.local.publicClient.readContract({
      address: w.local.medChain,
      abi: medChainAbi,
      functionName: 'nonces',
      args: [patient],
    })
    expect(signed.deny).toMatchObject({ patient, requestId, nonce })
    const { events } = await relayer.relayDeny(signed)
    expect(events[0]!.args).toMatchObject({
      requestId,
      patient,
      provider: w.doctor.address,
      actor: patient,
    })
    expect((await w.patient.listPendingRequests()).map((r) => r.requestId)).not.toContain(requestId)

    const replay = await relayer.relayDeny(signed).catch((e) => e)
    expect(replay).toBeInstanceOf(SignatureNonceError)
    expect(replay.name).toBe('SignatureNonceError')

    const second = await request()
    const late = await w.patient.signDeny({
      requestId: second.requestId,
      deadline: (await now(w)) + 60n,
    })
    await w.increaseTime(120)
    const expired = await relayer.relayDeny(late).catch((e) => e)
    expect(expired).toBeInstanceOf(SignatureExpiredError)
    expect(expired.message).toContain('sign again')

    // Another patient signs a denial for this patient: not the patient nor a delegate.
    const foreign = await w.otherPatient.signDeny({ requestId: second.requestId, patient })
    const refused = await relayer.relayDeny(foreign).catch((e) => e)
    expect(refused).toBeInstanceOf(UnauthorizedAccountError)
    expect((await w.patient.listPendingRequests()).map((r) => r.requestId)).toContain(
      second.requestId,
    )
  })

  it('signRevoke/relayRevoke: the revocation and its key rotation are relayed; new records are cut off', async () => {
    const patient = w.patient.address!
    const { anchor: before } = await w.patient.publishRecord({ scope: LABS, data: 'before' })
    const expiry = (await now(w)) + days(10)
    for (const doctor of [w.doctor, w.otherDoctor])
      await w.patient.grantAccess({ grantee: doctor.address!, scopes: [LABS], expiry })
    expect((await w.doctor.readRecord({ patient, seq: before.seq })).text()).toBe('before')

    const signed = await w.patient.signRevoke({ grantee: w.doctor.address!, scopes: [LABS] })
    expect(signed.rotations).toHaveLength(1)
    expect(signed.rotations[0]!.rotation).toMatchObject({ scope: LABS, epoch: before.epoch + 1 })
    expect(signed.rotations[0]!.rotation.nonce).toBe(signed.revoke.nonce + 1n)
    expect(signed.rotations[0]!.grantees).toEqual([w.otherDoctor.address!.toLowerCase()])
    // Signing changes nothing on chain.
    expect((await w.doctor.checkAccess({ patient, scope: LABS })).read).toBe(true)

    const relayed = await relayer.relayRevoke(signed)
    expect(relayed.transactions.map((t) => t.events[0]!.eventName)).toEqual([
      'AccessRevoked',
      'ScopeKeyRotated',
    ])
    expect(relayed.transactions[0]!.transactionHash).toBe(relayed.transactionHash)
    expect(relayed.events[0]!.args).toMatchObject({
      patient,
      grantee: w.doctor.address,
      actor: patient,
    })
    expect(relayed.rotations).toMatchObject([{ scope: LABS, epoch: before.epoch + 1 }])
    expect(relayed.rotations[0]!.gasUsed).toBe(relayed.transactions[1]!.gasUsed)

    const revoked = await w.doctor.readRecord({ patient, seq: before.seq }).catch((e) => e)
    expect(revoked).toBeInstanceOf(ConsentRevokedError)
    const { anchor: after } = await w.patient.publishRecord({ scope: LABS, data: 'after' })
    expect(after.epoch).toBe(before.epoch + 1)
    // The remaining grantee got the new key from the relayed rotation; the revoked one did not.
    expect((await w.otherDoctor.readRecord({ patient, seq: after.seq })).text()).toBe('after')
    await expect(getScopeKey(w.doctor.client, patient, LABS, after.epoch)).rejects.toBeInstanceOf(
      ScopeKeyNotFoundError,
    )

    const replay = await relayer.relayRevoke(signed).catch((e) => e)
    expect(replay).toBeInstanceOf(SignatureNonceError)

    const late = await w.patient.signRevoke({
      grantee: w.otherDoctor.address!,
      scopes: [LABS],
      deadline: (await now(w)) + 60n,
    })
    await w.increaseTime(120)
    const expired = await relayer.relayRevoke(late).catch((e) => e)
    expect(expired).toBeInstanceOf(SignatureExpiredError)
    expect((await w.otherDoctor.checkAccess({ patient, scope: LABS })).read).toBe(true)
  })

  it('a relayed revocation whose rotation was never relayed is finished by revokeAccess', async () => {
    const patient = w.patient.address!
    const expiry = (await now(w)) + days(10)
    await w.patient.grantAccess({ grantee: w.doctor.address!, scopes: [LABS], expiry })
    const signed = await w.patient.signRevoke({ grantee: w.doctor.address!, scopes: [LABS] })
    const epochBefore = signed.rotations[0]!.rotation.epoch - 1
    // The relayer sends the revocation only (say it crashed before the rotation).
    const partial = await relayer.relayRevoke({ ...signed, rotations: [] })
    expect(partial.transactions).toHaveLength(1)
    expect((await w.doctor.checkAccess({ patient, scope: LABS })).read).toBe(false)
    const { anchor: stillOld } = await w.patient.publishRecord({ scope: LABS, data: 'old epoch' })
    expect(stillOld.epoch).toBe(epochBefore)

    const finished = await w.patient.revokeAccess({ grantee: w.doctor.address!, scopes: [LABS] })
    expect(finished.alreadyRevoked).toBe(true)
    expect(finished.transactionHash).toBe(partial.transactionHash)
    expect(finished.rotations).toMatchObject([{ scope: LABS, epoch: epochBefore + 1 }])
    // Relaying the whole signed revocation again is a replay.
    const late = await relayer.relayRevoke(signed).catch((e) => e)
    expect(late).toBeInstanceOf(SignatureNonceError)
  })
})
