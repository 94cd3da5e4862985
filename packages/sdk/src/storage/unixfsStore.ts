import { unixfs } from '@helia/unixfs'
import type { Blockstore } from 'interface-blockstore'
import { exporter, type UnixFSEntry } from 'ipfs-unixfs-exporter'
import { base32 } from 'multiformats/bases/base32'
import type { CID } from 'multiformats/cid'
import { MedChainError } from '../errors/base.js'
import { ContentNotFoundError, UnsupportedContentError } from '../errors/storage.js'
import { dagPbCode, identityCode, parseCid, profileImporterOptions, rawCode } from './cid.js'
import type {
  CidInput,
  GcResult,
  LocalRecordStore,
  PutInput,
  PutOptions,
  RecordReader,
  SignalOptions,
  StorageOptions,
} from './types.js'
import {
  byteChunks,
  concatBytes,
  SharedExclusiveLock,
  throwIfAborted,
  toReadableStream,
  toStorageError,
} from './utils.js'
import { createVerifiedBlockstore, type VerifiedBlockstore } from './verifiedBlockstore.js'

/** Blocks fetched ahead of the reader per DAG level (1 MiB each at most). */
const defaultReadAhead = 4
/** Deepest DAG accepted. 174-ary trees of 1 MiB leaves reach exabytes by depth 8. */
const maxDagDepth = 32

/** One decoded node of a UnixFS file DAG. */
type FileNode = {
  cid: CID
  /** The bytes of a raw leaf. */
  bytes?: Uint8Array
  /** Bytes stored inline in a dag-pb node (before its children). */
  data?: Uint8Array
  links: CID[]
  blockSizes: bigint[]
  /** Bytes of file content under this node. */
  size: bigint
}

function exporterFailure(cid: CID, error: unknown, signal: AbortSignal | undefined): unknown {
  if (error instanceof MedChainError || signal?.aborted) return error
  return new UnsupportedContentError({
    cid: cid.toString(),
    reason: `it is not a UnixFS file (${error instanceof Error ? error.message : String(error)})`,
    cause: error,
  })
}

/** Reads one node through the verified blockstore and decodes it with ipfs-unixfs-exporter. */
async function resolveNode(
  cid: CID,
  blocks: VerifiedBlockstore,
  signal: AbortSignal | undefined,
): Promise<FileNode> {
  let entry: UnixFSEntry
  try {
    entry = await exporter(cid, blocks, signal ? { signal } : {})
  } catch (error) {
    throw exporterFailure(cid, error, signal)
  }
  if (entry.type === 'raw') {
    return {
      cid,
      bytes: entry.node,
      links: [],
      blockSizes: [],
      size: BigInt(entry.node.byteLength),
    }
  }
  if (entry.type === 'file') {
    const { unixfs: data, node } = entry
    if (data.type !== 'file' && data.type !== 'raw')
      throw new UnsupportedContentError({
        cid: cid.toString(),
        reason: `it is a UnixFS ${data.type}`,
      })
    if (node.Links.length !== data.blockSizes.length)
      throw new UnsupportedContentError({
        cid: cid.toString(),
        reason: `it has ${node.Links.length} links but ${data.blockSizes.length} block sizes`,
      })
    const links = node.Links.map((link) => {
      try {
        return parseCid(link.Hash)
      } catch (cause) {
        throw new UnsupportedContentError({
          cid: cid.toString(),
          reason: 'it links to a block that cannot be verified',
          cause,
        })
      }
    })
    return {
      cid,
      ...(data.data && data.data.byteLength > 0 ? { data: data.data } : {}),
      links,
      blockSizes: data.blockSizes,
      size: data.fileSize(),
    }
  }
  throw new UnsupportedContentError({
    cid: cid.toString(),
    reason: entry.type === 'directory' ? 'it is a directory' : `it is ${entry.type} data`,
  })
}

/** An internal abort controller that also follows the caller's signal. */
function linkedController(outer: AbortSignal | undefined): {
  signal: AbortSignal
  dispose: () => void
  abort: () => void
} {
  const controller = new AbortController()
  const onAbort = () => controller.abort(outer?.reason)
  if (outer?.aborted) onAbort()
  else outer?.addEventListener('abort', onAbort, { once: true })
  return {
    signal: controller.signal,
    abort: () => controller.abort(),
    dispose: () => outer?.removeEventListener('abort', onAbort),
  }
}

/**
 * Reads a UnixFS file DAG in order, pull-based: blocks are fetched (a few ahead, for latency) only
 * as the consumer reads, each verified against its CID by `blocks` before its bytes are yielded,
 * and the declared sizes are checked at every level. Memory stays bounded by
 * `readAhead` blocks per level, whatever the file size.
 *
 * @internal
 */
export async function* readUnixfsFile(
  cidInput: CidInput,
  blocks: VerifiedBlockstore,
  options: StorageOptions & { readAhead?: number } = {},
): AsyncGenerator<Uint8Array> {
  const cid = parseCid(cidInput)
  const readAhead = Math.max(1, options.readAhead ?? defaultReadAhead)
  const { onProgress } = options
  throwIfAborted(options.signal, 'get')
  const linked = linkedController(options.signal)
  const signal = linked.signal

  async function* walk(node: FileNode, depth: number): AsyncGenerator<Uint8Array> {
    if (depth > maxDagDepth)
      throw new UnsupportedContentError({ cid: cid.toString(), reason: 'its DAG is too deep' })
    if (node.bytes) {
      if (node.bytes.byteLength > 0) yield node.bytes
      return
    }
    if (node.data) yield node.data
    const pending: Promise<FileNode>[] = []
    let next = 0
    for (let index = 0; index < node.links.length; index++) {
      while (next < node.links.length && pending.length < readAhead) {
        const promise = resolveNode(node.links[next++] as CID, blocks, signal)
        promise.catch(() => {}) // awaited below; avoid an unhandled rejection if we stop first
        pending.push(promise)
      }
      const child = await (pending.shift() as Promise<FileNode>)
      const declared = node.blockSizes[index] as bigint
      if (child.size !== declared)
        throw new UnsupportedContentError({
          cid: node.cid.toString(),
          reason: `link ${index} declares ${declared} bytes but ${child.cid} holds ${child.size}`,
        })
      yield* walk(child, depth + 1)
    }
  }

  try {
    const root = await resolveNode(cid, blocks, signal)
    const totalBytes = Number(root.size)
    onProgress?.({ bytes: 0, totalBytes })
    let bytes = 0
    for await (const chunk of walk(root, 0)) {
      throwIfAborted(options.signal, 'get')
      bytes += chunk.byteLength
      yield chunk
      onProgress?.({ bytes, totalBytes })
    }
    if (bytes !== totalBytes)
      throw new UnsupportedContentError({
        cid: cid.toString(),
        reason: `it declares ${totalBytes} bytes but holds ${bytes}`,
      })
  } finally {
    linked.abort() // stop blocks still being fetched ahead
    linked.dispose()
  }
}

/**
 * Builds the read side shared by every adapter from a verified blockstore and a `has` check.
 *
 * @internal
 */
export function createRecordReader(parameters: {
  blocks: VerifiedBlockstore
  has: (cid: CID, options: SignalOptions) => Promise<boolean>
  readAhead?: number
}): RecordReader {
  const { blocks, has } = parameters
  const store = blocks.store
  const readOptions = (options: StorageOptions) =>
    parameters.readAhead === undefined ? options : { ...options, readAhead: parameters.readAhead }

  async function* mapped(cid: CID, options: StorageOptions): AsyncGenerator<Uint8Array> {
    try {
      yield* readUnixfsFile(cid, blocks, readOptions(options))
    } catch (error) {
      throw toStorageError(error, {
        operation: 'get',
        store,
        signal: options.signal,
        cid: cid.toString(),
      })
    }
  }

  return {
    async get(cidInput, options = {}) {
      const cid = parseCid(cidInput)
      const chunks: Uint8Array[] = []
      let total = 0
      for await (const chunk of mapped(cid, options)) {
        chunks.push(chunk)
        total += chunk.byteLength
      }
      return concatBytes(chunks, total)
    },
    stream(cidInput, options = {}) {
      const cid = parseCid(cidInput)
      return toReadableStream(mapped(cid, options))
    },
    async has(cidInput, options = {}) {
      const cid = parseCid(cidInput)
      throwIfAborted(options.signal, 'has')
      if (cid.multihash.code === identityCode) return true
      try {
        return await has(cid, options)
      } catch (error) {
        throw toStorageError(error, { operation: 'has', store, signal: options.signal })
      }
    },
  }
}

/**
 * Where a local store keeps its pin set: the memory store keeps it in memory, the on-disk store
 * in a `pins.json` beside its blocks. `load` is called once; `save` after every change.
 *
 * @example
 * ```ts
 * let saved: string[] = []
 * const pinStore: PinStore = { load: async () => saved, save: async (pins) => { saved = pins } }
 * ```
 */
export type PinStore = {
  load(): Promise<string[]>
  save(pins: string[]): Promise<void>
}

/**
 * Parameters of {@link createUnixfsStore}.
 *
 * @example
 * ```ts
 * const parameters: CreateUnixfsStoreParameters = { blockstore: new MemoryBlockstore(), name: 'memory' }
 * ```
 */
export type CreateUnixfsStoreParameters = {
  /** Any interface-blockstore implementation (memory, IndexedDB, file system, S3, ...). */
  blockstore: Pick<Blockstore, 'get' | 'put' | 'has' | 'delete' | 'getAll'>
  /** Where the pin set lives. Default: in memory (lost when the process exits). */
  pinStore?: PinStore | undefined
  /** Names the store in error messages. Default `'blockstore'`. */
  name?: string | undefined
}

/** A pin store that only lives in memory. @internal */
export function memoryPinStore(): PinStore {
  let pins: string[] = []
  return {
    load: async () => [...pins],
    save: async (next) => {
      pins = [...next]
    },
  }
}

function blockKey(cid: CID): string {
  return base32.encode(cid.multihash.bytes)
}

/**
 * A full {@link LocalRecordStore} over any blockstore: `put` imports with `@helia/unixfs` and
 * {@link cidProfile}; reads go through the verified blockstore; pins live in `pinStore`; `gc()`
 * deletes every block that no pinned record links to. `createMemoryStore` and `createFsStore` are
 * this over a memory and an on-disk blockstore; use it directly for other blockstores (for
 * example `blockstore-idb` in a browser).
 *
 * @example
 * ```ts
 * import { IDBBlockstore } from 'blockstore-idb'
 * import { createUnixfsStore } from '@medchain/sdk/storage'
 *
 * const blockstore = new IDBBlockstore('medchain')
 * await blockstore.open()
 * const store = createUnixfsStore({ blockstore, name: 'indexeddb' })
 * const cid = await store.put(ciphertext)
 * ```
 */
export function createUnixfsStore(parameters: CreateUnixfsStoreParameters): LocalRecordStore {
  const { blockstore } = parameters
  const store = parameters.name ?? 'blockstore'
  const pinStore = parameters.pinStore ?? memoryPinStore()
  const blocks = createVerifiedBlockstore(blockstore, { store })
  const fs = unixfs({ blockstore })
  const lock = new SharedExclusiveLock()
  const pinKey = (cid: CID) => cid.toV1().toString()
  const addPin = (cid: CID) =>
    changePins((pins) => {
      const key = pinKey(cid)
      if (pins.has(key)) return false
      pins.add(key)
      return true
    })
  const reader = createRecordReader({
    blocks,
    has: async (cid, options) =>
      blockstore.has(cid, options.signal ? { signal: options.signal } : {}),
  })

  let pinSet: Set<string> | undefined // CIDv1 strings
  let pinChain: Promise<unknown> = Promise.resolve()
  async function loadPins(): Promise<Set<string>> {
    if (!pinSet) {
      const loaded = await pinStore.load()
      pinSet ??= new Set(loaded.map((value) => pinKey(parseCid(value))))
    }
    return pinSet
  }
  function changePins(change: (pins: Set<string>) => boolean): Promise<void> {
    const run = pinChain.then(async () => {
      const pins = await loadPins()
      if (change(pins)) await pinStore.save([...pins].sort())
    })
    pinChain = run.catch(() => {})
    return run
  }

  /** Visits every block of the DAG under `root` once; raw leaves are not read. */
  async function visitDag(
    root: CID,
    visit: (cid: CID) => Promise<void> | void,
    signal: AbortSignal | undefined,
  ): Promise<void> {
    const seen = new Set<string>()
    const stack: { cid: CID; depth: number }[] = [{ cid: root, depth: 0 }]
    while (stack.length > 0) {
      const { cid, depth } = stack.pop() as { cid: CID; depth: number }
      throwIfAborted(signal, 'pin')
      const key = blockKey(cid)
      if (seen.has(key)) continue
      seen.add(key)
      await visit(cid)
      if (cid.code !== dagPbCode || cid.multihash.code === identityCode) continue
      if (depth > maxDagDepth)
        throw new UnsupportedContentError({ cid: root.toString(), reason: 'its DAG is too deep' })
      let entry: UnixFSEntry
      try {
        entry = await exporter(cid, blocks, signal ? { signal } : {})
      } catch (error) {
        throw exporterFailure(cid, error, signal)
      }
      if (entry.type !== 'file' && entry.type !== 'directory') continue
      for (const link of entry.node.Links)
        stack.push({ cid: parseCid(link.Hash), depth: depth + 1 })
    }
  }

  return {
    ...reader,

    async put(data: PutInput, options: PutOptions = {}) {
      const { signal, onProgress, pin = true } = options
      return lock.shared(async () => {
        try {
          const content = byteChunks(data, { operation: 'put', signal, onProgress })
          const added = await fs.addByteStream(content, {
            ...profileImporterOptions(),
            // 4 MiB of leaves in flight instead of 10: same throughput on disk, less memory
            blockWriteConcurrency: 4,
            ...(signal ? { signal } : {}),
          })
          const cid = parseCid(added)
          throwIfAborted(signal, 'put')
          if (pin) await addPin(cid)
          return cid
        } catch (error) {
          throw toStorageError(error, { operation: 'put', store, signal })
        }
      })
    },

    async pin(cidInput, options = {}) {
      const cid = parseCid(cidInput)
      const { signal } = options
      await lock.shared(async () => {
        try {
          await visitDag(
            cid,
            async (block) => {
              if (block.code === rawCode && block.multihash.code !== identityCode) {
                const present = await blockstore.has(block, signal ? { signal } : {})
                if (!present) throw new ContentNotFoundError({ cid: block.toString(), store })
              }
            },
            signal,
          )
          await addPin(cid)
        } catch (error) {
          throw toStorageError(error, { operation: 'pin', store, signal, cid: cid.toString() })
        }
      })
    },

    async unpin(cidInput, options = {}) {
      const cid = parseCid(cidInput)
      throwIfAborted(options.signal, 'unpin')
      try {
        await changePins((pins) => pins.delete(pinKey(cid)))
      } catch (error) {
        throw toStorageError(error, { operation: 'unpin', store, signal: options.signal })
      }
    },

    async pins(options = {}) {
      throwIfAborted(options.signal, 'pins')
      try {
        await pinChain
        return [...(await loadPins())].map((value) => parseCid(value))
      } catch (error) {
        throw toStorageError(error, { operation: 'pins', store, signal: options.signal })
      }
    },

    async gc(options = {}): Promise<GcResult> {
      const { signal } = options
      return lock.exclusive(async () => {
        try {
          await pinChain
          const keep = new Set<string>()
          for (const value of await loadPins())
            await visitDag(parseCid(value), (cid) => void keep.add(blockKey(cid)), signal)
          const remove: CID[] = []
          let keptBlocks = 0
          for await (const { cid } of blockstore.getAll(signal ? { signal } : {})) {
            throwIfAborted(signal, 'gc')
            if (keep.has(blockKey(cid))) keptBlocks++
            else remove.push(cid)
          }
          for (const cid of remove) {
            throwIfAborted(signal, 'gc')
            await blockstore.delete(cid, signal ? { signal } : {})
          }
          return { removedBlocks: remove.length, keptBlocks }
        } catch (error) {
          throw toStorageError(error, { operation: 'gc', store, signal })
        }
      })
    },
  }
}
