// Child process of benchStreamPeakRss (bench/crypto.ts): encrypts a generated stream of
// `argv[2]` bytes with encryptStream, discards the ciphertext, prints one JSON line.
import { peakRssMiB } from '@medchain/test/peakRss'
import { encryptStream } from '../src/crypto/envelope/encryptStream.js'

const MiB = 1024 * 1024

const sizeBytes = Number(process.argv[2] ?? 1024 * MiB)
const context = {
  patient: '0x70997970C51812dc3A010C7d01b50e0d17dc79C8',
  chainId: 31337n,
  contract: '0x5FbDB2315678afecb367f032d93F642f64180aa3',
  scope: 1,
} as const

let produced = 0
const source = new ReadableStream<Uint8Array>({
  pull(controller) {
    if (produced >= sizeBytes) {
      controller.close()
      return
    }
    const n = Math.min(MiB, sizeBytes - produced)
    // A fresh chunk each time, as a file or network source would hand over.
    const chunk = new Uint8Array(n).fill(produced / MiB)
    produced += n
    controller.enqueue(chunk)
  },
})

const baselineRssMiB = process.memoryUsage().rss / MiB
const start = performance.now()
const { ciphertext } = encryptStream({ plaintext: source, context })
let ciphertextBytes = 0
const reader = ciphertext.getReader()
for (;;) {
  const { done, value } = await reader.read()
  if (done) break
  ciphertextBytes += value.length
}
const durationMs = performance.now() - start
console.log(
  JSON.stringify({
    sizeBytes,
    peakRssMiB: peakRssMiB(),
    baselineRssMiB,
    ciphertextBytes,
    durationMs,
  }),
)
