import type { AddOptions, BlockAPI, KuboRPCClient, PinAPI } from 'kubo-rpc-client'
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
      /**
       * A kubo-rpc-client instance (or anything with the same `add`, `block`, `pin`). `put` then
       * goes through its `add`, which in Node holds the whole upload in memory: prefer `url`.
       */
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

/** Maps RPC failures (from `fetch` or a given kubo-rpc-client) to typed storage errors. */
function kuboError(
  error: unknown,
  context: { operation: string; store: string; signal?: AbortSignal | undefined; cid?: CID },
): MedChainError {
  const { operation, store, signal, cid } = context
  if (error instanceof MedChainError) return error
  if (signal?.aborted) return new StorageAbortedError({ operation, cause: error })
  // fetch wraps what broke the request body (the record's own stream) in "TypeError: fetch failed".
  const cause = (error as { cause?: unknown } | undefined)?.cause
  if (error instanceof TypeError && cause instanceof MedChainError) return cause
  if (error instanceof TypeError && cause instanceof Error && /redirect/i.test(cause.message))
    return new StorageUnavailableError({
      store,
      reason: `${operation} was redirected (a streamed upload cannot follow redirects: use the final URL)`,
      cause: error,
    })
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

/** The four RPC calls the store makes besides `add`, with the options it uses. */
type KuboRpc = {
  blockGet(cid: CID, options: { signal?: AbortSignal; offline?: boolean }): Promise<Uint8Array>
  blockStat(cid: CID, options: { signal?: AbortSignal }): Promise<void>
  pinAdd(cid: CID, options: { signal?: AbortSignal }): Promise<void>
  pinRm(cid: CID, options: { signal?: AbortSignal }): Promise<void>
}

/** A given kubo-rpc-client (or lookalike) seen as {@link KuboRpc}. */
function clientRpc(client: KuboClient): KuboRpc {
  return {
    // `offline` is a global Kubo option kubo-rpc-client passes through untyped.
    blockGet: (cid, options) => client.block.get(cid, options as object),
    blockStat: async (cid, { signal }) => {
      await client.block.stat(cid, Object.assign(withSignal(signal), { offline: true }))
    },
    pinAdd: async (cid, { signal }) => {
      await client.pin.add(cid, { recursive: true, ...withSignal(signal) })
    },
    pinRm: async (cid, { signal }) => {
      await client.pin.rm(cid, { recursive: true, ...withSignal(signal) })
    },
  }
}

/**
 * A failed RPC call. Named and shaped like kubo-rpc-client's `HTTPError` (`name`, `message` from
 * Kubo's JSON, `response.status`) so one mapping to typed errors serves both kinds of store.
 */
class KuboHttpError extends Error {
  override name = 'HTTPError'
  constructor(
    message: string,
    readonly response: { status: number },
  ) {
    super(message)
  }
}

/**
 * The RPC calls with `fetch` alone: each is a POST to `/api/v0/<command>?arg=<cid>`. Not pulling
 * in kubo-rpc-client keeps ~70 kB (min+gzip) of it and its libp2p dependencies out of browser
 * bundles.
 */
function fetchRpc(apiUrl: URL, headers: Record<string, string>): KuboRpc {
  const call = async (
    command: string,
    cid: CID,
    flags: Record<string, string>,
    signal: AbortSignal | undefined,
  ): Promise<Response> => {
    const url = new URL(`${apiUrl.pathname.replace(/\/$/, '')}/${command}`, apiUrl)
    url.search = new URLSearchParams({ arg: cid.toString(), ...flags }).toString()
    const response = await fetch(url, { method: 'POST', headers, ...withSignal(signal) })
    if (!response.ok)
      throw new KuboHttpError(await responseMessage(response), { status: response.status })
    return response
  }
  return {
    async blockGet(cid, { signal, offline }) {
      const response = await call('block/get', cid, offline ? { offline: 'true' } : {}, signal)
      return new Uint8Array(await response.arrayBuffer())
    },
    async blockStat(cid, { signal }) {
      await (await call('block/stat', cid, { offline: 'true' }, signal)).text()
    },
    async pinAdd(cid, { signal }) {
      await (await call('pin/add', cid, { recursive: 'true' }, signal)).text()
    },
    async pinRm(cid, { signal }) {
      await (await call('pin/rm', cid, { recursive: 'true' }, signal)).text()
    },
  }
}

/** Adds one file to the node and returns the CID string it reports. */
type AddFile = (
  content: AsyncGenerator<Uint8Array>,
  options: { pin: boolean; signal: AbortSignal },
) => Promise<string>

/** `/api/v0/add` query parameters for {@link cidProfile}, as kubo-rpc-client spells them. */
function kuboAddSearchParams(pin: boolean): URLSearchParams {
  const options = kuboAddOptions() as AddOptions & { maxFileLinks: number; inline: boolean }
  return new URLSearchParams({
    'stream-channels': 'true',
    'cid-version': String(options.cidVersion),
    hash: String(options.hashAlg),
    'raw-leaves': String(options.rawLeaves),
    chunker: String(options.chunker),
    trickle: String(options.trickle),
    'wrap-with-directory': String(options.wrapWithDirectory),
    'max-file-links': String(options.maxFileLinks),
    inline: String(options.inline),
    pin: String(pin),
    progress: 'false',
  })
}

/**
 * Whether `fetch` can send a `ReadableStream` request body here. Node (undici) can; browsers
 * cannot over HTTP/1.1 (Chrome needs HTTP/2, Firefox and Safari have no streaming uploads), and a
 * Kubo RPC endpoint is usually HTTP/1.1.
 */
function canStreamRequestBody(): boolean {
  const process = (globalThis as { process?: { versions?: { node?: unknown } } }).process
  return typeof process?.versions?.node === 'string'
}

/** The file as one `multipart/form-data` part, pulled from `content` only as fetch sends it. */
function multipartBody(
  content: AsyncGenerator<Uint8Array>,
  boundary: string,
): { head: Uint8Array; content: AsyncGenerator<Uint8Array>; tail: Uint8Array } {
  const encoder = new TextEncoder()
  return {
    head: encoder.encode(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename=""\r\n` +
        'Content-Type: application/octet-stream\r\n\r\n',
    ),
    content,
    tail: encoder.encode(`\r\n--${boundary}--\r\n`),
  }
}

/** A pull-driven stream (no read-ahead): the next chunk is read only when fetch asks for it. */
function multipartStream(parts: ReturnType<typeof multipartBody>): ReadableStream<Uint8Array> {
  let started = false
  let ended = false
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        if (!started) {
          started = true
          controller.enqueue(parts.head)
          return
        }
        if (ended) return controller.close()
        const next = await parts.content.next()
        if (!next.done) return controller.enqueue(next.value)
        ended = true
        controller.enqueue(parts.tail)
      },
      async cancel() {
        await parts.content.return(undefined)
      },
    },
    { highWaterMark: 0 },
  )
}

/** The whole body as a Blob, for runtimes that cannot stream a request body (browsers). */
async function multipartBlob(parts: ReturnType<typeof multipartBody>): Promise<Blob> {
  const chunks: Uint8Array<ArrayBuffer>[] = [parts.head as Uint8Array<ArrayBuffer>]
  for await (const chunk of parts.content) chunks.push(chunk as Uint8Array<ArrayBuffer>)
  chunks.push(parts.tail as Uint8Array<ArrayBuffer>)
  return new Blob(chunks, { type: 'application/octet-stream' })
}

function randomBoundary(): string {
  const bytes = globalThis.crypto.getRandomValues(new Uint8Array(16))
  return `medchain-${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`
}

/** Kubo's error message from a failed RPC response (`{"Message": ...}` JSON, else the text). */
async function responseMessage(response: Response): Promise<string> {
  const text = (await response.text().catch(() => '')).trim()
  try {
    const message = (JSON.parse(text) as { Message?: unknown }).Message
    if (typeof message === 'string') return message
  } catch {}
  return text.slice(0, 200) || (response.statusText ?? '')
}

/**
 * `/api/v0/add` by hand, with the file streamed as the request body: in Node, kubo-rpc-client's
 * `add` holds the whole upload in memory (undici's fetch clones a request to be able to follow a
 * redirect, and the clone tees the body stream into a branch nobody reads). Redirects are refused
 * (`redirect: 'error'`) instead, so the body is sent as it is produced, at the pace the node reads.
 */
function streamingAdd(apiUrl: URL, headers: Record<string, string>, store: string): AddFile {
  return async (content, { pin, signal }) => {
    const url = new URL(`${apiUrl.pathname.replace(/\/$/, '')}/add`, apiUrl)
    url.search = kuboAddSearchParams(pin).toString()
    const boundary = randomBoundary()
    const parts = multipartBody(content, boundary)
    const body = canStreamRequestBody() ? multipartStream(parts) : await multipartBlob(parts)
    const init = {
      method: 'POST',
      headers: { ...headers, 'content-type': `multipart/form-data; boundary=${boundary}` },
      body,
      duplex: 'half', // required for a stream body; not in the DOM lib's RequestInit yet
      redirect: 'error',
      signal,
    } as RequestInit
    const response = await fetch(url, init)
    if (!response.ok)
      throw new StorageUnavailableError({
        store,
        reason: `put failed with HTTP ${response.status}: ${await responseMessage(response)}`,
      })
    // NDJSON, one object per added file (and per directory); an error after the status line ends
    // the stream early (Kubo reports it in a trailer fetch cannot read) or as an error object.
    let hash: string | undefined
    for (const line of (await response.text()).split('\n')) {
      if (line.trim() === '') continue
      let entry: { Hash?: unknown; Message?: unknown; Type?: unknown }
      try {
        entry = JSON.parse(line) as typeof entry
      } catch (cause) {
        throw new StorageUnavailableError({
          store,
          reason: `put got a response that is not Kubo's NDJSON (${JSON.stringify(line.slice(0, 80))})`,
          cause,
        })
      }
      if (entry.Type === 'error')
        throw new StorageUnavailableError({
          store,
          reason: `put failed: ${String(entry.Message)}`,
        })
      if (typeof entry.Hash === 'string') hash = entry.Hash
    }
    if (hash === undefined)
      throw new StorageUnavailableError({
        store,
        reason: 'put got no CID from /api/v0/add (the node ended its response early)',
      })
    return hash
  }
}

/**
 * A {@link RecordStore} on a real IPFS node (or cluster) through the Kubo RPC API.
 *
 * - `put` streams the bytes to `/api/v0/add` with the {@link cidProfile} options while computing
 *   the CID locally from the same stream, and rejects with `CidMismatchError` unless the node's
 *   CID is the local one. Created from a `url`, every call is a plain `fetch` and the upload is a
 *   streamed request body (bounded memory in Node: a 100 MiB record grew RSS by 44 MiB in
 *   test/kubo/large.test.ts, against 171 MiB through kubo-rpc-client; redirects are refused);
 *   browsers cannot stream a request body over HTTP/1.1, so there the upload is assembled as a
 *   `Blob` first. Created from a `client`, it uses that client's `add` (kubo-rpc-client 7 holds the
 *   whole upload in memory in Node).
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
  let rpc: KuboRpc
  let store: string
  let addFile: AddFile
  if ('client' in parameters) {
    const given = parameters.client
    rpc = clientRpc(given)
    store = parameters.name ?? 'Kubo RPC'
    addFile = async (content, { pin, signal }) =>
      String((await given.add(content, { ...kuboAddOptions(), pin, signal })).cid)
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
    // Like kubo-rpc-client: a URL without a path means the default API path.
    const apiUrl = new URL(url)
    if (apiUrl.pathname === '/') apiUrl.pathname = '/api/v0'
    rpc = fetchRpc(apiUrl, parameters.headers ?? {})
    addFile = streamingAdd(apiUrl, parameters.headers ?? {}, store)
  }
  const offline = parameters.offline === true

  const blocks = createVerifiedBlockstore(
    {
      async get(cid, options = {}) {
        try {
          return await rpc.blockGet(cid, { ...withSignal(options.signal), offline })
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
        await rpc.blockStat(cid, withSignal(options.signal))
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
          stopOnFailure(addFile(upload, { pin, signal: controller.signal })),
          stopOnFailure(computeCid(local, { signal: controller.signal })),
        ])
        const actual = parseCid(added)
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
        await rpc.pinAdd(cid, withSignal(options.signal))
      } catch (error) {
        throw kuboError(error, { operation: 'pin', store, signal: options.signal, cid })
      }
    },

    async unpin(cidInput, options = {}) {
      const cid = parseCid(cidInput)
      throwIfAborted(options.signal, 'unpin')
      try {
        await rpc.pinRm(cid, withSignal(options.signal))
      } catch (error) {
        if (error instanceof Error && /not pinned/i.test(error.message)) return
        throw kuboError(error, { operation: 'unpin', store, signal: options.signal })
      }
    },
  }
}
