import { createHash, randomFillSync } from 'node:crypto'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createFsStore } from '../src/exports/storage-node.js'
import { median } from './timing.js'

/** One measured run. */
export type StorageBenchSample = {
  /** Milliseconds to `put` the bytes into a fresh on-disk store (CID computed, blocks written, pinned). */
  putMs: number
  /** Milliseconds for one sha2-256 (node:crypto) over the same bytes. */
  sha256Ms: number
}

/** What {@link benchStorage} measured (throughputs are medians over the runs). */
export type StorageBenchResult = {
  /** Bytes published per run. */
  bytes: number
  runs: number
  /** Median put throughput, MB/s (10^6 bytes per second). */
  putMBps: number
  /** Median raw sha2-256 throughput over the same bytes, MB/s. */
  sha256MBps: number
  /** Median put time over median sha2-256 time: what chunking, DAG building and disk cost on top of hashing. */
  putOverSha256: number
  samples: StorageBenchSample[]
  /** The CID of the bytes (the same every run). */
  cid: string
}

export type StorageBenchOptions = {
  /** Bytes to publish. Default 64 MiB. */
  bytes?: number
  /** Measured runs (after one warm-up). Default 5. */
  runs?: number
  /** Where to create the temporary stores. Default the OS temp dir. */
  tmpDir?: string
}

/**
 * Measures publishing ciphertext to the embedded on-disk store: `put` of `bytes` random bytes
 * (random stands in for bytes already encrypted) into a fresh store each run, against one raw
 * sha2-256 (node:crypto) over the same bytes. Returns the numbers; prints nothing. Every store
 * lives in a temp directory that is removed afterwards.
 *
 * @example
 * ```ts
 * import { benchStorage } from './bench/storage.js'
 *
 * const { putMBps, sha256MBps } = await benchStorage({ bytes: 64 * 1024 * 1024 })
 * ```
 */
export async function benchStorage(options: StorageBenchOptions = {}): Promise<StorageBenchResult> {
  const bytes = options.bytes ?? 64 * 1024 * 1024
  const runs = options.runs ?? 5
  const data = randomFillSync(new Uint8Array(bytes))
  const root = await mkdtemp(join(options.tmpDir ?? tmpdir(), 'medchain-bench-storage-'))
  const samples: StorageBenchSample[] = []
  let cid = ''
  try {
    for (let run = -1; run < runs; run++) {
      const store = createFsStore({ path: join(root, `store-${run + 1}`) })
      await store.open()
      const putStart = performance.now()
      cid = (await store.put(data)).toString()
      const putMs = performance.now() - putStart
      await store.close()
      await rm(store.path, { recursive: true, force: true })

      const hashStart = performance.now()
      createHash('sha256').update(data).digest()
      const sha256Ms = performance.now() - hashStart
      if (run >= 0) samples.push({ putMs, sha256Ms }) // run -1 warms up
    }
  } finally {
    await rm(root, { recursive: true, force: true })
  }
  const putMs = median(samples.map((s) => s.putMs))
  const sha256Ms = median(samples.map((s) => s.sha256Ms))
  const mbps = (ms: number) => Math.round((bytes / 1e6 / (ms / 1000)) * 10) / 10
  return {
    bytes,
    runs,
    putMBps: mbps(putMs),
    sha256MBps: mbps(sha256Ms),
    putOverSha256: Math.round((putMs / sha256Ms) * 100) / 100,
    samples: samples.map((s) => ({
      putMs: Math.round(s.putMs * 10) / 10,
      sha256Ms: Math.round(s.sha256Ms * 10) / 10,
    })),
    cid,
  }
}
