// Shared setup of the Kubo integration tests (test/kubo/*.test.ts). They need a real Kubo binary:
// `$MEDCHAIN_KUBO_BIN`, else `$MEDCHAIN_KUBO_CACHE/bin/ipfs` (default ~/.cache/medchain-kubo), as
// installed by `scripts/kubo/install.sh`. Without it they FAIL (not skip) with that instruction.
import { type KuboNode, requireKuboBinary } from '@medchain/test'
import { create } from 'kubo-rpc-client'
import type { CID } from 'multiformats/cid'

/** The Kubo binary, or an error telling to run scripts/kubo/install.sh. Call it in `beforeAll`. */
export const kuboBinary = (): string => requireKuboBinary()

export const MiB = 1024 * 1024

/** Deterministic pseudo-random bytes (xorshift), so failures are reproducible. */
export function pseudoRandomBytes(length: number, seed = 1): Uint8Array {
  const out = new Uint8Array(length)
  let x = seed >>> 0 || 1
  for (let i = 0; i < length; i++) {
    x ^= x << 13
    x ^= x >>> 17
    x ^= x << 5
    out[i] = x & 0xff
  }
  return out
}

/** Whether `node` holds a recursive pin on `cid` (asked through its RPC API). */
export async function isPinned(node: KuboNode, cid: CID | string): Promise<boolean> {
  const client = create({ url: node.rpcUrl })
  try {
    for await (const pin of client.pin.ls({ paths: [cid.toString()], type: 'recursive' }))
      if (pin.cid.toString() === cid.toString()) return true
    return false
  } catch (error) {
    if (error instanceof Error && /not pinned/i.test(error.message)) return false
    throw error
  }
}

/** Whether `node` has `cid`'s root block locally (without fetching it from its peers). */
export async function hasLocally(node: KuboNode, cid: CID | string): Promise<boolean> {
  const url = new URL('/api/v0/block/stat', node.rpcUrl)
  url.searchParams.set('arg', cid.toString())
  url.searchParams.set('offline', 'true')
  const response = await fetch(url, { method: 'POST' })
  await response.arrayBuffer()
  return response.ok
}

/** Runs the node's garbage collector (`ipfs repo gc`). */
export async function repoGc(node: KuboNode): Promise<void> {
  const response = await fetch(new URL('/api/v0/repo/gc', node.rpcUrl), { method: 'POST' })
  await response.arrayBuffer()
  if (!response.ok) throw new Error(`repo gc failed with HTTP ${response.status}`)
}

/**
 * Byte equality for large arrays. (`expect(a).toEqual(b)` compares element by element and takes
 * around a minute for 9 MB.)
 */
export const sameBytes = (a: Uint8Array, b: Uint8Array): boolean =>
  Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(
    Buffer.from(b.buffer, b.byteOffset, b.byteLength),
  )

/** Iterates a web stream (the DOM lib types of ReadableStream are not async-iterable). */
export async function* chunksOf<T>(stream: ReadableStream<T>): AsyncGenerator<T> {
  const reader = stream.getReader()
  try {
    for (;;) {
      const { done, value } = await reader.read()
      if (done) return
      yield value
    }
  } finally {
    reader.releaseLock()
  }
}
