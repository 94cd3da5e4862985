import { MemoryBlockstore } from 'blockstore-core/memory'
import fc from 'fast-check'
import { importer } from 'ipfs-unixfs-importer'
import { CID } from 'multiformats/cid'
import * as Digest from 'multiformats/hashes/digest'
import { describe, expect, test } from 'vitest'
import {
  ContentNotFoundError,
  InvalidCidError,
  InvalidStorageInputError,
  StorageAbortedError,
  UnsupportedContentError,
} from '../errors/storage.js'
import { computeCid } from './cid.js'
import { createMemoryStore } from './memoryStore.js'
import {
  encodeFileNode,
  generatedStream,
  pseudoRandomBytes,
  rawCid,
  readAll,
  sameBytes,
  sha256,
  toWebStream,
} from './testing.js'
import type { StorageProgress } from './types.js'
import { createUnixfsStore } from './unixfsStore.js'

const MiB = 1024 * 1024

function withByte(bytes: Uint8Array, last: number): Uint8Array {
  const out = new Uint8Array(bytes.length + 1)
  out.set(bytes)
  out[bytes.length] = last
  return out
}

describe('createMemoryStore', () => {
  test('put bytes -> CID -> get and stream give the same, verified bytes', async () => {
    const store = createMemoryStore()
    const bytes = pseudoRandomBytes(3 * MiB + 123, 9)
    const cid = await store.put(bytes)
    expect(cid.equals(await computeCid(bytes))).toBe(true)
    expect(sameBytes(await store.get(cid), bytes)).toBe(true)
    expect(sameBytes(await store.get(cid.toString()), bytes)).toBe(true)
    expect(sameBytes(await readAll(store.stream(cid)), bytes)).toBe(true)
    expect(await store.has(cid)).toBe(true)
    expect(await store.has(rawCid(new Uint8Array([1])))).toBe(false)
  })

  test('put accepts a ReadableStream and an AsyncIterable; empty content round-trips', async () => {
    const store = createMemoryStore()
    const bytes = pseudoRandomBytes(2 * MiB + 5, 4)
    const fromBytes = await store.put(bytes)
    async function* iterable() {
      for (let offset = 0; offset < bytes.length; offset += 300_000)
        yield bytes.subarray(offset, offset + 300_000)
    }
    expect((await store.put(iterable())).equals(fromBytes)).toBe(true)
    expect((await store.put(toWebStream(iterable()))).equals(fromBytes)).toBe(true)
    const empty = await store.put(new Uint8Array(0))
    expect(empty.toString()).toBe('bafkreihdwdcefgh4dqkjv67uzcmw7ojee6xedzdetojuzjevtenxquvyku')
    expect(await store.get(empty)).toEqual(new Uint8Array(0))
    expect(await readAll(store.stream(empty))).toEqual(new Uint8Array(0))
  })

  test('property: any bytes, any chunking, round-trip', async () => {
    const store = createMemoryStore()
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ maxLength: 4096 }),
        fc.integer({ min: 1, max: 1000 }),
        async (bytes, cut) => {
          async function* chunks() {
            for (let offset = 0; offset < bytes.length; offset += cut)
              yield bytes.slice(offset, offset + cut)
          }
          const cid = await store.put(chunks())
          expect(sameBytes(await store.get(cid), bytes)).toBe(true)
        },
      ),
      { numRuns: 100 },
    )
  })

  test('rejects input that is not bytes', async () => {
    const store = createMemoryStore()
    await expect(store.put('text' as never)).rejects.toBeInstanceOf(InvalidStorageInputError)
    await expect(store.put(42 as never)).rejects.toBeInstanceOf(InvalidStorageInputError)
    async function* strings() {
      yield 'not bytes' as unknown as Uint8Array
    }
    await expect(store.put(strings())).rejects.toBeInstanceOf(InvalidStorageInputError)
  })

  test('malformed CID strings give InvalidCidError everywhere (stream throws synchronously)', async () => {
    const store = createMemoryStore()
    for (const bad of ['', 'Qm', 'bafy!', 'hello world', 'bafkrei'])
      await Promise.all([
        expect(store.get(bad)).rejects.toBeInstanceOf(InvalidCidError),
        expect(store.has(bad)).rejects.toBeInstanceOf(InvalidCidError),
        expect(store.pin(bad)).rejects.toBeInstanceOf(InvalidCidError),
        expect(store.unpin(bad)).rejects.toBeInstanceOf(InvalidCidError),
        expect(() => store.stream(bad)).toThrow(InvalidCidError),
      ])
  })

  test('a missing CID gives ContentNotFoundError', async () => {
    const store = createMemoryStore()
    const absent = rawCid(new Uint8Array([9, 9, 9]))
    const error = await store.get(absent).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ContentNotFoundError)
    expect((error as ContentNotFoundError).cid).toBe(absent.toString())
    await expect(readAll(store.stream(absent))).rejects.toBeInstanceOf(ContentNotFoundError)
  })

  test('stored blocks are copies: mutating the input or output does not change the store', async () => {
    const store = createMemoryStore()
    const bytes = pseudoRandomBytes(1000, 2)
    const original = bytes.slice()
    const cid = await store.put(bytes)
    bytes.fill(0)
    const out = await store.get(cid)
    expect(out).toEqual(original)
    out.fill(1)
    expect(await store.get(cid)).toEqual(original)
  })

  test('onProgress reports bytes (and totals when known) for put and get', async () => {
    const store = createMemoryStore()
    const bytes = pseudoRandomBytes(2 * MiB + 10, 1)
    const putEvents: StorageProgress[] = []
    const cid = await store.put(bytes, { onProgress: (p) => putEvents.push(p) })
    expect(putEvents.at(-1)).toEqual({ bytes: bytes.length, totalBytes: bytes.length })
    const streamedEvents: StorageProgress[] = []
    await store.put(generatedStream(MiB, 100_000), { onProgress: (p) => streamedEvents.push(p) })
    expect(streamedEvents.at(-1)).toEqual({ bytes: MiB })
    const getEvents: StorageProgress[] = []
    await store.get(cid, { onProgress: (p) => getEvents.push(p) })
    expect(getEvents[0]).toEqual({ bytes: 0, totalBytes: bytes.length })
    expect(getEvents.map((p) => p.bytes)).toEqual([0, MiB, 2 * MiB, bytes.length])
    expect(getEvents.every((p) => p.totalBytes === bytes.length)).toBe(true)
  })

  test('abort via signal: before, during put, during get and stream', async () => {
    const store = createMemoryStore()
    const aborted = AbortSignal.abort()
    await expect(store.put(new Uint8Array(1), { signal: aborted })).rejects.toBeInstanceOf(
      StorageAbortedError,
    )
    const controller = new AbortController()
    async function* slow() {
      yield new Uint8Array(100)
      controller.abort()
      yield new Uint8Array(100)
    }
    await expect(store.put(slow(), { signal: controller.signal })).rejects.toBeInstanceOf(
      StorageAbortedError,
    )

    const cid = await store.put(pseudoRandomBytes(4 * MiB, 3))
    const duringGet = new AbortController()
    await expect(
      store.get(cid, {
        signal: duringGet.signal,
        onProgress: ({ bytes }) => bytes > 0 && duringGet.abort(),
      }),
    ).rejects.toBeInstanceOf(StorageAbortedError)
    await expect(store.get(cid, { signal: aborted })).rejects.toBeInstanceOf(StorageAbortedError)
    await expect(store.has(cid, { signal: aborted })).rejects.toBeInstanceOf(StorageAbortedError)
    await expect(store.gc({ signal: aborted })).rejects.toBeInstanceOf(StorageAbortedError)

    const duringStream = new AbortController()
    const reader = store.stream(cid, { signal: duringStream.signal }).getReader()
    await reader.read()
    duringStream.abort()
    await expect(reader.read()).rejects.toBeInstanceOf(StorageAbortedError)
  })

  test('pin, unpin, pins and gc', async () => {
    const store = createMemoryStore()
    const a = await store.put(pseudoRandomBytes(2 * MiB + 1, 1)) // 3 leaves + root
    const b = await store.put(pseudoRandomBytes(100, 2), { pin: false }) // 1 raw block
    expect((await store.pins()).map(String)).toEqual([a.toString()])
    expect(await store.gc()).toEqual({ removedBlocks: 1, keptBlocks: 4 })
    await expect(store.get(b)).rejects.toBeInstanceOf(ContentNotFoundError)
    await expect(store.pin(b)).rejects.toBeInstanceOf(ContentNotFoundError)

    await store.unpin(a)
    await store.unpin(a) // not pinned any more: fine
    expect(await store.pins()).toEqual([])
    expect(await store.has(a)).toBe(true) // unpinned blocks stay until gc
    expect(await store.gc()).toEqual({ removedBlocks: 4, keptBlocks: 0 })
    expect(await store.has(a)).toBe(false)

    const c = await store.put(pseudoRandomBytes(10, 3), { pin: false })
    await store.pin(c)
    await store.pin(c.toString())
    expect((await store.pins()).map(String)).toEqual([c.toString()])
    expect(await store.gc()).toEqual({ removedBlocks: 0, keptBlocks: 1 })
  })

  test('shared blocks survive gc while any record that links to them is pinned', async () => {
    const store = createMemoryStore()
    const shared = pseudoRandomBytes(MiB, 42)
    const one = await store.put(withByte(shared, 1))
    const two = await store.put(withByte(shared, 2))
    await store.unpin(one)
    expect((await store.gc()).removedBlocks).toBe(2) // root and tail leaf of `one`
    expect(sameBytes(await store.get(two), withByte(shared, 2))).toBe(true)
  })

  test('gc waits for a running put, so its blocks are pinned before gc looks', async () => {
    const store = createMemoryStore()
    let release!: () => void
    const gate = new Promise<void>((resolve) => {
      release = resolve
    })
    async function* gated() {
      yield pseudoRandomBytes(MiB, 1)
      await gate
      yield pseudoRandomBytes(MiB, 2)
    }
    const put = store.put(gated())
    await new Promise((resolve) => setTimeout(resolve, 20))
    const gc = store.gc()
    release()
    const cid = await put
    expect((await gc).removedBlocks).toBe(0)
    expect((await store.get(cid)).byteLength).toBe(2 * MiB)
  })
})

describe('reading UnixFS DAGs (createUnixfsStore)', () => {
  test('a directory, or a DAG whose sizes do not add up, gives UnsupportedContentError', async () => {
    const blockstore = new MemoryBlockstore()
    const store = createUnixfsStore({ blockstore, name: 'test' })
    let dir: CID | undefined
    for await (const entry of importer(
      [{ path: 'dir/file.bin', content: new Uint8Array([1, 2, 3]) }],
      blockstore,
    ))
      dir = entry.cid
    await expect(store.get(dir as CID)).rejects.toThrow(/it is a directory/)
    await expect(store.get(dir as CID)).rejects.toBeInstanceOf(UnsupportedContentError)

    const leaf = new Uint8Array([1, 2, 3, 4])
    await blockstore.put(rawCid(leaf), leaf)
    const lying = encodeFileNode([{ cid: rawCid(leaf), tsize: 4, fileSize: 5 }])
    const lyingCid = CID.createV1(0x70, Digest.create(0x12, sha256(lying)))
    await blockstore.put(lyingCid, lying)
    await expect(store.get(lyingCid)).rejects.toThrow(/declares 5 bytes/)

    const notUnixfs = new Uint8Array([0x0a, 0x02, 0xff, 0xff]) // dag-pb Data = garbage
    const notUnixfsCid = CID.createV1(0x70, Digest.create(0x12, sha256(notUnixfs)))
    await blockstore.put(notUnixfsCid, notUnixfs)
    await expect(store.get(notUnixfsCid)).rejects.toBeInstanceOf(UnsupportedContentError)
  })

  test('reads at most a few blocks ahead of the consumer, and stops fetching when cancelled', async () => {
    const inner = new MemoryBlockstore()
    let inFlight = 0
    let maxInFlight = 0
    let fetched = 0
    const blockstore = Object.assign(Object.create(inner) as MemoryBlockstore, {
      async *get(cid: CID) {
        inFlight++
        fetched++
        maxInFlight = Math.max(maxInFlight, inFlight)
        await new Promise((resolve) => setTimeout(resolve, 2))
        inFlight--
        yield* inner.get(cid)
      },
    })
    const store = createUnixfsStore({ blockstore, name: 'counting' })
    const cid = await store.put(generatedStream(40 * MiB, MiB))
    fetched = 0
    const reader = store.stream(cid).getReader()
    for (let i = 0; i < 3; i++) await reader.read()
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(fetched).toBeLessThanOrEqual(1 + 3 + 4 + 1) // root, 3 read, 4 ahead (+1 in flight)
    await reader.cancel()
    const afterCancel = fetched
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(fetched).toBe(afterCancel)
    expect(maxInFlight).toBeLessThanOrEqual(4)
  })
})
