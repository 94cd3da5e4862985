// Publish to the on-disk store (encrypt + CID + write) vs the floor under it: raw node:crypto
// AES-256-GCM plus one SHA-256 over the same bytes. Target: raw time / publish time >= 0.5.
import { createCipheriv, createHash, randomBytes } from 'node:crypto'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { encryptEnvelope } from '../src/crypto/envelope/encryptEnvelope.js'
import { createFsStore } from '../src/exports/storage-node.js'
import { benchContext } from './crypto.js'
import { median, timeMs } from './timing.js'

const MiB = 1024 * 1024

export type PublishBenchResult = {
  sizeBytes: number
  runs: number
  /** Median ms of raw AES-256-GCM (one shot) + SHA-256 over the ciphertext. */
  rawMs: number
  /** Median ms of encryptEnvelope + put into a fresh on-disk store. */
  publishMs: number
  /** rawMs / publishMs (target >= 0.5). */
  ratio: number
}

export async function benchPublish(
  options: { sizeBytes?: number; runs?: number } = {},
): Promise<PublishBenchResult> {
  const { sizeBytes = 64 * MiB, runs = 5 } = options
  const plaintext = randomBytes(sizeBytes)
  const key = randomBytes(32)
  const dir = await mkdtemp(join(tmpdir(), 'medchain-bench-publish-'))
  const raw: number[] = []
  const publish: number[] = []
  try {
    // One warm-up round, then `runs` measured rounds with both variants interleaved.
    for (let round = 0; round <= runs; round++) {
      const rawMs = await timeMs(() => {
        const cipher = createCipheriv('aes-256-gcm', key, randomBytes(12))
        const ciphertext = cipher.update(plaintext)
        cipher.final()
        createHash('sha256').update(ciphertext).digest()
      }, true)
      const store = createFsStore({ path: join(dir, `store-${round}`) })
      await store.open()
      const publishMs = await timeMs(async () => {
        const { envelope } = await encryptEnvelope({ plaintext, context: benchContext })
        await store.put(envelope)
      }, true)
      await store.close()
      if (round > 0) {
        raw.push(rawMs)
        publish.push(publishMs)
      }
    }
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
  const rawMs = median(raw)
  const publishMs = median(publish)
  return { sizeBytes, runs, rawMs, publishMs, ratio: rawMs / publishMs }
}
