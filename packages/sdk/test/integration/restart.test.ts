import { createHash } from 'node:crypto'
import { mkdtemp, readFile, rename, rm, stat, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { medChainAbi } from '@medchain/contracts'
import { anvilAccount, type LocalMedChain, startLocalMedChain } from '@medchain/test'
import { type Account, bytesToHex, custom, type Hash, http } from 'viem'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { publishFingerprint } from '../../src/actions/records/publishRecords.js'
import { generateEncryptionKeyPair, rawKeyProvider } from '../../src/exports/crypto.js'
import {
  createMedChainClient,
  createMemoryPublishJournal,
  type PublishJournal,
  PublishJournalError,
} from '../../src/exports/index.js'
import type { RecordStore } from '../../src/exports/storage.js'
import { createFilePublishJournal, createFsStore } from '../../src/exports/storage-node.js'

// A publish whose anchor transaction lands but whose response is lost (the process then dies),
// repeated by a new client on the same on-disk store (a restart), against a real anvil.

type Options = {
  storagePath?: string
  storage?: RecordStore
  publishJournal?: PublishJournal
  /** When set, the next eth_sendRawTransaction reaches anvil but its response is lost. */
  fault?: { loseNextSend: boolean; lostHash?: Hash }
}

describe('a publish repeated after a restart', () => {
  let local: LocalMedChain
  const directories: string[] = []
  const temporaryDirectory = async () => {
    const directory = await mkdtemp(join(tmpdir(), 'medchain-restart-'))
    directories.push(directory)
    return directory
  }
  beforeAll(async () => {
    local = await startLocalMedChain()
  })
  afterAll(async () => {
    await local?.stop()
    for (const directory of directories) await rm(directory, { recursive: true, force: true })
  })

  /** A fresh client, as a restarted process would create it: same account and encryption key. */
  const clientFor = (account: Account, encryptionKey: Uint8Array, options: Options) => {
    const rpc = http(local.anvil.rpcUrl)({ chain: local.chain, retryCount: 0 })
    const transport = custom(
      {
        async request({ method, params }) {
          const result = await rpc.request({ method, params } as never)
          if (method === 'eth_sendRawTransaction' && options.fault?.loseNextSend) {
            options.fault.loseNextSend = false
            options.fault.lostHash = result as Hash
            throw new Error(
              'socket hang up (simulated: the transaction was sent, the response lost)',
            )
          }
          return result
        },
      },
      { retryCount: 0 },
    )
    return createMedChainClient({
      chain: local.chain,
      transport,
      account,
      address: local.medChain,
      startBlock: local.startBlock,
      keyProvider: rawKeyProvider({ privateKey: encryptionKey }),
      ...(options.storagePath === undefined ? {} : { storagePath: options.storagePath }),
      ...(options.storage === undefined ? {} : { storage: options.storage }),
      ...(options.publishJournal === undefined ? {} : { publishJournal: options.publishJournal }),
    })
  }

  const anchorCount = (account: Account) =>
    local.publicClient.readContract({
      address: local.medChain,
      abi: medChainAbi,
      functionName: 'anchorCount',
      args: [account.address],
    })

  /**
   * Registers `account` on a client with `options`, starts scope 5 (so the lost send is the anchor,
   * not the scope's first key rotation), then publishes `data` with the response of its anchor
   * lost. Returns the anchor that landed and the count before it.
   */
  async function publishWithLostResponse(
    account: Account,
    encryptionKey: Uint8Array,
    options: Options,
    data: string,
  ) {
    const fault: NonNullable<Options['fault']> = { loseNextSend: false }
    const client = clientFor(account, encryptionKey, { ...options, fault })
    await client.registerPatient({ profile: { name: 'Restart', age: 50 } })
    await client.publishRecord({ scope: 5, data: `warm up ${data}` })
    const before = await anchorCount(account)
    fault.loseNextSend = true
    await expect(client.publishRecord({ scope: 5, data })).rejects.toThrow(/response lost/)
    // The fault did fire, and the transaction whose response it swallowed lands (anvil mines it).
    expect(fault.lostHash).toBeDefined()
    const receipt = await local.publicClient.waitForTransactionReceipt({ hash: fault.lostHash! })
    expect(receipt.status).toBe('success')
    expect(await anchorCount(account)).toBe(before + 1n)
    const landed = (await client.listRecords()).records.at(-1)!
    expect(landed.seq).toBe(before + 1n)
    return { before, landed }
  }

  it('with the default on-disk store: returns the first anchor, anchorCount grew by one', async () => {
    const storagePath = await temporaryDirectory()
    const { patient } = local.accounts
    const encryptionKey = generateEncryptionKeyPair().privateKey
    const data = `lab result ${createHash('sha256').update(storagePath).digest('hex')}`
    const { before, landed } = await publishWithLostResponse(
      patient,
      encryptionKey,
      { storagePath },
      data,
    )

    const restarted = clientFor(patient, encryptionKey, { storagePath })
    const again = await restarted.publishRecord({ scope: 5, data })
    expect(again.alreadyAnchored).toBe(true)
    expect(again.anchor).toEqual(landed)
    expect(again.gasUsed).toBe(0n)
    expect(again.transactions).toEqual([])
    expect(await anchorCount(patient)).toBe(before + 1n)

    // The journal beside the store holds neither the plaintext nor its SHA-256 (any encoding), nor
    // the fingerprint it is looked up by; its secret is in a separate key file.
    const journal = await readFile(join(storagePath, 'publish-journal.json'), 'utf8')
    const plaintext = new TextEncoder().encode(data)
    const digest = createHash('sha256').update(plaintext).digest()
    const fingerprint = publishFingerprint(restarted.client, patient.address, 5, undefined, [
      plaintext,
    ])
    expect(journal).toContain(landed.cid) // it is the journal that found the anchor
    for (const secret of [
      data,
      bytesToHex(plaintext).slice(2),
      digest.toString('hex'),
      digest.toString('base64'),
      digest.toString('base64url'),
      fingerprint.slice(2),
    ])
      expect(journal.toLowerCase()).not.toContain(secret.toLowerCase())
    expect((await stat(join(storagePath, 'publish-journal.key'))).mode & 0o777).toBe(0o600)

    // Different content is a new publish, also after the restart.
    const other = await restarted.publishRecord({ scope: 5, data: `${data} (other)` })
    expect(other.alreadyAnchored).toBe(false)
    expect(await anchorCount(patient)).toBe(before + 2n)
  })

  it('with a caller-given store and no journal, a restart forgets (in memory): a second anchor', async () => {
    const directory = await temporaryDirectory()
    const storage = createFsStore({ path: directory })
    await storage.open()
    const { otherPatient } = local.accounts
    const encryptionKey = generateEncryptionKeyPair().privateKey
    const data = 'lab result, journal in memory'
    const { before, landed } = await publishWithLostResponse(
      otherPatient,
      encryptionKey,
      { storage },
      data,
    )
    const restarted = clientFor(otherPatient, encryptionKey, { storage })
    const again = await restarted.publishRecord({ scope: 5, data })
    expect(again.alreadyAnchored).toBe(false)
    expect(again.anchor.cid).not.toBe(landed.cid)
    expect(await anchorCount(otherPatient)).toBe(before + 2n)
    // In the same client, the in-memory journal still finds it.
    const sameClient = await restarted.publishRecord({ scope: 5, data })
    expect(sameClient.alreadyAnchored).toBe(true)
    expect(sameClient.anchor).toEqual(again.anchor)
    await storage.close()
  })

  it('an explicit publishJournal overrides the default: a file journal beside a caller-given store', async () => {
    const directory = await temporaryDirectory()
    const storage = createFsStore({ path: directory })
    await storage.open()
    const journalPath = join(directory, 'journal', 'publishes.json')
    const thirdPatient = anvilAccount(7)
    const encryptionKey = generateEncryptionKeyPair().privateKey
    const data = 'lab result, explicit file journal'
    const { before, landed } = await publishWithLostResponse(
      thirdPatient,
      encryptionKey,
      { storage, publishJournal: createFilePublishJournal({ path: journalPath }) },
      data,
    )
    const journal = createFilePublishJournal({ path: journalPath })
    const restarted = clientFor(thirdPatient, encryptionKey, { storage, publishJournal: journal })
    expect(restarted.client.publishJournal).toBe(journal)
    const again = await restarted.publishRecord({ scope: 5, data })
    expect(again.alreadyAnchored).toBe(true)
    expect(again.anchor).toEqual(landed)
    expect(await anchorCount(thirdPatient)).toBe(before + 1n)
    await storage.close()

    const memory = createMemoryPublishJournal()
    const withPath = clientFor(thirdPatient, encryptionKey, {
      storagePath: directory,
      publishJournal: memory,
    })
    expect(withPath.client.publishJournal).toBe(memory)
  })

  it('a damaged journal stops the publish with PublishJournalError: nothing is anchored twice', async () => {
    const storagePath = await temporaryDirectory()
    const fourthPatient = anvilAccount(8)
    const encryptionKey = generateEncryptionKeyPair().privateKey
    const data = 'lab result, damaged journal'
    const { before, landed } = await publishWithLostResponse(
      fourthPatient,
      encryptionKey,
      { storagePath },
      data,
    )
    const path = join(storagePath, 'publish-journal.json')
    const text = await readFile(path, 'utf8')
    await writeFile(path, text.slice(0, 40))

    const restarted = clientFor(fourthPatient, encryptionKey, { storagePath })
    const error = await restarted.publishRecord({ scope: 5, data }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(PublishJournalError)
    expect((error as PublishJournalError).name).toBe('PublishJournalError')
    expect((error as PublishJournalError).shortMessage).toBe(
      `The publish journal ${path} cannot be used: it is not valid JSON.`,
    )
    expect((error as PublishJournalError).message).toContain('Nothing was published.')
    expect(await anchorCount(fourthPatient)).toBe(before + 1n)

    // Restoring the file (what the error's advice leads to, had it been recoverable) resumes safely.
    await rename(path, `${path}.damaged`)
    await writeFile(path, text)
    const again = await restarted.publishRecord({ scope: 5, data })
    expect(again.alreadyAnchored).toBe(true)
    expect(again.anchor).toEqual(landed)
    expect(await anchorCount(fourthPatient)).toBe(before + 1n)
  })
})
