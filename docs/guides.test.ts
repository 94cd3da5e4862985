import { mkdtemp, rm } from 'node:fs/promises'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createMedChainClient, StorageUnavailableError } from '@medchain/sdk'
import { generateEncryptionKeyPair, rawKeyProvider, saveKeystore } from '@medchain/sdk/crypto'
import { createFsStore } from '@medchain/sdk/storage/node'
import { type LocalMedChain, startLocalMedChain } from '@medchain/test'
import { type HDAccount, http, keccak256, toHex } from 'viem'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  addToChart,
  askForLabResults,
  createProviderClient,
  importLabResults,
  kuboStorage,
  readOrAskAgain,
  registerAsProvider,
} from './snippets/ehr-integration.js'
import { reencryptAfterRevocation } from './snippets/reencrypt.js'

const keyOf = (account: HDAccount) => toHex(account.getHdKey().privateKey!)

const labResult = (value: number) => ({
  resourceType: 'Observation',
  status: 'final',
  code: { coding: [{ system: 'http://loinc.org', code: '4548-4' }], text: 'HbA1c' },
  subject: { reference: 'Patient/ada' },
  valueQuantity: { value, unit: '%', system: 'http://unitsofmeasure.org', code: '%' },
})

/** A loopback port nothing listens on: a real connection refused, not a mock. */
async function closedPort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as { port: number }
  await new Promise((resolve) => server.close(resolve))
  return port
}

// Runs the code the guides show (docs/snippets/ehr-integration.ts, docs/snippets/reencrypt.ts) on a
// real anvil, a real on-disk store and a real keystore file, in the order a vendor would.
describe('the EHR integration guide and the re-encryption example', () => {
  let local: LocalMedChain
  let dir: string
  const store = () => createFsStore({ path: join(dir, 'store') })
  let shared: ReturnType<typeof store>

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'medchain-guides-'))
    local = await startLocalMedChain()
    shared = store()
    await shared.open()
  })
  afterAll(async () => {
    await shared?.close()
    await local?.stop()
    await rm(dir, { recursive: true, force: true })
  })

  it('registers, is verified, requests, reads, writes, is revoked; the patient re-encrypts', async () => {
    const { admin, doctor, patient } = local.accounts
    const common = {
      chain: local.chain,
      transport: http(local.anvil.rpcUrl),
      address: local.medChain,
      startBlock: local.startBlock,
      storage: shared,
    }
    const adminClient = createMedChainClient({ ...common, account: admin })
    const patientClient = createMedChainClient({
      ...common,
      account: patient,
      keyProvider: rawKeyProvider({ privateKey: generateEncryptionKeyPair().privateKey }),
    })

    // The provider service: its encryption key in a keystore file, as the guide says.
    const keystorePath = join(dir, 'provider.keystore.json')
    await saveKeystore({
      path: keystorePath,
      privateKey: generateEncryptionKeyPair().privateKey,
      password: 'correct horse battery staple',
    })
    const provider = await createProviderClient(
      {
        chainId: local.chain.id,
        rpcUrl: local.anvil.rpcUrl,
        contract: local.medChain,
        startBlock: local.startBlock,
        accountKey: keyOf(doctor),
        keystorePath,
        keystorePassphrase: 'correct horse battery staple',
        kuboRpcUrl: 'http://127.0.0.1:5001',
      },
      shared,
    )
    expect(provider.address).toBe(doctor.address)

    const licence = new TextEncoder().encode('licence 4711, General Hospital')
    await registerAsProvider(provider, licence)
    await adminClient.verifyProvider({
      provider: doctor.address,
      credentialRef: keccak256(licence),
    })

    await patientClient.registerPatient({ profile: { name: 'Ada Lovelace', age: 36 } })
    const first = labResult(6.1)
    const { anchor } = await patientClient.publishRecord({ data: first })

    const requestId = await askForLabResults(provider, patient.address)
    await patientClient.grantAccess({
      grantee: doctor.address,
      scopes: [5],
      expiry: new Date(Date.now() + 30 * 86_400_000),
      write: true,
      requestId,
    })

    expect(await importLabResults(provider, patient.address)).toEqual([first])

    const second = labResult(5.4)
    const written = await addToChart(provider, patient.address, second)
    expect(written.author).toBe(doctor.address)
    expect((await patientClient.readRecord({ seq: written.seq })).json()).toEqual(second)

    const read = await readOrAskAgain(provider, patient.address, anchor.seq)
    expect(read === 'ask-again' ? read : read.json()).toEqual(first)

    await patientClient.revokeAccess({ grantee: doctor.address, scopes: [5] })
    expect(await readOrAskAgain(provider, patient.address, anchor.seq)).toBe('ask-again')

    // Re-encryption: a new anchor under the new epoch supersedes the old one; the old blocks go.
    const fresh = await reencryptAfterRevocation(patientClient, anchor)
    expect(
      fresh.seq,
      'supersedeRecord returned the earlier anchor instead of publishing a correction',
    ).not.toBe(anchor.seq)
    expect(fresh.supersedes).toBe(anchor.seq)
    expect(fresh.epoch).toBeGreaterThan(anchor.epoch)
    expect(fresh.cid).not.toBe(anchor.cid)
    expect((await patientClient.readRecord({ seq: fresh.seq })).json()).toEqual(first)
    await shared.gc()
    expect(await shared.has(anchor.cid)).toBe(false)
    expect(await shared.has(fresh.cid)).toBe(true)
  })

  it('the production store from the guide is a Kubo RPC client that reports an unreachable node', async () => {
    const storage = kuboStorage({
      chainId: 31337,
      rpcUrl: local.anvil.rpcUrl,
      contract: local.medChain,
      startBlock: local.startBlock,
      accountKey: keyOf(local.accounts.doctor),
      keystorePath: join(dir, 'unused.json'),
      keystorePassphrase: 'unused',
      kuboRpcUrl: `http://127.0.0.1:${await closedPort()}`,
      kuboRpcToken: 'secret-token',
    })
    await expect(
      storage.has('bafkreihdwdcefgh4dqkjv67uzcmw7ojee6xedzdetojuzjevtenxquvyku'),
    ).rejects.toBeInstanceOf(StorageUnavailableError)
  })
})
