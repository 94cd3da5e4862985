import { sha256 as nobleSha256 } from '@noble/hashes/sha2.js'
import type { CID } from 'multiformats/cid'
import { ContentIntegrityError } from '../errors/storage.js'
import { identityCode, parseCid, sha256Code } from './cid.js'
import type { SignalOptions } from './types.js'
import { concatBytes, throwIfAborted, toStorageError } from './utils.js'

/**
 * Anything blocks can be read from: a `Blockstore` from interface-blockstore (whose `get` yields
 * chunks), or an adapter that returns the block's bytes. It may return anything; the verified
 * blockstore checks it.
 *
 * @example
 * ```ts
 * const getter: BlockGetter = { get: (cid, options) => fetchBlockSomehow(cid, options?.signal) }
 * ```
 */
export type BlockGetter = {
  get(cid: CID, options?: SignalOptions): BlockBytes | Promise<BlockBytes>
}

/**
 * A block's bytes as one array or as chunks (sync or async), as a {@link BlockGetter} returns them.
 *
 * @example
 * ```ts
 * import type { BlockBytes } from '@medchain/sdk/storage'
 *
 * const bytes: BlockBytes = [headerChunk, bodyChunk]
 * ```
 */
export type BlockBytes = Uint8Array | Iterable<Uint8Array> | AsyncIterable<Uint8Array>

/**
 * Options of {@link createVerifiedBlockstore}.
 *
 * @example
 * ```ts
 * const options: VerifiedBlockstoreOptions = { store: 'gateway:https://gw.example', maxBlockBytes: 2 * 1024 * 1024 }
 * ```
 */
export type VerifiedBlockstoreOptions = {
  /** Names the store in error messages (for example `fs:/data/ipfs`). */
  store: string
  /** Largest block accepted; bigger ones are rejected before hashing. Default 4 MiB. */
  maxBlockBytes?: number | undefined
}

/**
 * A read-only blockstore whose every block has been checked against its CID's multihash.
 * `get` has the shape interface-blockstore 7 and ipfs-unixfs-exporter expect.
 *
 * @example
 * ```ts
 * const bytes = await verified.getBlock(cid) // only ever the bytes the CID commits to
 * ```
 */
export type VerifiedBlockstore = {
  /** Names the store in error messages. */
  readonly store: string
  /** Reads one block and returns it only if it matches `cid`. */
  getBlock(cid: CID, options?: SignalOptions): Promise<Uint8Array>
  /** The same, as the one-chunk generator interface-blockstore's `get` returns. */
  get(cid: CID, options?: SignalOptions): AsyncGenerator<Uint8Array>
}

/** Default largest block accepted (Kubo's own hard limit is 2 MiB; 1 MiB chunks + headroom). */
const defaultMaxBlockBytes = 4 * 1024 * 1024

async function sha256(bytes: Uint8Array): Promise<Uint8Array> {
  const subtle = globalThis.crypto?.subtle
  if (subtle) {
    const digest = await subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>)
    return new Uint8Array(digest)
  }
  return nobleSha256(bytes) // insecure browser contexts have no WebCrypto
}

function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.byteLength !== b.byteLength) return false
  let diff = 0
  for (let i = 0; i < a.byteLength; i++) diff |= (a[i] as number) ^ (b[i] as number)
  return diff === 0
}

/**
 * Checks that `bytes` are exactly the block `cid` names: the sha2-256 of the bytes (WebCrypto, or
 * @noble/hashes where WebCrypto is unavailable) must equal the CID's digest; for an identity CID
 * the bytes must equal the digest.
 *
 * @throws {ContentIntegrityError} If they do not match.
 * @throws {InvalidCidError} If the CID uses a hash that cannot be verified.
 * @example
 * ```ts
 * import { computeCid, verifyBlock } from '@medchain/sdk/storage'
 *
 * const bytes = new TextEncoder().encode('hello')
 * await verifyBlock(await computeCid(bytes), bytes) // resolves
 * await verifyBlock(await computeCid(bytes), new TextEncoder().encode('hellO')) // throws
 * ```
 */
export async function verifyBlock(
  cid: CID,
  bytes: Uint8Array,
  options: { store?: string | undefined } = {},
): Promise<void> {
  const checked = parseCid(cid)
  const { code, digest } = checked.multihash
  const store = options.store ?? 'the store'
  if (code === identityCode) {
    if (!equalBytes(bytes, digest))
      throw new ContentIntegrityError({
        cid: checked.toString(),
        store,
        reason: 'the bytes differ from the identity CID',
      })
    return
  }
  if (code !== sha256Code) return // unreachable: parseCid only admits sha2-256 and identity
  const actual = await sha256(bytes)
  if (!equalBytes(actual, digest))
    throw new ContentIntegrityError({
      cid: checked.toString(),
      store,
      reason: `sha2-256 of the ${bytes.byteLength} bytes received does not match the CID`,
    })
}

async function collect(
  value: BlockBytes,
  limit: number,
  cid: CID,
  store: string,
): Promise<Uint8Array> {
  if (value instanceof Uint8Array) {
    if (value.byteLength > limit)
      throw new ContentIntegrityError({
        cid: cid.toString(),
        store,
        reason: `the block is ${value.byteLength} bytes, over the ${limit}-byte limit`,
      })
    return value
  }
  const chunks: Uint8Array[] = []
  let total = 0
  for await (const chunk of value) {
    total += chunk.byteLength
    if (total > limit)
      throw new ContentIntegrityError({
        cid: cid.toString(),
        store,
        reason: `the block is over the ${limit}-byte limit`,
      })
    chunks.push(chunk)
  }
  return concatBytes(chunks, total)
}

/**
 * Wraps any block source so that no block leaves it unverified. This is the single place where
 * MedChain checks bytes against CIDs; every adapter (embedded, in-memory, Kubo, gateway) reads
 * through it. Missing blocks become `ContentNotFoundError`, aborts `StorageAbortedError`, other
 * failures `StorageUnavailableError`.
 *
 * @example
 * ```ts
 * import { MemoryBlockstore } from 'blockstore-core/memory'
 * import { createVerifiedBlockstore } from '@medchain/sdk/storage'
 *
 * const verified = createVerifiedBlockstore(new MemoryBlockstore(), { store: 'memory' })
 * const block = await verified.getBlock(cid)
 * ```
 */
export function createVerifiedBlockstore(
  inner: BlockGetter,
  options: VerifiedBlockstoreOptions,
): VerifiedBlockstore {
  const { store } = options
  const maxBlockBytes = options.maxBlockBytes ?? defaultMaxBlockBytes

  async function getBlock(cidInput: CID, getOptions: SignalOptions = {}): Promise<Uint8Array> {
    const { signal } = getOptions
    const cid = parseCid(cidInput)
    throwIfAborted(signal, 'get')
    if (cid.multihash.code === identityCode) return cid.multihash.digest // the CID is the block
    let bytes: Uint8Array
    try {
      bytes = await collect(
        await inner.get(cid, signal ? { signal } : {}),
        maxBlockBytes,
        cid,
        store,
      )
    } catch (error) {
      throw toStorageError(error, { operation: 'get', store, signal, cid: cid.toString() })
    }
    throwIfAborted(signal, 'get')
    await verifyBlock(cid, bytes, { store })
    return bytes
  }

  return {
    store,
    getBlock,
    async *get(cid: CID, getOptions?: SignalOptions) {
      yield await getBlock(cid, getOptions)
    },
  }
}
