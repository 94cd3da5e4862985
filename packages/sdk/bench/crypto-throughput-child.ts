// Child process of benchEnvelopeThroughputInChild (bench/crypto.ts): runs the 64 MiB throughput
// comparison in a process that loads only the SDK's crypto code, prints one JSON line.
import { benchEnvelopeThroughput } from './crypto.js'

console.log(JSON.stringify(await benchEnvelopeThroughput()))
