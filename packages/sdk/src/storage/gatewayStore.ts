import type { CID } from 'multiformats/cid'
import { ContentNotFoundError, StorageUnavailableError } from '../errors/storage.js'
import type { RecordReader } from './types.js'
import { createRecordReader } from './unixfsStore.js'
import { describeUrl, isNetworkError, readStream, throwIfAborted } from './utils.js'
import { createVerifiedBlockstore } from './verifiedBlockstore.js'

/** Media type of a single raw block in the trustless gateway spec. */
const rawBlockType = 'application/vnd.ipld.raw'
/** Largest block accepted from a gateway (Kubo and bitswap cap blocks at 2 MiB). */
const maxGatewayBlockBytes = 2 * 1024 * 1024
/** Statuses meaning "this gateway does not have / will not serve the block". */
const notFoundStatuses = new Set([404, 410, 451])

/**
 * Parameters of {@link createGatewayReader}.
 *
 * @example
 * ```ts
 * const parameters: CreateGatewayReaderParameters = { url: 'https://trustless-gateway.example' }
 * ```
 */
export type CreateGatewayReaderParameters = {
  /** Base URL of a trustless gateway; blocks are read from `<url>/ipfs/<cid>?format=raw`. */
  url: string | URL
  /** A `fetch` implementation (for auth, proxies, or tests). Default: the global `fetch`. */
  fetch?: typeof globalThis.fetch | undefined
  /** Extra request headers (for example an API key the gateway requires). */
  headers?: Record<string, string> | undefined
  /** Blocks fetched ahead of the reader per DAG level. Default 8. */
  readAhead?: number | undefined
}

/**
 * A read-only {@link RecordReader} over any IPFS trustless gateway. It requests each block as
 * `GET /ipfs/{cid}?format=raw` with `Accept: application/vnd.ipld.raw` and verifies every block
 * against its CID before use, so the gateway is not trusted: a tampered block rejects with
 * `ContentIntegrityError`, 404/410/451 give `ContentNotFoundError`, network errors and other
 * statuses `StorageUnavailableError`. `has` sends a `HEAD` for the root block.
 * Works in browsers and Node (only `fetch` and WebCrypto).
 *
 * @example
 * ```ts
 * import { createGatewayReader } from '@medchain/sdk/storage'
 *
 * const reader = createGatewayReader({ url: 'https://trustless-gateway.example' })
 * const bytes = await reader.get('bafkreibm6jg3ux5qumhcn2b3flc3tyu6dmlb4xa7u5bf44yegnrjhc4yeq')
 * ```
 */
export function createGatewayReader(parameters: CreateGatewayReaderParameters): RecordReader {
  let base: URL
  try {
    base = new URL(parameters.url)
  } catch (cause) {
    throw new StorageUnavailableError({
      store: 'gateway',
      reason: `its URL ${JSON.stringify(String(parameters.url))} is not a valid URL`,
      cause,
    })
  }
  if (base.protocol !== 'https:' && base.protocol !== 'http:')
    throw new StorageUnavailableError({
      store: 'gateway',
      reason: `its URL must be http(s), not ${base.protocol}`,
    })
  if (!base.pathname.endsWith('/')) base.pathname = `${base.pathname}/`
  base.search = ''
  base.hash = ''
  const store = `gateway ${describeUrl(base)}`
  const fetchFn = parameters.fetch ?? globalThis.fetch?.bind(globalThis)
  const headers = { ...parameters.headers, accept: rawBlockType }

  const blockUrl = (cid: CID) => new URL(`ipfs/${cid.toString()}?format=raw`, base)

  async function request(
    cid: CID,
    method: 'GET' | 'HEAD',
    signal: AbortSignal | undefined,
  ): Promise<Response> {
    const operation = method === 'GET' ? 'get' : 'has'
    if (typeof fetchFn !== 'function')
      throw new StorageUnavailableError({ store, reason: 'no fetch implementation is available' })
    try {
      return await fetchFn(blockUrl(cid), {
        method,
        headers,
        redirect: 'follow',
        ...(signal ? { signal } : {}),
      })
    } catch (error) {
      throwIfAborted(signal, operation)
      const code = (error as { cause?: { code?: unknown } }).cause?.code
      throw new StorageUnavailableError({
        store,
        reason: isNetworkError(error)
          ? `${operation} could not connect${typeof code === 'string' ? ` (${code})` : ''}`
          : `${operation} failed`,
        cause: error,
      })
    }
  }

  async function* body(response: Response, signal: AbortSignal | undefined) {
    if (!response.body) return
    try {
      yield* readStream(response.body)
    } catch (error) {
      throwIfAborted(signal, 'get')
      throw new StorageUnavailableError({ store, reason: 'the response was cut off', cause: error })
    }
  }

  const blocks = createVerifiedBlockstore(
    {
      async get(cid, options = {}) {
        const { signal } = options
        const response = await request(cid, 'GET', signal)
        if (notFoundStatuses.has(response.status)) {
          await response.body?.cancel().catch(() => {})
          throw new ContentNotFoundError({ cid: cid.toString(), store })
        }
        const type = response.headers.get('content-type') ?? ''
        if (!response.ok || !type.toLowerCase().startsWith(rawBlockType)) {
          await response.body?.cancel().catch(() => {})
          throw new StorageUnavailableError({
            store,
            reason: response.ok
              ? `it answered ${JSON.stringify(type)} instead of ${rawBlockType}; use a gateway that implements the trustless gateway spec`
              : `get answered HTTP ${response.status} ${response.statusText}`.trim(),
          })
        }
        return body(response, signal)
      },
    },
    { store, maxBlockBytes: maxGatewayBlockBytes },
  )

  return createRecordReader({
    blocks,
    readAhead: parameters.readAhead ?? 8,
    async has(cid, options) {
      const response = await request(cid, 'HEAD', options.signal)
      await response.body?.cancel().catch(() => {})
      if (response.ok) return true
      if (notFoundStatuses.has(response.status)) return false
      throw new StorageUnavailableError({
        store,
        reason: `has answered HTTP ${response.status} ${response.statusText}`.trim(),
      })
    },
  })
}
