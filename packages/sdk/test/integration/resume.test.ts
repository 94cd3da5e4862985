import { medChainAbi } from '@medchain/contracts'
import { type Address, bytesToHex, type Hash } from 'viem'
import { writeContract } from 'viem/actions'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { getScopeKey } from '../../src/actions/internal/scopeKeys.js'
import { generateEncryptionKeyPair } from '../../src/exports/crypto.js'
import {
  AlreadyRegisteredError,
  ConsentRequiredError,
  type MedChainClient,
  NotRegisteredError,
  ScopeKeyNotFoundError,
} from '../../src/exports/index.js'
import { days, now, startWorld, verifiedProvider, type World } from './setup.js'

const IMAGING = 3
const PRESCRIPTIONS = 4

describe('resume after partial failure: rotateScopeKey, revokeAccess and registerPatient', () => {
  let w: World
  beforeAll(async () => {
    w = await startWorld()
    await verifiedProvider(w, w.doctor, 'Dr. A')
    await verifiedProvider(w, w.otherDoctor, 'Dr. B')
    await w.patient.registerPatient({ profile: { name: 'P', age: 50 } })
  })
  afterAll(() => w?.stop())

  /** Sends a MedChain call straight through viem, as a half-finished SDK call would have left it. */
  async function direct(client: MedChainClient, functionName: string, args: readonly unknown[]) {
    const hash: Hash = await writeContract(client.client.walletClient!, {
      address: w.local.medChain,
      abi: medChainAbi,
      functionName,
      args,
    } as never)
    const receipt = await w.local.publicClient.waitForTransactionReceipt({ hash })
    expect(receipt.status).toBe('success')
    return hash
  }
  const epochOf = (patient: Address, scope: number) =>
    w.local.publicClient.readContract({
      address: w.local.medChain,
      abi: medChainAbi,
      functionName: 'scopeEpoch',
      args: [patient, scope],
    })

  it('rotateScopeKey starts the next epoch for the remaining grantees; a non-patient is refused', async () => {
    const patient = w.patient.address!
    const { anchor: first } = await w.patient.publishRecord({ scope: IMAGING, data: 'x-ray 1' })
    await w.patient.grantAccess({
      grantee: w.doctor.address!,
      scopes: [IMAGING],
      expiry: (await now(w)) + days(5),
    })
    const rotated = await w.patient.rotateScopeKey({ scope: IMAGING })
    expect(rotated).toMatchObject({
      scope: IMAGING,
      epoch: first.epoch + 1,
      grantees: [w.doctor.address!.toLowerCase()],
    })
    expect(rotated.events[0]!.args).toMatchObject({ patient, scope: IMAGING, epoch: rotated.epoch })
    expect(await epochOf(patient, IMAGING)).toBe(first.epoch + 1)
    const { anchor: second } = await w.patient.publishRecord({ scope: IMAGING, data: 'x-ray 2' })
    expect(second.epoch).toBe(rotated.epoch)
    // The grantee reads the new epoch (its key comes from the rotation bundle) and the old one.
    expect((await w.doctor.readRecord({ patient, seq: second.seq })).text()).toBe('x-ray 2')
    expect((await w.doctor.readRecord({ patient, seq: first.seq })).text()).toBe('x-ray 1')
    // An explicit empty grantee list leaves everyone but the patient without the next key.
    const patientOnly = await w.patient.rotateScopeKey({ scope: IMAGING, grantees: [] })
    expect(patientOnly.grantees).toEqual([])
    await expect(
      getScopeKey(w.doctor.client, patient, IMAGING, patientOnly.epoch),
    ).rejects.toBeInstanceOf(ScopeKeyNotFoundError)

    const notPatient = await w.doctor.rotateScopeKey({ scope: IMAGING }).catch((e) => e)
    expect(notPatient).toBeInstanceOf(NotRegisteredError)
    expect(notPatient.errorName).toBe('MedChainIdentityNotPatient')
  })

  it('revokeAccess finishes a revocation whose rotation never landed, and does not repeat it', async () => {
    const patient = w.patient.address!
    const { anchor } = await w.patient.publishRecord({ scope: PRESCRIPTIONS, data: 'rx 1' })
    await w.patient.grantAccess({
      grantee: w.doctor.address!,
      scopes: [PRESCRIPTIONS],
      expiry: (await now(w)) + days(5),
    })
    // The partial state: the revocation landed, the rotation did not.
    const revokeHash = await direct(w.patient, 'revokeAccess', [
      patient,
      w.doctor.address!,
      [PRESCRIPTIONS],
    ])
    expect(await epochOf(patient, PRESCRIPTIONS)).toBe(anchor.epoch)

    const resumed = await w.patient.revokeAccess({
      grantee: w.doctor.address!,
      scopes: [PRESCRIPTIONS],
    })
    expect(resumed.alreadyRevoked).toBe(true)
    expect(resumed.transactionHash).toBe(revokeHash)
    expect(resumed.gasUsed).toBeGreaterThan(0n)
    expect(resumed.events[0]!.args).toMatchObject({
      grantee: w.doctor.address,
      scope: PRESCRIPTIONS,
    })
    expect(resumed.rotations).toMatchObject([{ scope: PRESCRIPTIONS, epoch: anchor.epoch + 1 }])
    expect(resumed.transactions.map((t) => t.events[0]!.eventName)).toEqual(['ScopeKeyRotated'])
    expect(await epochOf(patient, PRESCRIPTIONS)).toBe(anchor.epoch + 1)
    const { anchor: next } = await w.patient.publishRecord({ scope: PRESCRIPTIONS, data: 'rx 2' })
    await expect(
      getScopeKey(w.doctor.client, patient, PRESCRIPTIONS, next.epoch),
    ).rejects.toBeInstanceOf(ScopeKeyNotFoundError)

    // Once complete, repeating sends nothing and rotates nothing.
    const repeated = await w.patient.revokeAccess({
      grantee: w.doctor.address!,
      scopes: [PRESCRIPTIONS],
    })
    expect(repeated).toMatchObject({ alreadyRevoked: true, rotations: [], transactions: [] })
    expect(await epochOf(patient, PRESCRIPTIONS)).toBe(anchor.epoch + 1)

    // A scope that was never granted is still the contract's refusal.
    const never = await w.patient
      .revokeAccess({ grantee: w.otherDoctor.address!, scopes: [PRESCRIPTIONS] })
      .catch((e) => e)
    expect(never).toBeInstanceOf(ConsentRequiredError)
  })

  it('revokeAccess in one go sends the revocation then each rotation, all in `transactions`', async () => {
    const patient = w.patient.address!
    await w.patient.grantAccess({
      grantee: w.otherDoctor.address!,
      scopes: [IMAGING, PRESCRIPTIONS],
      expiry: (await now(w)) + days(5),
    })
    const result = await w.patient.revokeAccess({
      grantee: w.otherDoctor.address!,
      scopes: [IMAGING, PRESCRIPTIONS],
    })
    expect(result.alreadyRevoked).toBe(false)
    expect(result.transactions.map((t) => t.events[0]!.eventName)).toEqual([
      'AccessRevoked',
      'ScopeKeyRotated',
      'ScopeKeyRotated',
    ])
    expect(result.transactions[0]!.transactionHash).toBe(result.transactionHash)
    expect(result.rotations.map((r) => r.gasUsed)).toEqual(
      result.transactions.slice(1).map((t) => t.gasUsed),
    )
    expect(await w.otherDoctor.checkAccess({ patient, scope: IMAGING })).toMatchObject({
      read: false,
    })
  })

  it('registerPatient finishes a registration whose profile key never landed', async () => {
    const keys = generateEncryptionKeyPair()
    const patient2 = w.clientFor(w.local.accounts.otherPatient, { privateKey: keys.privateKey })
    const address = patient2.address!
    // The partial state: registered (with this key provider's key), profile key missing.
    const orphan = await w.store.put(new TextEncoder().encode('profile under a lost key'))
    const registerHash = await direct(patient2, 'register', [
      1,
      bytesToHex(keys.publicKey),
      bytesToHex(orphan.bytes),
    ])
    expect(await epochOf(address, 1)).toBe(0)

    const resumed = await patient2.registerPatient({ profile: { name: 'Grace', age: 85 } })
    expect(resumed.alreadyRegistered).toBe(true)
    expect(resumed.transactionHash).toBe(registerHash)
    expect(resumed.events[0]!.eventName).toBe('Registered')
    expect(resumed.profileUpdate?.events[0]?.eventName).toBe('ProfileUpdated')
    expect(resumed.transactions.map((t) => t.events[0]!.eventName)).toEqual([
      'ProfileUpdated',
      'ScopeKeyRotated',
    ])
    expect(await epochOf(address, 1)).toBe(1)
    // A fresh client with only the key provider reads the new profile.
    const fresh = w.clientFor(w.local.accounts.otherPatient, { privateKey: keys.privateKey })
    expect(await fresh.getProfile()).toMatchObject({
      role: 'patient',
      profile: { name: 'Grace', age: 85 },
    })

    const again = await patient2
      .registerPatient({ profile: { name: 'Grace', age: 85 } })
      .catch((e) => e)
    expect(again).toBeInstanceOf(AlreadyRegisteredError)
  })

  it('registerPatient from scratch reports both transactions and alreadyRegistered false', async () => {
    const fresh = w.clientFor(w.local.accounts.delegate)
    const result = await fresh.registerPatient({ profile: { name: 'New', age: 20 } })
    expect(result.alreadyRegistered).toBe(false)
    expect(result.profileUpdate).toBeUndefined()
    expect(result.transactions.map((t) => t.transactionHash)).toEqual([
      result.transactionHash,
      result.profileKey.transactionHash,
    ])
  })
})
