// Publish (encryptEnvelope + put) and read (get + decryptEnvelope) of one record through a real
// Kubo node's RPC API vs the embedded on-disk store. Needs the Kubo binary (scripts/kubo/install.sh,
// or MEDCHAIN_KUBO_BIN); check `isKuboInstalled()` from @medchain/test before calling.
import { randomBytes } from 'node:crypto'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startKuboNode } from '@medchain/test'
import { decryptEnvelope } from '../src/crypto/envelope/decryptEnvelope.js'
import { encryptEnvelope } from '../src/crypto/envelope/encryptEnvelope.js'
import type { RecordStore } from '../src/exports/storage.js'
import { createKuboStore } from '../src/exports/storage.js'
import { createFsStore } from '../src/exports/storage-node.js'
import { benchContext } from './crypto.js'
import { median, timeMs } from './timing.js'

const MiB = 1024 * 1024

export type KuboBenchResult = {
  sizeBytes: number
  runs: number
  /** Median ms of encryptEnvelope + put. */
  publishMs: { kubo: number; fs: number }
  /** Median ms of get + decryptEnvelope. */
  readMs: { kubo: number; fs: number }
  /** fs ms / Kubo ms: 1 means Kubo is as fast as the embedded store, 0.5 half as fast. */
  ratio: { publish: number; read: number }
}

export async function benchKubo(
  options: { sizeBytes?: number; runs?: number } = {},
): Promise<KuboBenchResult> {
  const { sizeBytes = 64 * MiB, runs = 5 } = options
  const plaintext = randomBytes(sizeBytes)
  const dir = await mkdtemp(join(tmpdir(), 'medchain-bench-kubo-'))
  const node = await startKuboNode()
  const kubo = createKuboStore({ url: node.rpcUrl })
  const fs = createFsStore({ path: join(dir, 'fs') })
  await fs.open()
  const times = {
    publish: { kubo: [] as number[], fs: [] as number[] },
    read: { kubo: [] as number[], fs: [] as number[] },
  }
  try {
    // One warm-up round, then `runs` measured rounds with both stores interleaved.
    for (let round = 0; round <= runs; round++) {
      for (const [name, store] of [
        ['kubo', kubo],
        ['fs', fs],
      ] as [keyof typeof times.publish, RecordStore][]) {
        let cid: Awaited<ReturnType<RecordStore['put']>> | undefined
        let dataKey: Uint8Array | undefined
        const publishMs = await timeMs(async () => {
          const sealed = await encryptEnvelope({ plaintext, context: benchContext })
          dataKey = sealed.dataKey
          cid = await store.put(sealed.envelope)
        }, true)
        const readMs = await timeMs(async () => {
          const envelope = await store.get(cid!)
          await decryptEnvelope({ envelope, dataKey: dataKey!, context: benchContext })
        }, true)
        await store.unpin(cid!)
        if (round > 0) {
          times.publish[name].push(publishMs)
          times.read[name].push(readMs)
        }
      }
    }
  } finally {
    await fs.close()
    await node.stop()
    await rm(dir, { recursive: true, force: true })
  }
  const publishMs = { kubo: median(times.publish.kubo), fs: median(times.publish.fs) }
  const readMs = { kubo: median(times.read.kubo), fs: median(times.read.fs) }
  return {
    sizeBytes,
    runs,
    publishMs,
    readMs,
    ratio: { publish: publishMs.fs / publishMs.kubo, read: readMs.fs / readMs.kubo },
  }
}
