import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { medChainAbi } from '@medchain/contracts'
import { type LocalMedChain, startLocalMedChain } from '@medchain/test'
import { createTestClient, http } from 'viem'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { generateEncryptionKeyPair, rawKeyProvider } from '../../src/exports/crypto.js'
import { createMedChainClient } from '../../src/exports/index.js'
import {
  createFilePublishJournal,
  createFsStore,
  type FsRecordStore,
} from '../../src/exports/storage-node.js'

// The same records published again while the first anchor is still unmined: in one client
// (concurrent calls), and from a second process on the same disk (a file journal of its own, same
// file) while anvil holds the first transaction in its mempool. One anchor lands, both calls return it.

describe('a publish repeated while the first anchor is in flight', () => {
  let local: LocalMedChain
  let directory: string
  let storage: FsRecordStore
  const encryptionKey = generateEncryptionKeyPair().privateKey
  beforeAll(async () => {
    local = await startLocalMedChain()
    directory = await mkdtemp(join(tmpdir(), 'medchain-in-flight-'))
    storage = createFsStore({ path: join(directory, 'blocks') })
    await storage.open()
  })
  afterAll(async () => {
    await storage?.close()
    await local?.stop()
    if (directory) await rm(directory, { recursive: true, force: true })
  })

  /** A client as a separate process would create it: own journal instance on the shared file. */
  const processClient = () =>
    createMedChainClient({
      chain: local.chain,
      transport: http(local.anvil.rpcUrl),
      account: local.accounts.patient,
      address: local.medChain,
      startBlock: local.startBlock,
      storage,
      publishJournal: createFilePublishJournal({ path: join(directory, 'journal.json') }),
      keyProvider: rawKeyProvider({ privateKey: encryptionKey }),
    })

  const anchorCount = () =>
    local.publicClient.readContract({
      address: local.medChain,
      abi: medChainAbi,
      functionName: 'anchorCount',
      args: [local.accounts.patient.address],
    })

  it('in one client: concurrent calls with the same records anchor once', async () => {
    const client = processClient()
    await client.registerPatient({ profile: { name: 'In flight', age: 33 } })
    await client.publishRecord({ scope: 5, data: 'warm up' })
    const before = await anchorCount()
    const [first, second] = await Promise.all([
      client.publishRecord({ scope: 5, data: 'potassium 4.1' }),
      client.publishRecord({ scope: 5, data: 'potassium 4.1' }),
    ])
    expect(await anchorCount()).toBe(before + 1n)
    expect(second.anchor).toEqual(first.anchor)
    expect([first.alreadyAnchored, second.alreadyAnchored]).toEqual([false, true])
  })

  it('from a second process while the first anchor waits in the mempool', async () => {
    const testClient = createTestClient({
      mode: 'anvil',
      chain: local.chain,
      transport: http(local.anvil.rpcUrl),
    })
    const before = await anchorCount()
    const pendingCount = async () =>
      (await local.publicClient.getBlock({ blockTag: 'pending' })).transactions.length
    await testClient.setAutomine(false)
    try {
      const first = processClient().publishRecord({ scope: 5, data: 'sodium 139' })
      while ((await pendingCount()) < 1) await new Promise((r) => setTimeout(r, 20))
      const second = processClient().publishRecord({ scope: 5, data: 'sodium 139' })
      const settled = Promise.allSettled([first, second])
      // Mine until both calls are answered (each mined block may answer one).
      let answered = false
      void settled.then(() => {
        answered = true
      })
      while (!answered) {
        await new Promise((r) => setTimeout(r, 50))
        await testClient.mine({ blocks: 1 })
      }
      const [a, b] = await settled
      expect(a.status).toBe('fulfilled')
      expect(b.status).toBe('fulfilled')
      if (a.status !== 'fulfilled' || b.status !== 'fulfilled') return
      expect(b.value.anchor).toEqual(a.value.anchor)
      expect(await anchorCount()).toBe(before + 1n)
    } finally {
      await testClient.setAutomine(true)
    }
  })
})
