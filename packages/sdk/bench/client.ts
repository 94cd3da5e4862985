// The MedChain client end to end on a real local anvil and a real on-disk store: time and gas of
// each stage for a 1 MiB record, grant cost with 1 vs 10,000 records in scope, listing 10,000
// records, and the doctor's read overhead over a raw decrypt of the same envelope.
import { randomBytes } from 'node:crypto'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { type LocalMedChain, startLocalMedChain } from '@medchain/test'
import { type Account, http, keccak256, toHex } from 'viem'
import { decodeRecordObject } from '../src/actions/internal/recordObject.js'
import { getScopeKey } from '../src/actions/internal/scopeKeys.js'
import { decryptEnvelope } from '../src/crypto/envelope/decryptEnvelope.js'
import { generateEncryptionKeyPair, rawKeyProvider } from '../src/exports/crypto.js'
import { createMedChainClient, type MedChainClient } from '../src/exports/index.js'
import { createFsStore, type FsRecordStore } from '../src/exports/storage-node.js'
import { unwrapDataKey } from '../src/keys/unwrapDataKey.js'
import { median, timeMs } from './timing.js'

const MiB = 1024 * 1024
const DAY = 86_400n

export type Stage = { ms: number; gasUsed: bigint }

export type ClientBenchResult = {
  /** One measured pass of the flow for a 1 MiB record (scope 7, bytes), after a small warm-up pass. */
  stages: {
    publish: Stage
    request: Stage
    grant: Stage
    /** The doctor's first read (cold: fetches its grant envelope). No transaction: gas 0. */
    read: Stage
    /** revokeAccess + its rotateScopeKey; gasUsed is the sum of both. */
    revoke: Stage & { revokeGas: bigint; rotationGas: bigint }
  }
  grantScaling: {
    records: number
    /** Gas of the first grant; ms the median of the alternating rounds. */
    small: Stage
    big: Stage
    /** big / small (target <= 1.05 for gas). */
    gasRatio: number
    timeRatio: number
    /** Wall time to put `records` records in one scope (publishRecords batches). */
    fillMs: number
  }
  listing: { records: number; ms: number; rpcCalls: number; verified: boolean }
  readOverhead: {
    runs: number
    /** Median ms of the doctor's readRecord({ patient, seq }) of the 1 MiB record. */
    readMs: number
    /** Fastest of the reads (the floor, for a loaded machine). */
    readMinMs: number
    /** Median ms of decryptEnvelope of the same envelope with its data key in hand. */
    rawDecryptMs: number
    /** readMs - rawDecryptMs (target <= 50 ms). */
    overheadMs: number
  }
}

async function timed<T>(fn: () => Promise<T>): Promise<{ ms: number; result: T }> {
  let result: T | undefined
  const ms = await timeMs(async () => {
    result = await fn()
  })
  return { ms, result: result as T }
}

export async function benchClient(
  options: { bulkRecords?: number; batchSize?: number; runs?: number; grantRounds?: number } = {},
): Promise<ClientBenchResult> {
  const { bulkRecords = 10_000, batchSize = 500, runs = 15, grantRounds = 5 } = options
  let local: LocalMedChain | undefined
  let store: FsRecordStore | undefined
  let dir: string | undefined
  try {
    local = await startLocalMedChain()
    dir = await mkdtemp(join(tmpdir(), 'medchain-bench-client-'))
    store = createFsStore({ path: dir })
    await store.open()
    const chain = local
    const storage = store
    const clientFor = (account: Account): MedChainClient =>
      createMedChainClient({
        chain: chain.chain,
        transport: http(chain.anvil.rpcUrl),
        account,
        address: chain.medChain,
        startBlock: chain.startBlock,
        storage,
        keyProvider: rawKeyProvider({ privateKey: generateEncryptionKeyPair().privateKey }),
      })
    const { accounts } = local
    const admin = clientFor(accounts.admin)
    const doctor = clientFor(accounts.doctor)
    const patient = clientFor(accounts.patient)
    const bulk = clientFor(accounts.otherPatient)
    const credentialRef = keccak256(toHex('Dr. Bench'))
    await doctor.registerProvider({
      profile: { name: 'Dr. Bench', institution: 'General Hospital', credentialRef },
    })
    await admin.verifyProvider({ provider: doctor.address!, credentialRef })
    await patient.registerPatient({ profile: { name: 'Bench Patient', age: 40 } })
    await bulk.registerPatient({ profile: { name: 'Bulk Patient', age: 50 } })
    const patientAddress = patient.address!
    const doctorAddress = doctor.address!
    const expiry = async () => (await chain.publicClient.getBlock()).timestamp + 30n * DAY

    // The flow for one record of `scope`: publish, request, grant, read (doctor), revoke.
    const flow = async (scope: number, data: Uint8Array) => {
      const publish = await timed(() => patient.publishRecord({ scope, data }))
      const request = await timed(() =>
        doctor.requestAccess({
          patient: patientAddress,
          scopes: [scope],
          purpose: 1,
          duration: 30n * DAY,
        }),
      )
      const exp = await expiry()
      const grant = await timed(() =>
        patient.grantAccess({
          grantee: doctorAddress,
          scopes: [scope],
          expiry: exp,
          requestId: request.result.requestId,
        }),
      )
      const seq = publish.result.anchor.seq
      const read = await timed(() => doctor.readRecord({ patient: patientAddress, seq }))
      if (read.result.data.length !== data.length) throw new Error('read returned the wrong record')
      const revoke = await timed(() =>
        patient.revokeAccess({ grantee: doctorAddress, scopes: [scope] }),
      )
      const rotationGas = revoke.result.rotations.reduce((sum, r) => sum + r.gasUsed, 0n)
      return {
        seq,
        stages: {
          publish: { ms: publish.ms, gasUsed: publish.result.gasUsed },
          request: { ms: request.ms, gasUsed: request.result.gasUsed },
          grant: { ms: grant.ms, gasUsed: grant.result.gasUsed },
          read: { ms: read.ms, gasUsed: 0n },
          revoke: {
            ms: revoke.ms,
            gasUsed: revoke.result.gasUsed + rotationGas,
            revokeGas: revoke.result.gasUsed,
            rotationGas,
          },
        },
      }
    }

    // Warm-up pass on scope 6 (JIT, connections), then open scope 7 with a small record so the
    // measured publish is a steady-state one (not the scope's first rotateScopeKey).
    await flow(6, randomBytes(1024))
    await patient.publishRecord({ scope: 7, data: randomBytes(64) })
    const big = randomBytes(MiB)
    const { stages, seq: bigSeq } = await flow(7, big)

    // Doctor read overhead: re-grant scope 7, then interleave the doctor's readRecord with a raw
    // decryptEnvelope of the same envelope (data key unwrapped once, outside the timing).
    const { requestId } = await doctor.requestAccess({
      patient: patientAddress,
      scopes: [7],
      purpose: 1,
      duration: 30n * DAY,
    })
    await patient.grantAccess({
      grantee: doctorAddress,
      scopes: [7],
      expiry: await expiry(),
      requestId,
    })
    const anchor = (await patient.listRecords()).records.find((r) => r.seq === bigSeq)!
    const context = {
      patient: patientAddress,
      chainId: patient.client.chainId,
      contract: patient.client.address,
      scope: 7,
    }
    const { wrappedDataKey, envelope } = decodeRecordObject(await storage.get(anchor.cid))
    const scopeKey = await getScopeKey(patient.client, patientAddress, 7, anchor.epoch)
    const dataKey = await unwrapDataKey({ wrappedDataKey, scopeKey, context, epoch: anchor.epoch })
    await doctor.readRecord({ patient: patientAddress, seq: bigSeq }) // warm (grant envelope)
    const reads: number[] = []
    const raws: number[] = []
    for (let i = 0; i < runs; i++) {
      raws.push(await timeMs(() => decryptEnvelope({ envelope, dataKey, context }), true))
      reads.push(
        await timeMs(() => doctor.readRecord({ patient: patientAddress, seq: bigSeq }), true),
      )
    }
    const readMs = median(reads)
    const rawDecryptMs = median(raws)

    // Grant cost vs records in scope: scope 2 with 1 record, scope 3 with `bulkRecords`.
    await bulk.publishRecord({ scope: 2, data: 'one diagnosis' })
    const fillMs = await timeMs(async () => {
      for (let done = 0; done < bulkRecords; done += batchSize) {
        const n = Math.min(batchSize, bulkRecords - done)
        await bulk.publishRecords({
          scope: 3,
          records: Array.from({ length: n }, (_, i) => `treatment ${done + i}`),
        })
      }
    })
    // Gas from the first (fresh) grant of each scope; time as the median of `grantRounds`
    // alternating grants (the later ones re-grant the same scope: same work, warm storage slots).
    const exp = await expiry()
    const smallMs: number[] = []
    const bigMs: number[] = []
    let smallGas = 0n
    let bigGas = 0n
    for (let round = 0; round < grantRounds; round++) {
      const small = await timed(() =>
        bulk.grantAccess({ grantee: doctorAddress, scopes: [2], expiry: exp + BigInt(round) }),
      )
      const large = await timed(() =>
        bulk.grantAccess({ grantee: doctorAddress, scopes: [3], expiry: exp + BigInt(round) }),
      )
      if (round === 0) [smallGas, bigGas] = [small.result.gasUsed, large.result.gasUsed]
      smallMs.push(small.ms)
      bigMs.push(large.ms)
    }

    // Listing: the bulk patient's whole history (1 + bulkRecords anchors), from a fresh client.
    const lister = clientFor(accounts.otherPatient)
    const list = await timed(() => lister.listRecords())

    return {
      stages,
      grantScaling: {
        records: bulkRecords,
        small: { ms: median(smallMs), gasUsed: smallGas },
        big: { ms: median(bigMs), gasUsed: bigGas },
        gasRatio: Number(bigGas) / Number(smallGas),
        timeRatio: median(bigMs) / median(smallMs),
        fillMs,
      },
      listing: {
        records: list.result.records.length,
        ms: list.ms,
        rpcCalls: list.result.rpcCalls,
        verified: list.result.verified,
      },
      readOverhead: {
        runs,
        readMs,
        readMinMs: Math.min(...reads),
        rawDecryptMs,
        overheadMs: readMs - rawDecryptMs,
      },
    }
  } finally {
    await store?.close().catch(() => {})
    await local?.stop()
    if (dir) await rm(dir, { recursive: true, force: true })
  }
}

// `node --import tsx bench/client.ts`: run this benchmark alone.
if (import.meta.url === `file://${process.argv[1]}`) {
  const started = performance.now()
  const result = await benchClient()
  console.log(
    JSON.stringify(result, (_, v) => (typeof v === 'bigint' ? v.toString() : v), 2),
    `\n${((performance.now() - started) / 1000).toFixed(1)} s`,
  )
}
