import type { IncomingMessage, ServerResponse } from 'node:http'
import { MemoryBlockstore } from 'blockstore-core/memory'
import { importer } from 'ipfs-unixfs-importer'
import { fixedSize } from 'ipfs-unixfs-importer/chunker'
import { balanced } from 'ipfs-unixfs-importer/layout'
import { CID } from 'multiformats/cid'
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest'
import {
  CidMismatchError,
  ContentIntegrityError,
  ContentNotFoundError,
  InvalidCidError,
  InvalidStorageInputError,
  StorageAbortedError,
  StorageUnavailableError,
} from '../errors/storage.js'
import { computeCid } from './cid.js'
import { createKuboStore, kuboAddOptions } from './kuboStore.js'
import {
  generatedStream,
  pseudoRandomBytes,
  rawCid,
  readAll,
  refusedUrl,
  sameBytes,
  startServer,
} from './testing.js'

const MiB = 1024 * 1024

type Mode = {
  ignoreChunker?: boolean
  tamper?: boolean
  delayMs?: number
  failWith?: { status: number; message: string }
  /** Answer `/api/v0/add` with a redirect to itself instead of adding. */
  redirectAdd?: boolean
  /** Answer `/api/v0/add` with this body (after reading the upload) instead of the real result. */
  addResponse?: string
}

let blockstore: MemoryBlockstore
let pins: Set<string>
let mode: Mode = {}
let calls: { path: string; params: Record<string, string | string[]> }[] = []
/** Body bytes `/api/v0/add` has received so far, and the headers of the last add request. */
let addReceived = 0
let addHeaders: IncomingMessage['headers'] = {}
let kubo: Awaited<ReturnType<typeof startServer>>

function kuboError(response: ServerResponse, message: string, status = 500) {
  response.writeHead(status, { 'content-type': 'application/json' })
  response.end(JSON.stringify({ Message: message, Code: 0, Type: 'error' }))
}

function paramsOf(url: URL): Record<string, string | string[]> {
  const params: Record<string, string | string[]> = {}
  for (const key of new Set(url.searchParams.keys())) {
    const values = url.searchParams.getAll(key)
    params[key] = values.length === 1 ? (values[0] as string) : values
  }
  return params
}

/** Extracts the single file part of a multipart/form-data body. */
function multipartFile(body: Uint8Array, contentType: string): Uint8Array {
  const boundary = /boundary=(.+)$/.exec(contentType)?.[1]
  if (!boundary) throw new TypeError('no boundary')
  const buffer = Buffer.from(body.buffer, body.byteOffset, body.byteLength)
  const start = buffer.indexOf('\r\n\r\n', buffer.indexOf(`--${boundary}`)) + 4
  const end = buffer.lastIndexOf(`\r\n--${boundary}--`)
  return new Uint8Array(buffer.subarray(start, end))
}

/** The few Kubo RPC endpoints the adapter uses, over a real blockstore and the real importer. */
async function serve(request: IncomingMessage, response: ServerResponse) {
  const url = new URL(request.url ?? '/', 'http://kubo')
  const params = paramsOf(url)
  calls.push({ path: url.pathname, params })
  if (request.method !== 'POST') return kuboError(response, 'RPC only accepts POST', 405)
  if (mode.delayMs) await new Promise((resolve) => setTimeout(resolve, mode.delayMs))
  if (mode.failWith) return kuboError(response, mode.failWith.message, mode.failWith.status)
  if (mode.redirectAdd && url.pathname === '/api/v0/add') {
    response.writeHead(307, { location: `${url.pathname}${url.search}` })
    response.end()
    return
  }
  const arg = typeof params.arg === 'string' ? CID.parse(params.arg) : undefined

  switch (url.pathname) {
    case '/api/v0/add': {
      addHeaders = request.headers
      const body: Buffer[] = []
      for await (const chunk of request as AsyncIterable<Buffer>) {
        body.push(chunk)
        addReceived += chunk.length
      }
      if (mode.addResponse !== undefined) {
        response.writeHead(200, { 'content-type': 'application/json' })
        response.end(mode.addResponse)
        return
      }
      const content = multipartFile(Buffer.concat(body), request.headers['content-type'] ?? '')
      const chunkSize = mode.ignoreChunker ? 262_144 : Number(String(params.chunker).slice(5))
      let root: CID | undefined
      for await (const entry of importer([{ content }], blockstore, {
        cidVersion: Number(params['cid-version']) as 0 | 1,
        rawLeaves: params['raw-leaves'] === 'true',
        chunker: fixedSize({ chunkSize }),
        layout: balanced({ maxChildrenPerNode: Number(params['max-file-links'] ?? 174) }),
      }))
        root = entry.cid
      if (params.pin !== 'false') pins.add(String(root))
      response.writeHead(200, { 'content-type': 'application/json' })
      response.end(
        `${JSON.stringify({ Name: String(root), Hash: String(root), Size: String(content.length) })}\n`,
      )
      return
    }
    case '/api/v0/block/get': {
      if (!arg || !(await blockstore.has(arg)))
        return kuboError(
          response,
          `block was not found locally (offline): ipld: could not find ${arg}`,
        )
      const chunks: Uint8Array[] = []
      for await (const chunk of blockstore.get(arg)) chunks.push(chunk)
      const block = Buffer.concat(chunks)
      if (mode.tamper) block[0] = (block[0] as number) ^ 1
      response.writeHead(200, { 'content-type': 'application/octet-stream' })
      response.end(block)
      return
    }
    case '/api/v0/block/stat': {
      if (!arg || !(await blockstore.has(arg)))
        return kuboError(
          response,
          `block was not found locally (offline): ipld: could not find ${arg}`,
        )
      response.writeHead(200, { 'content-type': 'application/json' })
      response.end(JSON.stringify({ Key: String(arg), Size: 1 }))
      return
    }
    case '/api/v0/pin/add': {
      pins.add(String(arg))
      response.writeHead(200, { 'content-type': 'application/json' })
      response.end(JSON.stringify({ Pins: [String(arg)] }))
      return
    }
    case '/api/v0/pin/rm': {
      if (!pins.delete(String(arg))) return kuboError(response, 'not pinned or pinned indirectly')
      response.writeHead(200, { 'content-type': 'application/json' })
      response.end(JSON.stringify({ Pins: [String(arg)] }))
      return
    }
    default:
      return kuboError(response, `404 page not found: ${url.pathname}`, 404)
  }
}

beforeAll(async () => {
  kubo = await startServer(serve)
})

afterAll(async () => {
  await kubo.close()
})

beforeEach(() => {
  blockstore = new MemoryBlockstore()
  pins = new Set()
  mode = {}
  calls = []
  addReceived = 0
  addHeaders = {}
})

describe('createKuboStore', () => {
  test('sends the cidProfile as add options', () => {
    expect(kuboAddOptions()).toMatchInlineSnapshot(`
      {
        "chunker": "size-1048576",
        "cidVersion": 1,
        "hashAlg": "sha2-256",
        "inline": false,
        "maxFileLinks": 174,
        "rawLeaves": true,
        "trickle": false,
        "wrapWithDirectory": false,
      }
    `)
  })

  test('put streams to /api/v0/add with the profile options and returns the verified CID', async () => {
    const store = createKuboStore({ url: kubo.url })
    const bytes = pseudoRandomBytes(3 * MiB + 5, 3)
    const cid = await store.put(bytes)
    expect(cid.equals(await computeCid(bytes))).toBe(true)
    expect(calls).toHaveLength(1)
    expect(calls[0]?.path).toBe('/api/v0/add')
    expect(calls[0]?.params).toMatchObject({
      'cid-version': '1',
      'raw-leaves': 'true',
      chunker: 'size-1048576',
      hash: 'sha2-256',
      trickle: 'false',
      'max-file-links': '174',
      inline: 'false',
      'wrap-with-directory': 'false',
      pin: 'true',
    })
    expect(pins.has(cid.toString())).toBe(true)

    const unpinned = await store.put(generatedStream(2 * MiB, 100_000), { pin: false })
    expect(calls[1]?.params.pin).toBe('false')
    expect(pins.has(unpinned.toString())).toBe(false)
  })

  test('put sends the record while it is still being produced (streamed, not buffered)', async () => {
    const store = createKuboStore({ url: kubo.url, headers: { authorization: 'Bearer test' } })
    const chunks = [0, 1, 2, 3].map((i) => pseudoRandomBytes(MiB, 20 + i))
    const sentBeforeProduced: number[] = []
    // Each chunk after the first is produced only once the node has received the ones before it:
    // a client that buffers the whole upload before sending would never get past the first wait.
    async function* produced() {
      for (const [i, chunk] of chunks.entries()) {
        const deadline = Date.now() + 10_000
        while (addReceived < i * MiB) {
          if (Date.now() > deadline) throw new Error(`nothing of chunk ${i - 1} reached the node`)
          await new Promise((resolve) => setTimeout(resolve, 5))
        }
        sentBeforeProduced.push(addReceived)
        yield chunk
      }
    }
    const cid = await store.put(produced())
    expect(cid.equals(await computeCid(new Uint8Array(Buffer.concat(chunks))))).toBe(true)
    expect(sentBeforeProduced[3]).toBeGreaterThanOrEqual(3 * MiB)
    expect(addHeaders['transfer-encoding']).toBe('chunked')
    expect(addHeaders['content-length']).toBeUndefined()
    expect(addHeaders.authorization).toBe('Bearer test')
    expect(addHeaders['content-type']).toMatch(
      /^multipart\/form-data; boundary=medchain-[0-9a-f]{32}$/,
    )
  })

  test('a redirect is refused, not followed: StorageUnavailableError', async () => {
    const store = createKuboStore({ url: kubo.url })
    mode.redirectAdd = true
    const error = await store.put(pseudoRandomBytes(2 * MiB, 6)).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(StorageUnavailableError)
    expect((error as StorageUnavailableError).shortMessage).toMatch(/put was redirected/)
    expect(calls.filter((call) => call.path === '/api/v0/add')).toHaveLength(1)
  })

  test('an add response without a CID or with an error object gives StorageUnavailableError', async () => {
    const store = createKuboStore({ url: kubo.url })
    for (const [body, reason] of [
      ['', /got no CID/],
      ['{"Name":"","Bytes":1048576}\n', /got no CID/],
      ['{"Message":"blockstore: disk full","Code":0,"Type":"error"}\n', /disk full/],
      ['<html>proxy error</html>', /not Kubo's NDJSON/],
    ] as const) {
      mode.addResponse = body
      const error = await store.put(pseudoRandomBytes(3, 7)).catch((e: unknown) => e)
      expect(error).toBeInstanceOf(StorageUnavailableError)
      expect((error as StorageUnavailableError).shortMessage).toMatch(reason)
    }
  })

  test('a record stream that breaks mid-upload gives its own typed error', async () => {
    const store = createKuboStore({ url: kubo.url })
    async function* broken() {
      yield pseudoRandomBytes(2 * MiB, 8)
      yield 'not bytes' as unknown as Uint8Array
    }
    await expect(store.put(broken())).rejects.toBeInstanceOf(InvalidStorageInputError)
  })

  test('a node that builds another DAG is caught: CidMismatchError', async () => {
    const store = createKuboStore({ url: kubo.url })
    mode.ignoreChunker = true // like a node with Import.UnixFSChunker = size-262144 that drops the flag
    const bytes = pseudoRandomBytes(2 * MiB, 4)
    const error = await store.put(bytes).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(CidMismatchError)
    expect((error as CidMismatchError).expected).toBe((await computeCid(bytes)).toString())
  })

  test('get and stream fetch blocks with /api/v0/block/get and verify each one', async () => {
    const store = createKuboStore({ url: kubo.url })
    const bytes = pseudoRandomBytes(4 * MiB + 9, 5)
    const cid = await store.put(bytes)
    calls = []
    expect(sameBytes(await store.get(cid), bytes)).toBe(true)
    expect(calls.map((call) => call.path)).toEqual(Array(6).fill('/api/v0/block/get'))
    expect(calls[0]?.params).toEqual({ arg: cid.toString() })
    expect(sameBytes(await readAll(store.stream(cid)), bytes)).toBe(true)

    mode.tamper = true
    await expect(store.get(cid)).rejects.toBeInstanceOf(ContentIntegrityError)
  })

  test('offline: true asks the node not to fetch from the network', async () => {
    const store = createKuboStore({ url: kubo.url, offline: true })
    const cid = await store.put(new Uint8Array([1, 2, 3]))
    await store.get(cid)
    expect(calls.at(-1)?.params).toEqual({ arg: cid.toString(), offline: 'true' })
  })

  test('a block the node does not have gives ContentNotFoundError; has() says false', async () => {
    const store = createKuboStore({ url: kubo.url })
    const absent = rawCid(new Uint8Array([4, 5, 6]))
    const error = await store.get(absent).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ContentNotFoundError)
    expect((error as ContentNotFoundError).cid).toBe(absent.toString())
    expect(await store.has(absent)).toBe(false)
    const present = await store.put(new Uint8Array([4]))
    expect(await store.has(present)).toBe(true)
    expect(calls.filter((c) => c.path === '/api/v0/block/stat').map((c) => c.params)).toEqual([
      { arg: absent.toString(), offline: 'true' },
      { arg: present.toString(), offline: 'true' },
    ])
  })

  test('pin and unpin map to the node pins (unpinning twice is fine)', async () => {
    const store = createKuboStore({ url: kubo.url })
    const cid = await store.put(new Uint8Array([1]), { pin: false })
    await store.pin(cid)
    expect(pins.has(cid.toString())).toBe(true)
    expect(calls.at(-1)).toEqual({
      path: '/api/v0/pin/add',
      params: { arg: cid.toString(), recursive: 'true' },
    })
    await store.unpin(cid)
    expect(pins.has(cid.toString())).toBe(false)
    await store.unpin(cid)
    expect(calls.at(-1)?.path).toBe('/api/v0/pin/rm')
  })

  test('other node errors give StorageUnavailableError', async () => {
    const store = createKuboStore({ url: kubo.url })
    mode.failWith = { status: 500, message: 'repo is locked' }
    await expect(store.put(new Uint8Array([1]))).rejects.toThrow(/HTTP 500: repo is locked/)
    await expect(store.get(rawCid(new Uint8Array([1])))).rejects.toBeInstanceOf(
      StorageUnavailableError,
    )
    await expect(store.pin(rawCid(new Uint8Array([1])))).rejects.toBeInstanceOf(
      StorageUnavailableError,
    )
  })

  test('abort via signal gives StorageAbortedError', async () => {
    const store = createKuboStore({ url: kubo.url })
    const cid = await store.put(new Uint8Array([1, 2]))
    mode.delayMs = 2_000
    const started = Date.now()
    await expect(store.get(cid, { signal: AbortSignal.timeout(50) })).rejects.toBeInstanceOf(
      StorageAbortedError,
    )
    await expect(
      store.put(new Uint8Array([3]), { signal: AbortSignal.timeout(50) }),
    ).rejects.toBeInstanceOf(StorageAbortedError)
    expect(Date.now() - started).toBeLessThan(1_500)
  })

  test('a client object can be passed instead of a URL', async () => {
    const { create } = await import('kubo-rpc-client')
    const store = createKuboStore({ client: create({ url: kubo.url }), name: 'cluster proxy' })
    const cid = await store.put(new Uint8Array([9]))
    expect(await store.get(cid)).toEqual(new Uint8Array([9]))
  })

  test('malformed CIDs and URLs are refused before any request', async () => {
    expect(() => createKuboStore({ url: 'not a url' })).toThrow(StorageUnavailableError)
    const store = createKuboStore({ url: kubo.url })
    await expect(store.get('Qm-nope')).rejects.toBeInstanceOf(InvalidCidError)
    await expect(store.pin('')).rejects.toBeInstanceOf(InvalidCidError)
    expect(calls).toHaveLength(0)
  })
})

describe('createKuboStore with no daemon (connection refused)', () => {
  test('a failed put releases the caller stream (it is cancelled, not left open)', async () => {
    const store = createKuboStore({ url: await refusedUrl() })
    let cancelled = false
    let pulled = 0
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled++
        controller.enqueue(new Uint8Array(MiB))
      },
      cancel() {
        cancelled = true
      },
    })
    await expect(store.put(stream)).rejects.toBeInstanceOf(StorageUnavailableError)
    await new Promise((resolve) => setTimeout(resolve, 20))
    expect(cancelled).toBe(true)
    expect(pulled).toBeLessThan(16)
  })

  test('every operation gives StorageUnavailableError naming ECONNREFUSED', async () => {
    const url = await refusedUrl()
    const store = createKuboStore({ url })
    const cid = rawCid(new Uint8Array([1]))
    const operations = [
      () => store.put(new Uint8Array([1])),
      () => store.put(generatedStream(3 * MiB, MiB)),
      () => store.get(cid),
      () => readAll(store.stream(cid)),
      () => store.has(cid),
      () => store.pin(cid),
      () => store.unpin(cid),
    ]
    for (const operation of operations) {
      const error = await operation().catch((e: unknown) => e)
      expect(error).toBeInstanceOf(StorageUnavailableError)
      expect((error as StorageUnavailableError).shortMessage).toMatch(
        new RegExp(
          `^Kubo RPC at ${url.replace(/\./g, '\\.')} is unavailable: \\w+ could not connect \\(ECONNREFUSED\\)\\.$`,
        ),
      )
    }
  })
})
