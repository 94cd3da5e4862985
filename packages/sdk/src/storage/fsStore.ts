import { randomUUID } from 'node:crypto'
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { FsBlockstore } from 'blockstore-fs'
import { NextToLast } from 'blockstore-fs/sharding'
import type { CID } from 'multiformats/cid'
import { ContentNotFoundError, StorageUnavailableError } from '../errors/storage.js'
import { parseCid } from './cid.js'
import type { LocalRecordStore, SignalOptions } from './types.js'
import { createUnixfsStore, type PinStore } from './unixfsStore.js'
import { createVerifiedBlockstore } from './verifiedBlockstore.js'

/**
 * Parameters of {@link createFsStore}.
 *
 * @example
 * ```ts
 * const parameters: CreateFsStoreParameters = { path: './.medchain/ipfs' }
 * ```
 */
export type CreateFsStoreParameters = {
  /** Directory of the store; created on `open()` if missing. Blocks go in `blocks/`, pins in `pins.json`. */
  path: string
}

/**
 * The embedded on-disk IPFS store: a {@link LocalRecordStore} that must be opened before use and
 * survives restarts.
 *
 * @example
 * ```ts
 * const store: FsRecordStore = createFsStore({ path: './.medchain/ipfs' })
 * await store.open()
 * ```
 */
export type FsRecordStore = LocalRecordStore & {
  /** Absolute path of the store directory. */
  readonly path: string
  /** Creates the directory if needed and opens the blockstore. Idempotent. */
  open(): Promise<void>
  /** Closes the blockstore; later calls reject with `StorageUnavailableError` until `open()`. */
  close(): Promise<void>
  /**
   * One block's bytes, verified against its CID (what a Kubo-style `block/get` serves, for a node
   * that exposes this store to others). Missing: `ContentNotFoundError`.
   */
  getBlock(cid: CID | string, options?: SignalOptions): Promise<Uint8Array>
}

const pinsFileVersion = 1

/**
 * blockstore-fs, reading each block with one `readFile` (one exact-size buffer) instead of a 64 KiB
 * chunked stream, and telling a missing file (`ContentNotFoundError`) from a disk error (which
 * blockstore-fs would also report as "not found").
 */
class FsBlocks extends FsBlockstore {
  readonly #sharding = new NextToLast()
  readonly #name: string

  constructor(location: string, name: string) {
    super(location, { shardingStrategy: new NextToLast() })
    this.#name = name
  }

  override async *get(key: CID, options?: { signal?: AbortSignal }): AsyncGenerator<Uint8Array> {
    const { dir, file } = this.#sharding.encode(key)
    try {
      yield await readFile(
        join(this.path, dir, file),
        options?.signal ? { signal: options.signal } : {},
      )
    } catch (error) {
      if ((error as { code?: unknown }).code === 'ENOENT')
        throw new ContentNotFoundError({ cid: key.toString(), store: this.#name, cause: error })
      throw error
    }
  }
}

/** Keeps the pin set in `<path>/pins.json`, replaced atomically (write a temp file, rename). */
function filePinStore(directory: string, store: string): PinStore {
  const file = join(directory, 'pins.json')
  return {
    async load() {
      let text: string
      try {
        text = await readFile(file, 'utf8')
      } catch (error) {
        if ((error as { code?: unknown }).code === 'ENOENT') return []
        throw error
      }
      let parsed: unknown
      try {
        parsed = JSON.parse(text)
      } catch (cause) {
        throw new StorageUnavailableError({ store, reason: `${file} is not valid JSON`, cause })
      }
      const pins = (parsed as { pins?: unknown }).pins
      if (
        (parsed as { version?: unknown }).version !== pinsFileVersion ||
        !Array.isArray(pins) ||
        !pins.every((pin) => typeof pin === 'string')
      )
        throw new StorageUnavailableError({
          store,
          reason: `${file} is not a version ${pinsFileVersion} pin file`,
        })
      return pins as string[]
    },
    async save(pins) {
      const temporary = `${file}.${randomUUID()}.tmp`
      const text = `${JSON.stringify({ version: pinsFileVersion, pins }, null, 2)}\n`
      try {
        await writeFile(temporary, text, { encoding: 'utf8', flush: true })
        await rename(temporary, file)
      } catch (error) {
        await rm(temporary, { force: true }).catch(() => {})
        throw error
      }
    },
  }
}

/**
 * The embedded IPFS store and the default: `@helia/unixfs` over an on-disk `FsBlockstore`
 * (blockstore-fs), with its pin set in a file beside the blocks. Works offline, survives restarts,
 * verifies every block it reads (a corrupted file gives `ContentIntegrityError`). Node only:
 * import it from `@medchain/sdk/storage/node` so browser bundles never pull in `node:fs`.
 *
 * @example
 * ```ts
 * import { createFsStore } from '@medchain/sdk/storage/node'
 *
 * const store = createFsStore({ path: './.medchain/ipfs' })
 * await store.open()
 * const cid = await store.put(ciphertext) // pinned
 * const same = await store.get(cid)
 * await store.close()
 * ```
 */
export function createFsStore(parameters: CreateFsStoreParameters): FsRecordStore {
  const path = resolve(parameters.path)
  const name = `fs store at ${path}`
  const blockstore = new FsBlocks(join(path, 'blocks'), name)
  const inner = createUnixfsStore({ blockstore, pinStore: filePinStore(path, name), name })
  const verifiedBlocks = createVerifiedBlockstore(blockstore, { store: name })
  let state: 'closed' | 'opening' | 'open' = 'closed'
  let opening: Promise<void> | undefined

  const assertOpen = () => {
    if (state !== 'open')
      throw new StorageUnavailableError({
        store: name,
        reason: 'it is not open (call open() first)',
      })
  }
  const guarded =
    <A extends unknown[], R>(fn: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      assertOpen()
      return fn(...args)
    }

  return {
    path,
    async open() {
      if (state === 'open') return
      opening ??= (async () => {
        state = 'opening'
        try {
          await mkdir(path, { recursive: true })
          await blockstore.open()
          state = 'open'
        } catch (cause) {
          state = 'closed'
          throw new StorageUnavailableError({
            store: name,
            reason: 'it could not be opened',
            cause,
          })
        } finally {
          opening = undefined
        }
      })()
      return opening
    },
    async close() {
      if (state === 'closed') return
      await opening?.catch(() => {})
      await blockstore.close()
      state = 'closed'
    },
    put: guarded(inner.put),
    get: guarded(inner.get),
    has: guarded(inner.has),
    pin: guarded(inner.pin),
    unpin: guarded(inner.unpin),
    pins: guarded(inner.pins),
    gc: guarded(inner.gc),
    stream(cid, options) {
      assertOpen()
      return inner.stream(cid, options)
    },
    getBlock: guarded((cid: CID | string, options?: SignalOptions) =>
      verifiedBlocks.getBlock(parseCid(cid), options),
    ),
  }
}
