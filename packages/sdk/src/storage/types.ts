import type { CID } from 'multiformats/cid'

/**
 * A CID as a `CID` object or its string form. Every storage function parses it with
 * {@link parseCid} and throws `InvalidCidError` if it is malformed.
 *
 * @example
 * ```ts
 * const cid: CidInput = 'bafkreihdwdcefgh4dqkjv67uzcmw7ojee6xedzdetojuzjevtenxquvyku'
 * ```
 */
export type CidInput = CID | string

/**
 * Progress of a transfer: bytes processed so far and, when known, the total.
 *
 * @example
 * ```ts
 * const onProgress = ({ bytes, totalBytes }: StorageProgress) =>
 *   console.log(totalBytes ? `${Math.round((100 * bytes) / totalBytes)}%` : `${bytes} B`)
 * ```
 */
export type StorageProgress = { bytes: number; totalBytes?: number }

/**
 * Options every storage I/O call takes.
 *
 * @example
 * ```ts
 * const options: StorageOptions = { signal: AbortSignal.timeout(30_000), onProgress: console.log }
 * ```
 */
export type StorageOptions = {
  /** Cancels the operation; it then rejects with `StorageAbortedError`. */
  signal?: AbortSignal | undefined
  /** Called as bytes are stored or read (after verification). */
  onProgress?: ((progress: StorageProgress) => void) | undefined
}

/**
 * What `put` accepts: all the bytes at once, or a stream of chunks (any chunk sizes).
 *
 * @example
 * ```ts
 * const input: PutInput = new TextEncoder().encode('ciphertext')
 * ```
 */
export type PutInput = Uint8Array | ReadableStream<Uint8Array> | AsyncIterable<Uint8Array>

/**
 * Options of {@link RecordStore.put}.
 *
 * @example
 * ```ts
 * const cid = await store.put(bytes, { pin: false, onProgress: console.log })
 * ```
 */
export type PutOptions = StorageOptions & {
  /** Pin the content so `gc()` (or the node's GC) keeps it. Default `true`. */
  pin?: boolean | undefined
}

/**
 * Options of calls that only take a signal (`has`, `pin`, `unpin`, `gc`).
 *
 * @example
 * ```ts
 * await store.pin(cid, { signal: AbortSignal.timeout(10_000) })
 * ```
 */
export type SignalOptions = { signal?: AbortSignal | undefined }

/**
 * Read access to content-addressed records. Every block is verified against its CID before any
 * byte of it reaches the caller; a mismatch rejects with `ContentIntegrityError`.
 *
 * @example
 * ```ts
 * async function read(reader: RecordReader, cid: string) {
 *   if (!(await reader.has(cid))) return undefined
 *   return reader.get(cid)
 * }
 * ```
 */
export interface RecordReader {
  /** Reads the whole record into memory, verified. Use `stream` for large records. */
  get(cid: CidInput, options?: StorageOptions): Promise<Uint8Array>
  /**
   * Streams the record, verifying block by block as it goes; the stream errors with a typed storage
   * error if a block is missing or does not verify. A malformed CID throws synchronously.
   */
  stream(cid: CidInput, options?: StorageOptions): ReadableStream<Uint8Array>
  /** Whether the store holds the record's root block (it does not fetch or verify the rest). */
  has(cid: CidInput, options?: SignalOptions): Promise<boolean>
}

/**
 * A {@link RecordReader} that can also store and pin records.
 *
 * @example
 * ```ts
 * async function publish(store: RecordStore, ciphertext: Uint8Array) {
 *   const cid = await store.put(ciphertext) // pinned by default
 *   return cid.toString()
 * }
 * ```
 */
export interface RecordStore extends RecordReader {
  /** Stores bytes as a UnixFS file with {@link cidProfile} and returns its CIDv1. */
  put(data: PutInput, options?: PutOptions): Promise<CID>
  /** Keeps the record (and every block it links to) through garbage collection. */
  pin(cid: CidInput, options?: SignalOptions): Promise<void>
  /** Releases a pin. Unpinning a CID that is not pinned is not an error. */
  unpin(cid: CidInput, options?: SignalOptions): Promise<void>
}

/**
 * Result of {@link LocalRecordStore.gc}.
 *
 * @example
 * ```ts
 * const { removedBlocks } = await store.gc()
 * ```
 */
export type GcResult = {
  /** Blocks deleted because no pinned record links to them. */
  removedBlocks: number
  /** Blocks kept. */
  keptBlocks: number
}

/**
 * A {@link RecordStore} that owns its blocks (in memory or on disk): it keeps its own pin set and
 * deletes unpinned blocks on `gc()`.
 *
 * @example
 * ```ts
 * await store.unpin(oldCid)
 * const { removedBlocks } = await store.gc()
 * ```
 */
export interface LocalRecordStore extends RecordStore {
  /** The pinned root CIDs. */
  pins(options?: SignalOptions): Promise<CID[]>
  /** Deletes every block no pinned record links to. Waits for running puts; puts wait for it. */
  gc(options?: SignalOptions): Promise<GcResult>
}
