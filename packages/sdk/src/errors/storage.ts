import { errorDocsPath, MedChainError } from './base.js'

/** Shortens an untrusted value for an error message (CID strings can be arbitrarily long). */
function printable(value: unknown): string {
  let text: string
  if (typeof value === 'string') text = JSON.stringify(value)
  else if (value === null || value === undefined) text = String(value)
  else if (value instanceof Uint8Array) text = `Uint8Array(${value.byteLength})`
  else if (typeof value === 'object') text = `[object ${value.constructor?.name ?? 'Object'}]`
  else text = String(value)
  return text.length > 120 ? `${text.slice(0, 117)}...` : text
}

/**
 * `InvalidCidError` narrowed by its `name`, for `ErrorType` unions (viem style).
 *
 * @example
 * ```ts
 * function describe(error: InvalidCidErrorType) {
 *   return `${error.name}: ${error.shortMessage}`
 * }
 * ```
 */
export type InvalidCidErrorType = InvalidCidError & { name: 'InvalidCidError' }

/**
 * A value passed where a CID was expected is not a CID the storage layer can use: not a string or
 * `CID`, not valid multibase/CID bytes, or a CID whose codec or hash function cannot be verified.
 *
 * @example
 * ```ts
 * import { InvalidCidError, parseCid } from '@medchain/sdk/storage'
 *
 * try {
 *   parseCid('not-a-cid')
 * } catch (error) {
 *   if (error instanceof InvalidCidError) console.error(error.shortMessage)
 * }
 * ```
 */
export class InvalidCidError extends MedChainError {
  override name = 'InvalidCidError'
  /** The offending value, shortened for display. */
  readonly value: string

  constructor({ value, reason, cause }: { value: unknown; reason: string; cause?: unknown }) {
    super(`Invalid CID ${printable(value)}: ${reason}.`, {
      docsPath: errorDocsPath('InvalidCidError'),
      metaMessages: [
        'Pass a CID object or a CID string exactly as `put` returned it (CIDv1 "bafk…"/"bafy…", or CIDv0 "Qm…").',
        'Only the raw (0x55) and dag-pb (0x70) codecs with sha2-256 (or identity) hashes are accepted.',
      ],
      cause,
    })
    this.value = printable(value)
  }
}

/**
 * `ContentNotFoundError` narrowed by its `name`, for `ErrorType` unions (viem style).
 *
 * @example
 * ```ts
 * function describe(error: ContentNotFoundErrorType) {
 *   return `${error.name}: ${error.shortMessage}`
 * }
 * ```
 */
export type ContentNotFoundErrorType = ContentNotFoundError & { name: 'ContentNotFoundError' }

/**
 * The store has no block for this CID (or for one of the blocks it links to).
 *
 * @example
 * ```ts
 * import { ContentNotFoundError } from '@medchain/sdk/storage'
 *
 * try {
 *   await store.get(cid)
 * } catch (error) {
 *   if (error instanceof ContentNotFoundError) console.error('missing block', error.cid)
 * }
 * ```
 */
export class ContentNotFoundError extends MedChainError {
  override name = 'ContentNotFoundError'
  /** The CID of the missing block. */
  readonly cid: string
  /** The store that was asked (for example `fs:/var/lib/medchain/ipfs` or `gateway:https://…`). */
  readonly store: string

  constructor({ cid, store, cause }: { cid: string; store: string; cause?: unknown }) {
    super(`Block ${cid} was not found in ${store}.`, {
      docsPath: errorDocsPath('ContentNotFoundError'),
      metaMessages: [
        'Check the CID, and that the content was published to (or pinned on) this store.',
        'A gateway or Kubo node may not have fetched it yet: retry later or read from the store it was put to.',
      ],
      cause,
    })
    this.cid = cid
    this.store = store
  }
}

/**
 * `ContentIntegrityError` narrowed by its `name`, for `ErrorType` unions (viem style).
 *
 * @example
 * ```ts
 * function describe(error: ContentIntegrityErrorType) {
 *   return `${error.name}: ${error.shortMessage}`
 * }
 * ```
 */
export type ContentIntegrityErrorType = ContentIntegrityError & { name: 'ContentIntegrityError' }

/**
 * A block's bytes do not match the hash in its CID: the store returned corrupted or tampered data.
 * Nothing from this block was returned to the caller.
 *
 * @example
 * ```ts
 * import { ContentIntegrityError } from '@medchain/sdk/storage'
 *
 * try {
 *   await reader.get(cid)
 * } catch (error) {
 *   if (error instanceof ContentIntegrityError) console.error('tampered block', error.cid)
 * }
 * ```
 */
export class ContentIntegrityError extends MedChainError {
  override name = 'ContentIntegrityError'
  /** The CID whose block failed verification. */
  readonly cid: string
  /** The store that returned the bad bytes. */
  readonly store: string

  constructor({
    cid,
    store,
    reason,
    cause,
  }: { cid: string; store: string; reason: string; cause?: unknown }) {
    super(`Block ${cid} from ${store} failed verification: ${reason}.`, {
      docsPath: errorDocsPath('ContentIntegrityError'),
      metaMessages: [
        'The bytes were rejected and not returned. Read the CID from another store or gateway.',
        'If this is your own on-disk store, its file is corrupted: restore it from a backup or re-put the record.',
      ],
      cause,
    })
    this.cid = cid
    this.store = store
  }
}

/**
 * `StorageUnavailableError` narrowed by its `name`, for `ErrorType` unions (viem style).
 *
 * @example
 * ```ts
 * function describe(error: StorageUnavailableErrorType) {
 *   return `${error.name}: ${error.shortMessage}`
 * }
 * ```
 */
export type StorageUnavailableErrorType = StorageUnavailableError & {
  name: 'StorageUnavailableError'
}

/**
 * The store could not be reached or could not serve the request: connection refused, DNS failure,
 * HTTP 5xx, a closed on-disk store, or a disk error.
 *
 * @example
 * ```ts
 * import { StorageUnavailableError } from '@medchain/sdk/storage'
 *
 * try {
 *   await store.put(bytes)
 * } catch (error) {
 *   if (error instanceof StorageUnavailableError) console.error('retry later:', error.details)
 * }
 * ```
 */
export class StorageUnavailableError extends MedChainError {
  override name = 'StorageUnavailableError'
  /** The store that failed. */
  readonly store: string

  constructor({ store, reason, cause }: { store: string; reason: string; cause?: unknown }) {
    super(`${store} is unavailable: ${reason}.`, {
      docsPath: errorDocsPath('StorageUnavailableError'),
      metaMessages: [
        'Check that the node or gateway is running and reachable at that URL (or that the on-disk store is open), then retry.',
      ],
      cause,
    })
    this.store = store
  }
}

/**
 * `StorageAbortedError` narrowed by its `name`, for `ErrorType` unions (viem style).
 *
 * @example
 * ```ts
 * function describe(error: StorageAbortedErrorType) {
 *   return `${error.name}: ${error.shortMessage}`
 * }
 * ```
 */
export type StorageAbortedErrorType = StorageAbortedError & { name: 'StorageAbortedError' }

/**
 * The operation was cancelled through its `signal` before it finished.
 *
 * @example
 * ```ts
 * import { StorageAbortedError } from '@medchain/sdk/storage'
 *
 * try {
 *   await store.get(cid, { signal: AbortSignal.timeout(5_000) })
 * } catch (error) {
 *   if (error instanceof StorageAbortedError) console.error('gave up after 5 s')
 * }
 * ```
 */
export class StorageAbortedError extends MedChainError {
  override name = 'StorageAbortedError'

  constructor({ operation, cause }: { operation: string; cause?: unknown }) {
    super(`The storage operation "${operation}" was aborted.`, {
      docsPath: errorDocsPath('StorageAbortedError'),
      metaMessages: [
        'The `signal` passed to it was aborted (or timed out). Retry with a new signal or a longer timeout.',
      ],
      cause,
    })
  }
}

/**
 * `UnsupportedContentError` narrowed by its `name`, for `ErrorType` unions (viem style).
 *
 * @example
 * ```ts
 * function describe(error: UnsupportedContentErrorType) {
 *   return `${error.name}: ${error.shortMessage}`
 * }
 * ```
 */
export type UnsupportedContentErrorType = UnsupportedContentError & {
  name: 'UnsupportedContentError'
}

/**
 * The CID is valid and its blocks verify, but it does not point to a well-formed UnixFS file (for
 * example a directory, a symlink, or a DAG whose sizes do not add up), so it cannot be read as a
 * record.
 *
 * @example
 * ```ts
 * import { UnsupportedContentError } from '@medchain/sdk/storage'
 *
 * try {
 *   await reader.get(directoryCid)
 * } catch (error) {
 *   if (error instanceof UnsupportedContentError) console.error(error.shortMessage)
 * }
 * ```
 */
export class UnsupportedContentError extends MedChainError {
  override name = 'UnsupportedContentError'
  /** The CID that could not be read as a file. */
  readonly cid: string

  constructor({ cid, reason, cause }: { cid: string; reason: string; cause?: unknown }) {
    super(`${cid} cannot be read as a record: ${reason}.`, {
      docsPath: errorDocsPath('UnsupportedContentError'),
      metaMessages: [
        'Pass the CID that `put` returned for the record, not a directory or a CID from another application.',
      ],
      cause,
    })
    this.cid = cid
  }
}

/**
 * `CidMismatchError` narrowed by its `name`, for `ErrorType` unions (viem style).
 *
 * @example
 * ```ts
 * function describe(error: CidMismatchErrorType) {
 *   return `${error.name}: ${error.shortMessage}`
 * }
 * ```
 */
export type CidMismatchErrorType = CidMismatchError & { name: 'CidMismatchError' }

/**
 * A remote node stored the content under a different CID than the one computed locally with
 * `cidProfile`: it ignored or overrode the import settings, so the record would not be found
 * under the CID anchored on chain.
 *
 * @example
 * ```ts
 * import { CidMismatchError } from '@medchain/sdk/storage'
 *
 * try {
 *   await kubo.put(bytes)
 * } catch (error) {
 *   if (error instanceof CidMismatchError) console.error(error.expected, error.actual)
 * }
 * ```
 */
export class CidMismatchError extends MedChainError {
  override name = 'CidMismatchError'
  /** The CID computed locally with `cidProfile`. */
  readonly expected: string
  /** The CID the remote node returned. */
  readonly actual: string

  constructor({ expected, actual, store }: { expected: string; actual: string; store: string }) {
    super(`${store} stored the content as ${actual}, but the local CID is ${expected}.`, {
      docsPath: errorDocsPath('CidMismatchError'),
      metaMessages: [
        'The node does not honour the import options (cid-version=1, raw-leaves, chunker=size-1048576, max-file-links=174).',
        'Upgrade Kubo (0.35 or later supports --max-file-links) or reset its Import.* config, then put again.',
      ],
    })
    this.expected = expected
    this.actual = actual
  }
}

/**
 * `InvalidStorageInputError` narrowed by its `name`, for `ErrorType` unions (viem style).
 *
 * @example
 * ```ts
 * function describe(error: InvalidStorageInputErrorType) {
 *   return `${error.name}: ${error.shortMessage}`
 * }
 * ```
 */
export type InvalidStorageInputErrorType = InvalidStorageInputError & {
  name: 'InvalidStorageInputError'
}

/**
 * `put` (or `computeCid`) was given something other than a `Uint8Array`, a
 * `ReadableStream<Uint8Array>` or an `AsyncIterable<Uint8Array>` of byte chunks.
 *
 * @example
 * ```ts
 * import { InvalidStorageInputError } from '@medchain/sdk/storage'
 *
 * try {
 *   await store.put('text' as never)
 * } catch (error) {
 *   if (error instanceof InvalidStorageInputError) console.error(error.shortMessage)
 * }
 * ```
 */
export class InvalidStorageInputError extends MedChainError {
  override name = 'InvalidStorageInputError'

  constructor({ received }: { received: unknown }) {
    super(`Expected bytes to store, received ${printable(received)}.`, {
      docsPath: errorDocsPath('InvalidStorageInputError'),
      metaMessages: [
        'Pass a Uint8Array, a ReadableStream<Uint8Array> or an AsyncIterable<Uint8Array>; encode text with TextEncoder first.',
      ],
    })
  }
}
