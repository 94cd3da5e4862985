// The development IPFS node behind `pnpm dev` and the end-to-end tests.
//
// Why this exists: in production the web app stores records on a real IPFS node (or cluster)
// through the Kubo RPC API, with the SDK's `createKuboStore({ url })`. A developer's machine (and
// CI) has no Kubo daemon, and building one takes minutes. So this small server speaks the part of
// the Kubo RPC API that `createKuboStore` uses, on top of the SDK's own embedded on-disk store
// (`createFsStore`, the same CID profile as Kubo's `ipfs add --cid-version=1 --raw-leaves
// --chunker=size-1048576`), and the app runs the very same code it runs against a real Kubo.
// The SDK verifies every block it reads against its CID, so this server is not trusted either.
//
// Served: POST /api/v0/add, block/get, block/stat, pin/add, pin/rm, version. CORS for any origin.
// Errors look like Kubo's: HTTP 500 with `{ Message, Code: 0, Type: 'error' }`.

import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { ContentNotFoundError, cidProfile, parseCid } from '@medchain/sdk/storage'
import { createFsStore, type FsRecordStore } from '@medchain/sdk/storage/node'
import { multipartBoundary, readMultipart } from './multipart'

/** A running development storage node from {@link startStorageServer}. */
export type StorageServer = {
  /** Base URL for `createKuboStore({ url })` (the SDK appends `/api/v0`), `http://127.0.0.1:<port>`. */
  url: string
  /** Closes the server and its on-disk store. Calling it again is a no-op. */
  stop(): Promise<void>
}

/** Options of {@link startStorageServer}. */
export type StartStorageServerOptions = {
  /** Directory of the on-disk store (created if missing; kept on stop, so data survives restarts). */
  directory: string
  /** Port on 127.0.0.1. Default: a free one. */
  port?: number
}

/** A Kubo-style failure: HTTP `status` with `{ Message, Code: 0, Type: 'error' }` (or plain text). */
class KuboRpcError extends Error {
  constructor(
    message: string,
    readonly status = 500,
    readonly plain = false,
  ) {
    super(message)
  }
}

/** Kubo's own wording, which the SDK's Kubo adapter recognises as "not found". */
const notFound = (cid: string, prefix = '') =>
  new KuboRpcError(`${prefix}block was not found locally (offline): ipld: could not find ${cid}`)

const addProfile: Record<string, string> = {
  'cid-version': String(cidProfile.cidVersion),
  hash: cidProfile.hashAlg,
  'raw-leaves': String(cidProfile.rawLeaves),
  chunker: `size-${cidProfile.chunkSize}`,
  trickle: 'false',
  'wrap-with-directory': String(cidProfile.wrapWithDirectory),
  'max-file-links': String(cidProfile.maxChildrenPerNode),
  inline: String(cidProfile.inline),
  'only-hash': 'false',
}

/**
 * Starts the development storage node on 127.0.0.1.
 *
 * @example
 * ```ts
 * const storage = await startStorageServer({ directory: '.medchain/web-dev/ipfs' })
 * const store = createKuboStore({ url: storage.url })
 * const cid = await store.put(bytes)
 * await storage.stop()
 * ```
 */
export async function startStorageServer(
  options: StartStorageServerOptions,
): Promise<StorageServer> {
  const store = createFsStore({ path: options.directory })
  await store.open()
  try {
    return await serve(store, options.port ?? 0)
  } catch (error) {
    await store.close()
    throw error
  }
}

async function serve(store: FsRecordStore, port: number): Promise<StorageServer> {
  const argument = (url: URL): string => {
    const arg = url.searchParams.get('arg')
    if (!arg) throw new KuboRpcError("argument 'key' is required", 400, true)
    return arg
  }
  const cidArgument = (url: URL) => {
    const arg = argument(url)
    try {
      return parseCid(arg)
    } catch (cause) {
      throw new KuboRpcError(`invalid path ${JSON.stringify(arg)}: ${(cause as Error).message}`)
    }
  }
  const readBlock = async (url: URL): Promise<Uint8Array> => {
    const cid = cidArgument(url)
    try {
      return await store.getBlock(cid)
    } catch (error) {
      if (error instanceof ContentNotFoundError) throw notFound(cid.toString())
      throw error
    }
  }

  const commands: Record<string, (url: URL, request: IncomingMessage) => Promise<unknown>> = {
    async 'block/get'(url) {
      return readBlock(url)
    },
    async 'block/stat'(url) {
      return { Key: cidArgument(url).toString(), Size: (await readBlock(url)).byteLength }
    },
    async 'pin/add'(url) {
      const cid = cidArgument(url)
      if (url.searchParams.get('recursive') === 'false')
        throw new KuboRpcError('this development node keeps recursive pins only')
      try {
        await store.pin(cid)
      } catch (error) {
        if (error instanceof ContentNotFoundError) throw notFound(error.cid, 'pin: ')
        throw error
      }
      return { Pins: [cid.toString()] }
    },
    async 'pin/rm'(url) {
      const cid = cidArgument(url)
      const pinned = (await store.pins()).some((pin) => pin.equals(cid))
      if (!pinned) throw new KuboRpcError('not pinned or pinned indirectly')
      await store.unpin(cid)
      return { Pins: [cid.toString()] }
    },
    async version() {
      return { Version: '0.0.0-medchain-dev', Commit: '', Repo: '', System: 'node', Golang: '' }
    },
    async add(url, request) {
      for (const [name, value] of url.searchParams) {
        const expected = addProfile[name]
        if (expected !== undefined && value !== expected)
          throw new KuboRpcError(
            `this development node only builds the MedChain CID profile (${cidProfile.kuboAddArgs.join(' ')}): ${name}=${value} is not supported`,
          )
      }
      const boundary = multipartBoundary(request.headers['content-type'])
      if (!boundary) throw new KuboRpcError("file argument 'path' is required", 400, true)
      const pin = url.searchParams.get('pin') !== 'false'
      const added: { Name: string; Hash: string; Size: string }[] = []
      for await (const part of readMultipart(request, boundary)) {
        if (part.headers.get('content-type') === 'application/x-directory')
          throw new KuboRpcError('this development node stores single files, not directories')
        let bytes = 0
        const counted = (async function* () {
          for await (const chunk of part.body) {
            bytes += chunk.byteLength
            yield chunk
          }
        })()
        const cid = await store.put(counted, { pin })
        // Kubo reports the DAG's cumulative size: the bytes, plus the root node for a dag-pb file
        // (exact up to 174 chunks; deeper trees have inner nodes too). The SDK does not read it.
        const rootSize = cid.code === 0x55 ? 0 : (await store.getBlock(cid)).byteLength
        const filename = part.filename ? decodeURIComponent(part.filename) : ''
        added.push({
          Name: filename || cid.toString(),
          Hash: cid.toString(),
          Size: String(bytes + rootSize),
        })
      }
      if (added.length === 0) throw new KuboRpcError("file argument 'path' is required", 400, true)
      return added
    },
  }

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      if (!response.headersSent) sendError(request, response, error)
      else response.destroy(error instanceof Error ? error : undefined)
    })
  })

  async function handle(request: IncomingMessage, response: ServerResponse) {
    // CORS for any origin, so the app on Vite's port (or any host) can call it from the browser.
    response.setHeader('Access-Control-Allow-Origin', '*')
    response.setHeader(
      'Access-Control-Expose-Headers',
      'X-Stream-Output, X-Chunked-Output, X-Content-Length',
    )
    if (request.method === 'OPTIONS') {
      response.writeHead(204, {
        'Access-Control-Allow-Methods': 'POST, OPTIONS',
        'Access-Control-Allow-Headers':
          request.headers['access-control-request-headers'] ?? 'Content-Type, Authorization',
        'Access-Control-Max-Age': '600',
      })
      response.end()
      return
    }
    const url = new URL(request.url ?? '/', 'http://127.0.0.1')
    const command = url.pathname.startsWith('/api/v0/')
      ? commands[url.pathname.slice('/api/v0/'.length)]
      : undefined
    if (!command) {
      request.resume()
      response.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' })
      response.end('404 page not found\n')
      return
    }
    if (request.method !== 'POST') {
      request.resume()
      response.writeHead(405, { 'Content-Type': 'text/plain; charset=utf-8' })
      response.end('405 - Method Not Allowed\n')
      return
    }
    let result: unknown
    try {
      result = await command(url, request)
    } finally {
      request.resume() // drain whatever the command did not read
    }
    if (result instanceof Uint8Array) {
      response.writeHead(200, {
        'Content-Type': 'application/octet-stream',
        'Content-Length': String(result.byteLength),
      })
      response.end(result)
    } else {
      // kubo-rpc-client reads `add` and `pin/*` as NDJSON, the others as JSON: one object per line fits both.
      const lines = (Array.isArray(result) ? result : [result]).map(
        (item) => `${JSON.stringify(item)}\n`,
      )
      response.writeHead(200, { 'Content-Type': 'application/json', 'X-Chunked-Output': '1' })
      response.end(lines.join(''))
    }
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject)
      resolve()
    })
  })
  const address = server.address() as AddressInfo
  let stopped: Promise<void> | undefined
  return {
    url: `http://127.0.0.1:${address.port}`,
    stop() {
      stopped ??= (async () => {
        await new Promise<void>((resolve) => {
          server.close(() => resolve())
          server.closeAllConnections()
        })
        await store.close()
      })()
      return stopped
    },
  }
}

function sendError(request: IncomingMessage, response: ServerResponse, error: unknown) {
  const message = error instanceof Error ? error.message : String(error)
  // A request whose body was not read to the end cannot share its connection with the next one.
  if (!request.complete) response.setHeader('Connection', 'close')
  if (error instanceof KuboRpcError && error.plain) {
    response.writeHead(error.status, { 'Content-Type': 'text/plain; charset=utf-8' })
    response.end(`${message}\n`)
    return
  }
  const status = error instanceof KuboRpcError ? error.status : 500
  response.writeHead(status, { 'Content-Type': 'application/json' })
  response.end(`${JSON.stringify({ Message: message, Code: 0, Type: 'error' })}\n`)
}
