import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  ConsentRequiredError,
  createMedChainClient,
  type EmergencyKeyRequest,
  type MedChainClient,
} from '@medchain/sdk'
import { decodeKeyEnvelope, generateEncryptionKeyPair, rawKeyProvider } from '@medchain/sdk/crypto'
import { createFsStore, type FsRecordStore } from '@medchain/sdk/storage/node'
import { anvilAccount, type LocalMedChain, startLocalMedChain } from '@medchain/test'
import { type HDAccount, http, keccak256, toHex } from 'viem'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  actForPatient,
  appointDelegates,
  breakTheGlass,
  optInToBreakGlass,
  readInEmergency,
  removeDelegate,
  runCustodianService,
} from './snippets/key-holders.js'

// Runs the delegate and break-glass code of the client guide (docs/snippets/key-holders.ts) on a
// real anvil and a real on-disk store, in the order the guide shows it.
describe('the client guide: delegates with keys and break-glass access with a custodian', () => {
  let local: LocalMedChain
  let dir: string
  let store: FsRecordStore
  const clientFor = (account: HDAccount) =>
    createMedChainClient({
      chain: local.chain,
      transport: http(local.anvil.rpcUrl),
      account,
      address: local.medChain,
      startBlock: local.startBlock,
      storage: store,
      keyProvider: rawKeyProvider({ privateKey: generateEncryptionKeyPair().privateKey }),
    })

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'medchain-key-holders-'))
    local = await startLocalMedChain()
    store = createFsStore({ path: join(dir, 'store') })
    await store.open()
  })
  afterAll(async () => {
    await store?.close()
    await local?.stop()
    if (dir) await rm(dir, { recursive: true, force: true })
  })

  async function verifiedProvider(client: MedChainClient, name: string) {
    const credentialRef = keccak256(toHex(name))
    await client.registerProvider({
      profile: { name, institution: 'General Hospital', credentialRef },
    })
    await clientFor(local.accounts.admin).verifyProvider({
      provider: client.address!,
      credentialRef,
    })
  }

  /** Who the latest rotation bundle of `scope` is wrapped to (the patient first). */
  async function bundleRecipients(patient: MedChainClient, scope: number) {
    const { entries } = await patient.getAuditTimeline()
    const rotation = entries
      .filter((e) => e.kind === 'scope-key-rotated' && e.scopes[0] === scope)
      .at(-1)!
    const bundle = JSON.parse(
      new TextDecoder().decode(await store.get(String(rotation.details.envelopeCid))),
    ) as { envelopes: string[] }
    return bundle.envelopes.map((text) =>
      decodeKeyEnvelope(new TextEncoder().encode(text)).grantee.toLowerCase(),
    )
  }

  it('a guardian with keys grants, reads and revokes for the patient; removing it rotates', async () => {
    const patient = clientFor(local.accounts.patient)
    const guardian = clientFor(local.accounts.delegate)
    const doctor = clientFor(local.accounts.doctor)
    const caregiver = anvilAccount(8).address // never registered: it can hold no keys
    await patient.registerPatient({ profile: { name: 'Minor', age: 9 } })
    await guardian.registerPatient({ profile: { name: 'Parent', age: 41 } })
    await verifiedProvider(doctor, 'Dr. Hopper')
    const { anchor } = await patient.publishRecord({ scope: 5, data: 'HbA1c 6.1 %' })

    const { withKeys, consentOnly } = await appointDelegates(patient, guardian.address!, caregiver)
    expect(withKeys.envelopeCid).toMatch(/^baf/)
    expect(consentOnly.envelopeCid).toBeUndefined()

    const { record, rotations } = await actForPatient(
      guardian,
      patient.address!,
      doctor.address!,
      anchor.seq,
    )
    expect(record.text()).toBe('HbA1c 6.1 %')
    expect(rotations).toMatchObject([{ scope: 5, epoch: 2, grantees: [] }])
    // The guardian's revocation cut the doctor off, not the guardian: epoch 2 is wrapped to both.
    expect(await bundleRecipients(patient, 5)).toEqual([
      patient.address!.toLowerCase(),
      guardian.address!.toLowerCase(),
    ])
    const { entries } = await patient.getAuditTimeline()
    expect(entries.find((e) => e.kind === 'access-granted')).toMatchObject({
      actor: guardian.address,
      counterpart: doctor.address,
    })

    const removed = await removeDelegate(patient, guardian.address!)
    // Two started scopes (1 profile, 5 lab results): two rotations after the removal.
    expect(removed.rotations.map((r) => r.scope).sort()).toEqual([1, 5])
    expect(removed.transactions).toHaveLength(3)
    const later = await patient.publishRecord({ scope: 5, data: 'HbA1c 5.8 %' })
    expect(later.anchor.epoch).toBe(3)
    // The SDK refuses at once; the key layer agrees: the new epoch is not wrapped to the guardian.
    await expect(
      guardian.readRecord({ patient: patient.address!, seq: later.anchor.seq }),
    ).rejects.toBeInstanceOf(ConsentRequiredError)
    expect(await bundleRecipients(patient, 5)).toEqual([patient.address!.toLowerCase()])
  })

  it('break glass: the doctor waits for keys until the custodian service releases them', async () => {
    const patient = clientFor(local.accounts.otherPatient)
    const doctor = clientFor(local.accounts.otherDoctor)
    const custodian = clientFor(anvilAccount(7))
    await patient.registerPatient({ profile: { name: 'Unconscious', age: 61 } })
    await verifiedProvider(doctor, 'Dr. ER')
    await verifiedProvider(custodian, 'Break-glass key service')
    const { anchor } = await patient.publishRecord({ scope: 2, data: 'penicillin allergy' })

    expect(await optInToBreakGlass(patient, custodian.address!)).toMatch(/^baf/)
    await breakTheGlass(doctor, patient.address!)
    expect(await readInEmergency(doctor, patient.address!, anchor.seq)).toBe('waiting-for-keys')

    // The service runs beside the test; a request it does not approve is left waiting.
    const seen: EmergencyKeyRequest[] = []
    let approving = false
    const stop = new AbortController()
    const service = runCustodianService(
      custodian,
      async (request) => {
        seen.push(request)
        return approving
      },
      { intervalMs: 100, signal: stop.signal },
    )
    try {
      while (seen.length === 0) await new Promise((r) => setTimeout(r, 50))
      expect(seen[0]).toMatchObject({
        patient: patient.address,
        provider: doctor.address,
        scopes: [2, 4],
      })
      expect(await readInEmergency(doctor, patient.address!, anchor.seq)).toBe('waiting-for-keys')
      approving = true
      let read = await readInEmergency(doctor, patient.address!, anchor.seq)
      for (let tries = 0; read === 'waiting-for-keys' && tries < 200; tries++) {
        await new Promise((r) => setTimeout(r, 100))
        read = await readInEmergency(doctor, patient.address!, anchor.seq)
      }
      expect(read === 'waiting-for-keys' ? read : read.text()).toBe('penicillin allergy')
    } finally {
      stop.abort()
    }
    expect(await service).toBe(1)
    expect(await custodian.listEmergencyKeyRequests()).toEqual([])
    const { entries } = await patient.getAuditTimeline()
    expect(entries.find((e) => e.kind === 'emergency-keys-released')).toMatchObject({
      actor: custodian.address,
      counterpart: doctor.address,
      scopes: [2, 4],
    })
  })
})
