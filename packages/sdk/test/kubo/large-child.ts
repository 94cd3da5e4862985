// Child process of large.test.ts, so each peak RSS is that of one transfer alone (not of vitest).
//   node --import tsx test/kubo/large-child.ts put  <rpcA> <bytes>
//     streams a generated record through encryptStream into node A; prints cid, dataKey, digest.
//   node --import tsx test/kubo/large-child.ts read <rpcB|gatewayB> <rpc|gateway> <cid> <dataKeyHex>
//     streams it back through node B and decrypts it; prints bytes and digest.
// Each prints one JSON line including baselineRssMiB (after imports) and peakRssMiB (VmHWM on Linux, else maxRSS).
import { createHash } from 'node:crypto'
import { peakRssMiB } from '@medchain/test/peakRss'
import { decryptStream, encryptStream } from '../../src/exports/crypto.js'
import { createGatewayReader, createKuboStore } from '../../src/exports/storage.js'

const MiB = 1024 * 1024

// Run with --expose-gc: collecting every 4 MiB keeps the peak RSS to what the transfer really holds.
const collectGarbage = (globalThis as { gc?: () => void }).gc
let sinceCollect = 0
const collectEvery4MiB = (bytes: number) => {
  sinceCollect += bytes
  if (sinceCollect < 4 * MiB) return
  sinceCollect = 0
  collectGarbage?.()
}
const context = {
  patient: '0x70997970C51812dc3A010C7d01b50e0d17dc79C8',
  chainId: 31337n,
  contract: '0x5FbDB2315678afecb367f032d93F642f64180aa3',
  scope: 6,
} as const
const [mode, url, ...rest] = process.argv.slice(2)
const baselineRssMiB = process.memoryUsage().rss / MiB
const start = performance.now()
const hash = createHash('sha256')
let result: Record<string, unknown>

if (mode === 'put') {
  const sizeBytes = Number(rest[0])
  let produced = 0
  const plaintext = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (produced >= sizeBytes) return controller.close()
      const n = Math.min(MiB, sizeBytes - produced)
      const chunk = new Uint8Array(n).fill((produced / MiB) & 0xff) // a fresh chunk each time
      chunk[0] = 0x5a
      produced += n
      hash.update(chunk)
      collectEvery4MiB(n)
      controller.enqueue(chunk)
    },
  })
  const { ciphertext, dataKey } = encryptStream({ plaintext, context, totalBytes: sizeBytes })
  const cid = await createKuboStore({ url: url! }).put(ciphertext)
  result = {
    cid: cid.toString(),
    dataKey: Buffer.from(dataKey).toString('hex'),
    bytes: produced,
    sha256: hash.digest('hex'),
  }
} else {
  const [via, cid, dataKeyHex] = rest
  const reader =
    via === 'gateway' ? createGatewayReader({ url: url! }) : createKuboStore({ url: url! })
  const dataKey = new Uint8Array(Buffer.from(dataKeyHex!, 'hex'))
  let bytes = 0
  const plaintext = decryptStream({ ciphertext: reader.stream(cid!), dataKey, context }).getReader()
  for (;;) {
    const { done, value } = await plaintext.read()
    if (done) break
    hash.update(value)
    bytes += value.length
    collectEvery4MiB(value.length)
  }
  result = { bytes, sha256: hash.digest('hex') }
}

console.log(
  JSON.stringify({
    ...result,
    ms: performance.now() - start,
    baselineRssMiB,
    peakRssMiB: peakRssMiB(),
  }),
)
