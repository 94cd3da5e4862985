/**
 * Run as a script in a fresh process (`node --expose-gc --import tsx testing-memory-probe.ts <dir>
 * <MiB>`) by `fsStore.test.ts`: puts a generated stream of that size into an on-disk store, streams
 * it back, and prints one JSON line with the rss growth, so the measurement starts from a clean
 * process rather than one other tests already grew.
 *
 * @internal
 * @module
 */
import { createHash } from 'node:crypto'
import { createFsStore } from './fsStore.js'
import { generatedStream } from './testing.js'

const MiB = 1024 * 1024
const [directory, sizeMiB] = process.argv.slice(2)
const total = Number(sizeMiB) * MiB
const gc = (globalThis as { gc?: () => void }).gc ?? (() => {})

const store = createFsStore({ path: directory as string })
await store.open()
// warm up module code paths so their one-off allocations are not counted
await store.get(await store.put(new Uint8Array(3 * MiB)))
gc()
const baseline = process.memoryUsage().rss
let peak = baseline
let sinceGc = 0
// A GC every few MiB measures what is retained rather than how lazily V8 collects garbage.
const sample = (bytes: number) => {
  sinceGc += bytes
  if (sinceGc >= 4 * MiB) {
    gc()
    sinceGc = 0
  }
  peak = Math.max(peak, process.memoryUsage().rss)
}

const inputHash = createHash('sha256')
async function* source() {
  for await (const chunk of generatedStream(total, 256 * 1024, 99)) {
    inputHash.update(chunk)
    sample(chunk.byteLength)
    yield chunk
  }
}
const started = performance.now()
const cid = await store.put(source())
const putMs = performance.now() - started
const putGrowth = peak - baseline

const outputHash = createHash('sha256')
let read = 0
const reader = store.stream(cid).getReader()
while (true) {
  const { done, value } = await reader.read()
  if (done) break
  outputHash.update(value)
  read += value.byteLength
  sample(value.byteLength)
}
await store.close()
console.log(
  JSON.stringify({
    cid: cid.toString(),
    total,
    read,
    sameBytes: inputHash.digest('hex') === outputHash.digest('hex'),
    putGrowth,
    growth: peak - baseline,
    putMs,
    streamMs: performance.now() - started - putMs,
  }),
)
