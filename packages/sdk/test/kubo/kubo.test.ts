// The SDK against two real Kubo daemons (see packages/test/src/kubo.ts): records published through
// node A's RPC API are read back through node B, so they must travel between the nodes.
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { type KuboPair, startKuboPair } from '@medchain/test'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { encryptEnvelope, generateEncryptionKeyPair } from '../../src/exports/crypto.js'
import {
  cidProfile,
  computeCid,
  createGatewayReader,
  createKuboStore,
  type RecordStore,
} from '../../src/exports/storage.js'
import { createFsStore } from '../../src/exports/storage-node.js'
import { startWorld, type World } from '../integration/setup.js'
import {
  chunksOf,
  hasLocally,
  isPinned,
  kuboBinary,
  MiB,
  pseudoRandomBytes,
  repoGc,
  sameBytes,
} from './setup.js'

const context = {
  patient: '0x70997970C51812dc3A010C7d01b50e0d17dc79C8',
  chainId: 31337n,
  contract: '0x5FbDB2315678afecb367f032d93F642f64180aa3',
  scope: 5,
} as const

describe('Kubo: two nodes', () => {
  let pair: KuboPair
  let world: World
  let storeA: RecordStore
  let storeB: RecordStore
  beforeAll(async () => {
    kuboBinary()
    ;[pair, world] = await Promise.all([startKuboPair(), startWorld()])
    storeA = createKuboStore({ url: pair.a.rpcUrl })
    storeB = createKuboStore({ url: pair.b.rpcUrl })
  })
  afterAll(async () => {
    await Promise.all([pair?.stop(), world?.stop()])
  })

  it('a record published by the client through node A is read back through node B (gateway and RPC)', async () => {
    const { privateKey } = generateEncryptionKeyPair()
    const account = world.local.accounts.patient
    const writer = world.clientFor(account, { storage: storeA, privateKey })
    await writer.registerPatient({ profile: { name: 'Kubo', age: 41 } })
    const observation = {
      resourceType: 'Observation',
      status: 'final',
      code: { text: 'HbA1c' },
      subject: { reference: 'Patient/kubo' },
      note: [{ text: 'x'.repeat(3 * MiB) }], // several 1 MiB chunks: a real DAG, not one block
    }
    const before = (await writer.listRecords()).count
    const { anchor } = await writer.publishRecord({ scope: 5, data: observation })
    expect((await writer.listRecords()).count).toBe(before + 1n)
    expect(anchor.cid).toMatch(/^bafy/)

    // Stored and pinned on A only; B has nothing yet.
    expect(await storeA.has(anchor.cid)).toBe(true)
    expect(await isPinned(pair.a, anchor.cid)).toBe(true)
    expect(await hasLocally(pair.b, anchor.cid)).toBe(false)

    // B's trustless gateway fetches the blocks from A; the reader verifies every one.
    const gateway = createGatewayReader({ url: pair.b.gatewayUrl })
    const viaGateway = await gateway.get(anchor.cid)
    expect(sameBytes(viaGateway, await storeA.get(anchor.cid))).toBe(true)
    expect((await computeCid(viaGateway)).toString()).toBe(anchor.cid.toString())
    expect(await hasLocally(pair.b, anchor.cid)).toBe(true)

    // The same patient (same keys) reading only through B decrypts it: through B's RPC API...
    const viaB = world.clientFor(account, { storage: storeB, privateKey })
    expect((await viaB.readRecord({ seq: anchor.seq })).json()).toEqual(observation)
    // ...and through B's gateway (reads only; a reader cannot put).
    const gatewayOnly: RecordStore = {
      ...storeB,
      get: gateway.get,
      stream: gateway.stream,
      has: gateway.has,
    }
    const viaGatewayClient = world.clientFor(account, { storage: gatewayOnly, privateKey })
    expect((await viaGatewayClient.readRecord({ seq: anchor.seq })).json()).toEqual(observation)
  })

  it('streams through B: blocks arrive from A as they are consumed', async () => {
    const bytes = pseudoRandomBytes(5 * MiB + 123, 7)
    const cid = await storeA.put(bytes)
    let received = 0
    const chunks: Uint8Array[] = []
    for await (const chunk of chunksOf(
      storeB.stream(cid, { onProgress: (p) => (received = p.bytes) }),
    )) {
      chunks.push(chunk)
    }
    expect(received).toBe(bytes.length)
    expect(sameBytes(Buffer.concat(chunks), bytes)).toBe(true)
  })

  it('pin and unpin on both nodes; B pins what only A had, and garbage collection respects pins', async () => {
    const bytes = pseudoRandomBytes(3 * MiB, 11)
    const cid = await storeA.put(bytes, { pin: false })
    expect(await isPinned(pair.a, cid)).toBe(false)
    await storeA.pin(cid)
    expect(await isPinned(pair.a, cid)).toBe(true)

    expect(await hasLocally(pair.b, cid)).toBe(false)
    await storeB.pin(cid) // recursive: B fetches every block from A
    expect(await isPinned(pair.b, cid)).toBe(true)
    await repoGc(pair.b)
    expect(await hasLocally(pair.b, cid)).toBe(true)
    const offlineB = createKuboStore({ url: pair.b.rpcUrl, offline: true })
    expect(sameBytes(await offlineB.get(cid), bytes)).toBe(true)

    await storeB.unpin(cid)
    await storeB.unpin(cid) // unpinning what is not pinned is not an error
    expect(await isPinned(pair.b, cid)).toBe(false)
    await repoGc(pair.b)
    expect(await hasLocally(pair.b, cid)).toBe(false)

    await storeA.unpin(cid)
    expect(await isPinned(pair.a, cid)).toBe(false)
    await repoGc(pair.a)
    expect(await storeA.has(cid)).toBe(false)
  })

  it('Kubo, the embedded on-disk store and computeCid give identical CIDs for the same ciphertext', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'medchain-kubo-cid-'))
    const fs = createFsStore({ path: dir })
    await fs.open()
    try {
      // One chunk (a raw leaf), exactly one chunk, just over, and a 9-chunk DAG.
      const sizes = [0, 5, cidProfile.chunkSize, cidProfile.chunkSize + 1, 9 * MiB + 17]
      for (const [i, size] of sizes.entries()) {
        // The envelope pads (padme), so also store bytes of exactly `size` to hit chunk boundaries.
        const { envelope: sealed } = await encryptEnvelope({
          plaintext: pseudoRandomBytes(size, 100 + i),
          context,
        })
        for (const envelope of [sealed, sealed.subarray(0, Math.min(size, sealed.length))]) {
          const [kubo, onDisk, computed] = await Promise.all([
            storeA.put(envelope),
            fs.put(envelope),
            computeCid(envelope),
          ])
          expect(kubo.toString(), `size ${size}`).toBe(computed.toString())
          expect(onDisk.toString(), `size ${size}`).toBe(computed.toString())
          // And B serves the same bytes under that CID. (Not the empty file: Kubo 0.42 does not
          // fetch the empty block from a peer over Bitswap; a MedChain envelope is never empty.)
          if (envelope.length === 0) continue
          const fromB = await storeB.get(kubo, { signal: AbortSignal.timeout(30_000) })
          expect(sameBytes(fromB, envelope)).toBe(true)
        }
      }
    } finally {
      await fs.close()
      await rm(dir, { recursive: true, force: true })
    }
  })
})
