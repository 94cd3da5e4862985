import {
  type AddOptions,
  type BlockAPI,
  create,
  type KuboRPCClient,
  type PinAPI,
} from 'kubo-rpc-client'
import type { CID } from 'multiformats/cid'
import { MedChainError } from '../errors/base.js'
import {
  CidMismatchError,
  ContentNotFoundError,
  StorageAbortedError,
  StorageUnavailableError,
} from '../errors/storage.js'
import { cidProfile, computeCid, parseCid } from './cid.js'
import type { RecordStore } from './types.js'
import { createRecordReader } from './unixfsStore.js'
import {
  byteChunks,
  describeUrl,
  isNetworkError,
  teeAsyncIterable,
  throwIfAborted,
  toStorageError,
} from './utils.js'
import { createVerifiedBlockstore } from './verifiedBlockstore.js'

/**
 * The part of a kubo-rpc-client the adapter uses (`add`, `block.get`/`block.stat`,
 * `pin.add`/`pin.rm`), so a caller can pass a configured client or a wrapper.
 *
 * @example
 * ```ts
 * import { create } from 'kubo-rpc-client'
 *
 * const client: KuboClient = create({ url: 'http://127.0.0.1:5001', headers: { authorization } })
 * ```
 */
export type KuboClient = {
  add: KuboRPCClient['add']
  block: Pick<BlockAPI, 'get' | 'stat'>
  pin: Pick<PinAPI, 'add' | 'rm'>
}

/**
 * Parameters of {@link createKuboStore}: the RPC API URL of a Kubo node (or an IPFS Cluster proxy
 * that speaks the same API), or a ready client.
 *
 * @example
 * ```ts
 * const parameters: CreateKuboStoreParameters = { url: 'http://127.0.0.1:5001' }
 * ```
 */
export type CreateKuboStoreParameters = (
  | {
      /** RPC API base URL, for example `http://127.0.0.1:5001` (`/api/v0` is added). */
      url: string | URL
      /** Extra headers on every request (for example `Authorization` behind a proxy). */
      headers?: Record<string, string> | undefined
    }
  | {
      /** A kubo-rpc-client instance (or anything with the same `add`, `block`, `pin`). */
      client: KuboClient
      /** Names the node in error messages. Default `'Kubo RPC'`. */
      name?: string | undefined
    }
) & {
  /**
   * Read only blocks the node already has (Kubo's `offline` option) instead of letting it fetch
   * missing blocks from the IPFS network. Default `false`.
   */
  offline?: boolean | undefined
}

/**
 * The add options that make Kubo build the DAG exactly like {@link cidProfile}.
 *
 * @internal
 */
export function kuboAddOptions(): AddOptions {
  const options: AddOptions = {
    cidVersion: cidProfile.cidVersion,
    hashAlg: cidProfile.hashAlg,
    rawLeaves: cidProfile.rawLeaves,
    chunker: `size-${cidProfile.chunkSize}`,
    trickle: false,
    wrapWithDirectory: cidProfile.wrapWithDirectory,
  }
  // Not in kubo-rpc-client's types; it sends them as `max-file-links` and `inline`.
  return Object.assign(options, {
    maxFileLinks: cidProfile.maxChildrenPerNode,
    inline: cidProfile.inline,
  })
}

function kuboMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}

function isKuboNotFound(error: unknown): boolean {
  return (
    error instanceof Error &&
    error.name === 'HTTPError' &&
    /not found|could not find|no such block/i.test(error.message)
  )
}

/** Maps kubo-rpc-client failures to typed storage errors. */
function kuboError(
  error: unknown,
  context: { operation: string; store: string; signal?: AbortSignal | undefined; cid?: CID },
): MedChainError {
  const { operation, store, signal, cid } = context
  if (error instanceof MedChainError) return error
  if (signal?.aborted) return new StorageAbortedError({ operation, cause: error })
  if (cid && isKuboNotFound(error))
    return new ContentNotFoundError({ cid: cid.toString(), store, cause: error })
  if (isNetworkError(error)) {
    const code = (error as { cause?: { code?: unknown } }).cause?.code
    return new StorageUnavailableError({
      store,
      reason: `${operation} could not connect${typeof code === 'string' ? ` (${code})` : ''}`,
      cause: error,
    })
  }
  if (error instanceof Error && error.name === 'HTTPError') {
    const status = (error as { response?: { status?: unknown } }).response?.status
    return new StorageUnavailableError({
      store,
      reason: `${operation} failed with HTTP ${String(status ?? '?')}: ${kuboMessage(error)}`,
      cause: error,
    })
  }
  if (error instanceof Error && error.name === 'TimeoutError')
    return new StorageUnavailableError({ store, reason: `${operation} timed out`, cause: error })
  return toStorageError(error, { operation, store, signal })
}

/** An internal abort controller that also follows the caller's signal until disposed. */
function follow(outer: AbortSignal | undefined): {
  controller: AbortController
  dispose: () => void
} {
  const controller = new AbortController()
  const onAbort = () => controller.abort(outer?.reason)
  if (outer?.aborted) onAbort()
  else outer?.addEventListener('abort', onAbort, { once: true })
  return { controller, dispose: () => outer?.removeEventListener('abort', onAbort) }
}

const withSignal = (signal: AbortSignal | undefined) => (signal ? { signal } : {})

/**
 * A {@link RecordStore} on a real IPFS node (or cluster) through the Kubo RPC API.
 *
 * - `put` streams the bytes to `/api/v0/add` with the {@link cidProfile} options while computing
 *   the CID locally from the same stream, and rejects with `CidMismatchError` unless the node's
 *   CID is the local one.
 * - `get`/`stream` fetch each block with `/api/v0/block/get`, verify it against its CID and walk
 *   the DAG with ipfs-unixfs-exporter: the node is not trusted for integrity.
 * - `has` asks `/api/v0/block/stat` offline; `pin`/`unpin` map to the node's recursive pins.
 *
 * @example
 * ```ts
 * import { createKuboStore } from '@medchain/sdk/storage'
 *
 * const store = createKuboStore({ url: 'http://127.0.0.1:5001' })
 * const cid = await store.put(ciphertext) // pinned on the node
 * const bytes = await store.get(cid)
 * ```
 */
export function createKuboStore(parameters: CreateKuboStoreParameters): RecordStore {
  let client: KuboClient
  let store: string
  if ('client' in parameters) {
    client = parameters.client
    store = parameters.name ?? 'Kubo RPC'
  } else {
    let url: URL
    try {
      url = new URL(parameters.url)
    } catch (cause) {
      throw new StorageUnavailableError({
        store: 'Kubo RPC',
        reason: `its URL ${JSON.stringify(String(parameters.url))} is not a valid URL`,
        cause,
      })
    }
    store = `Kubo RPC at ${describeUrl(url)}`
    client = create({ url, ...(parameters.headers ? { headers: parameters.headers } : {}) })
  }
  const offline = parameters.offline === true ? { offline: true } : {}

  const blocks = createVerifiedBlockstore(
    {
      async get(cid, options = {}) {
        try {
          return await client.block.get(cid, Object.assign(withSignal(options.signal), offline))
        } catch (error) {
          throw kuboError(error, { operation: 'get', store, signal: options.signal, cid })
        }
      },
    },
    { store, maxBlockBytes: 2 * 1024 * 1024 }, // Kubo's own block size limit
  )

  const reader = createRecordReader({
    blocks,
    readAhead: 8,
    async has(cid, options) {
      try {
        // `offline` is a global Kubo option kubo-rpc-client passes through untyped.
        await client.block.stat(cid, Object.assign(withSignal(options.signal), { offline: true }))
        return true
      } catch (error) {
        if (isKuboNotFound(error)) return false
        throw kuboError(error, { operation: 'has', store, signal: options.signal })
      }
    },
  })

  return {
    ...reader,

    async put(data, options = {}) {
      const { signal, onProgress, pin = true } = options
      throwIfAborted(signal, 'put')
      const { controller, dispose } = follow(signal)
      const source = byteChunks(data, { operation: 'put', signal: controller.signal, onProgress })
      const [upload, local] = teeAsyncIterable(source, 2, { signal: controller.signal }) as [
        AsyncGenerator<Uint8Array>,
        AsyncGenerator<Uint8Array>,
      ]
      const stopOnFailure = <T>(promise: Promise<T>) =>
        promise.catch((error: unknown) => {
          controller.abort()
          throw error
        })
      try {
        const [added, expected] = await Promise.all([
          stopOnFailure(
            client.add(upload, { ...kuboAddOptions(), pin, signal: controller.signal }),
          ),
          stopOnFailure(computeCid(local, { signal: controller.signal })),
        ])
        const actual = parseCid(added.cid)
        if (actual.toString() !== expected.toString())
          throw new CidMismatchError({
            expected: expected.toString(),
            actual: actual.toString(),
            store,
          })
        return expected
      } catch (error) {
        throw kuboError(error, { operation: 'put', store, signal })
      } finally {
        dispose()
      }
    },

    async pin(cidInput, options = {}) {
      const cid = parseCid(cidInput)
      throwIfAborted(options.signal, 'pin')
      try {
        await client.pin.add(cid, { recursive: true, ...withSignal(options.signal) })
      } catch (error) {
        throw kuboError(error, { operation: 'pin', store, signal: options.signal, cid })
      }
    },

    async unpin(cidInput, options = {}) {
      const cid = parseCid(cidInput)
      throwIfAborted(options.signal, 'unpin')
      try {
        await client.pin.rm(cid, { recursive: true, ...withSignal(options.signal) })
      } catch (error) {
        if (error instanceof Error && /not pinned/i.test(error.message)) return
        throw kuboError(error, { operation: 'unpin', store, signal: options.signal })
      }
    },
  }
}
