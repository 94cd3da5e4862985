import { execFile } from 'node:child_process'
import { mkdtemp, readdir, readFile, rm, unlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { base32upper } from 'multiformats/bases/base32'
import { CID } from 'multiformats/cid'
import { identity } from 'multiformats/hashes/identity'
import { afterEach, beforeEach, describe, expect, test } from 'vitest'
import {
  ContentIntegrityError,
  ContentNotFoundError,
  InvalidCidError,
  StorageAbortedError,
  StorageUnavailableError,
} from '../errors/storage.js'
import { computeCid } from './cid.js'
import { createFsStore, type FsRecordStore } from './fsStore.js'
import { generatedStream, pseudoRandomBytes, rawCid, sameBytes } from './testing.js'

const MiB = 1024 * 1024
const execFileAsync = promisify(execFile)

/** The file blockstore-fs keeps a block in (its default NextToLast sharding). */
function blockFile(store: FsRecordStore, cid: CID): string {
  const name = base32upper.encode(cid.multihash.bytes)
  return join(store.path, 'blocks', name.slice(-2), `${name}.data`)
}

async function countBlockFiles(store: FsRecordStore): Promise<number> {
  const entries = await readdir(join(store.path, 'blocks'), { recursive: true })
  return entries.filter((entry) => entry.endsWith('.data')).length
}

let directory: string
let store: FsRecordStore

beforeEach(async () => {
  directory = await mkdtemp(join(tmpdir(), 'medchain-fs-store-'))
  store = createFsStore({ path: join(directory, 'ipfs') })
  await store.open()
})

afterEach(async () => {
  await store.close()
  await rm(directory, { recursive: true, force: true })
})

describe('createFsStore', () => {
  test('keeps blocks and pins across a close and a reopen (a new instance on the same path)', async () => {
    const bytes = pseudoRandomBytes(2 * MiB + 77, 5)
    const cid = await store.put(bytes)
    const unpinned = await store.put(pseudoRandomBytes(10, 6), { pin: false })
    await store.close()

    const reopened = createFsStore({ path: store.path })
    await reopened.open()
    try {
      expect(sameBytes(await reopened.get(cid), bytes)).toBe(true)
      expect(await reopened.has(cid)).toBe(true)
      expect((await reopened.pins()).map(String)).toEqual([cid.toString()])
      expect(JSON.parse(await readFile(join(store.path, 'pins.json'), 'utf8'))).toEqual({
        version: 1,
        pins: [cid.toString()],
      })
      expect(await reopened.gc()).toEqual({ removedBlocks: 1, keptBlocks: 4 })
      await expect(reopened.get(unpinned)).rejects.toBeInstanceOf(ContentNotFoundError)
    } finally {
      await reopened.close()
    }
    await store.open()
  })

  test('blocks are real files; gc deletes the unpinned ones from disk', async () => {
    const cid = await store.put(pseudoRandomBytes(3 * MiB, 8)) // 3 leaves + root
    expect(await countBlockFiles(store)).toBe(4)
    await store.unpin(cid)
    expect(await store.gc()).toEqual({ removedBlocks: 4, keptBlocks: 0 })
    expect(await countBlockFiles(store)).toBe(0)
  })

  test('getBlock serves single verified blocks: leaves, the root, identity CIDs; refuses missing and corrupted ones', async () => {
    const bytes = pseudoRandomBytes(2 * MiB + 1, 3)
    const cid = await store.put(bytes)
    const firstLeaf = rawCid(bytes.subarray(0, MiB))
    expect(sameBytes(await store.getBlock(firstLeaf), bytes.subarray(0, MiB))).toBe(true)
    expect(
      sameBytes(await store.getBlock(cid.toString()), await readFile(blockFile(store, cid))),
    ).toBe(true)
    const tiny = CID.createV1(0x55, identity.digest(new TextEncoder().encode('tiny')))
    expect(new TextDecoder().decode(await store.getBlock(tiny))).toBe('tiny')

    const file = blockFile(store, firstLeaf)
    const onDisk = await readFile(file)
    onDisk[7] = (onDisk[7] as number) ^ 0x01
    await writeFile(file, onDisk)
    await expect(store.getBlock(firstLeaf)).rejects.toBeInstanceOf(ContentIntegrityError)
    await unlink(file)
    await expect(store.getBlock(firstLeaf)).rejects.toBeInstanceOf(ContentNotFoundError)
    await expect(store.getBlock('not-a-cid')).rejects.toBeInstanceOf(InvalidCidError)
  })

  test('a missing block gives ContentNotFoundError (root or leaf)', async () => {
    const bytes = pseudoRandomBytes(2 * MiB + 1, 1)
    const cid = await store.put(bytes)
    const secondLeaf = rawCid(bytes.subarray(MiB, 2 * MiB))
    await unlink(blockFile(store, secondLeaf))

    const error = await store.get(cid).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ContentNotFoundError)
    expect((error as ContentNotFoundError).cid).toBe(secondLeaf.toString())
    expect((error as ContentNotFoundError).store).toBe(`fs store at ${store.path}`)

    // the stream delivers the first (verified) MiB, then errors
    const reader = store.stream(cid).getReader()
    expect((await reader.read()).value?.byteLength).toBe(MiB)
    await expect(reader.read()).rejects.toBeInstanceOf(ContentNotFoundError)

    await expect(store.pin(cid)).rejects.toBeInstanceOf(ContentNotFoundError)
    await unlink(blockFile(store, cid))
    await expect(store.get(cid)).rejects.toBeInstanceOf(ContentNotFoundError)
    expect(await store.has(cid)).toBe(false)
  })

  test('a corrupted block (one byte flipped in the file on disk) gives ContentIntegrityError', async () => {
    const bytes = pseudoRandomBytes(2 * MiB + 1, 2)
    const cid = await store.put(bytes)
    const leaf = rawCid(bytes.subarray(MiB, 2 * MiB))
    const file = blockFile(store, leaf)
    const onDisk = await readFile(file)
    expect(sameBytes(onDisk, bytes.subarray(MiB, 2 * MiB))).toBe(true)
    onDisk[12345] = (onDisk[12345] as number) ^ 0x01
    await writeFile(file, onDisk)

    const error = await store.get(cid).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ContentIntegrityError)
    expect((error as ContentIntegrityError).cid).toBe(leaf.toString())
    const reader = store.stream(cid).getReader()
    expect((await reader.read()).value?.byteLength).toBe(MiB) // leaf 0 is intact
    await expect(reader.read()).rejects.toBeInstanceOf(ContentIntegrityError)

    // the dag-pb root, too
    const rootFile = blockFile(store, cid)
    const root = await readFile(rootFile)
    root[root.length - 1] = (root[root.length - 1] as number) ^ 0x80
    await writeFile(rootFile, root)
    await expect(store.get(cid)).rejects.toBeInstanceOf(ContentIntegrityError)

    // re-putting the same bytes repairs the files
    await store.put(bytes)
    expect(sameBytes(await store.get(cid), bytes)).toBe(true)
  })

  test('malformed CID strings give InvalidCidError', async () => {
    for (const bad of [
      '',
      'bafy',
      'QmNotACid',
      'bafkreihdwdcefgh4dqkjv67uzcmw7ojee6xedzdetojuzjevtenxquvyk',
    ])
      await expect(store.get(bad)).rejects.toBeInstanceOf(InvalidCidError)
  })

  test('a closed store refuses with StorageUnavailableError until reopened', async () => {
    const cid = await store.put(new Uint8Array([1, 2, 3]))
    await store.close()
    await expect(store.get(cid)).rejects.toBeInstanceOf(StorageUnavailableError)
    await expect(store.put(new Uint8Array([1]))).rejects.toThrow(/not open \(call open\(\) first\)/)
    expect(() => store.stream(cid)).toThrow(StorageUnavailableError)
    await store.open()
    await store.open() // idempotent
    expect(await store.get(cid)).toEqual(new Uint8Array([1, 2, 3]))
  })

  test('a store path that cannot be created gives StorageUnavailableError', async () => {
    const file = join(directory, 'a-file')
    await writeFile(file, 'x')
    const bad = createFsStore({ path: join(file, 'ipfs') })
    await expect(bad.open()).rejects.toBeInstanceOf(StorageUnavailableError)
  })

  test('a damaged pins.json is reported, not silently emptied', async () => {
    await store.put(new Uint8Array([1]))
    await store.close()
    await writeFile(join(store.path, 'pins.json'), '{"version":1,"pins":[42]}')
    const reopened = createFsStore({ path: store.path })
    await reopened.open()
    await expect(reopened.pins()).rejects.toBeInstanceOf(StorageUnavailableError)
    await expect(reopened.gc()).rejects.toThrow(/not a version 1 pin file/)
    await reopened.close()
    await store.open()
  })

  test('abort via signal stops put and get', async () => {
    const controller = new AbortController()
    let produced = 0
    async function* source() {
      for await (const chunk of generatedStream(64 * MiB, MiB)) {
        produced += chunk.byteLength
        if (produced === 3 * MiB) controller.abort()
        yield chunk
      }
    }
    await expect(store.put(source(), { signal: controller.signal })).rejects.toBeInstanceOf(
      StorageAbortedError,
    )
    expect(produced).toBeLessThan(64 * MiB)

    const cid = await store.put(generatedStream(8 * MiB, MiB))
    await expect(store.get(cid, { signal: AbortSignal.timeout(1) })).rejects.toBeInstanceOf(
      StorageAbortedError,
    )
  })

  test('a 128 MiB stream goes through put and stream in bounded memory', async () => {
    // measured in a fresh process: rss never shrinks, so one other tests already grew says nothing
    const probe = fileURLToPath(new URL('./testing-memory-probe.ts', import.meta.url))
    const { stdout } = await execFileAsync(
      process.execPath,
      ['--expose-gc', '--import', 'tsx', probe, join(directory, 'probe'), '128'],
      { cwd: fileURLToPath(new URL('../..', import.meta.url)) },
    )
    const result = JSON.parse(stdout.trim().split('\n').at(-1) as string)
    expect(result.read).toBe(128 * MiB)
    expect(result.sameBytes).toBe(true)
    expect(result.cid).toBe(
      (await computeCid(generatedStream(128 * MiB, 256 * 1024, 99))).toString(),
    )
    console.info(
      `128 MiB put + stream: rss growth ${(result.putGrowth / MiB).toFixed(1)} MiB during put, ${(result.growth / MiB).toFixed(1)} MiB at most overall (put ${Math.round(result.putMs)} ms, stream ${Math.round(result.streamMs)} ms)`,
    )
    expect(result.growth).toBeLessThan(32 * MiB)
  })
})
