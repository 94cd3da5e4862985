import { mkdtemp, rm } from 'node:fs/promises'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { FsBlockstore } from 'blockstore-fs'
import { CID } from 'multiformats/cid'
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest'
import {
  ContentIntegrityError,
  ContentNotFoundError,
  InvalidCidError,
  StorageAbortedError,
  StorageUnavailableError,
} from '../errors/storage.js'
import { createFsStore, type FsRecordStore } from './fsStore.js'
import { createGatewayReader } from './gatewayStore.js'
import {
  pseudoRandomBytes,
  rawCid,
  readAll,
  refusedUrl,
  sameBytes,
  startServer,
} from './testing.js'

const MiB = 1024 * 1024

/** How the test gateway misbehaves, per test. */
type Mode = {
  tamper?: (cid: string) => boolean
  status?: number
  contentType?: string
  delayMs?: number
  oversize?: boolean
}

let directory: string
let publisher: FsRecordStore
let blockstore: FsBlockstore
let gateway: Awaited<ReturnType<typeof startServer>>
let mode: Mode = {}
let requests: { method: string; url: string; accept: string | undefined; auth?: string }[] = []

/** A trustless gateway (raw blocks only) serving a real on-disk blockstore. */
async function serve(request: IncomingMessage, response: ServerResponse) {
  const url = new URL(request.url ?? '/', 'http://gateway')
  requests.push({
    method: request.method ?? '',
    url: `${url.pathname}${url.search}`,
    accept: request.headers.accept,
    ...(request.headers.authorization ? { auth: request.headers.authorization } : {}),
  })
  if (mode.delayMs) await new Promise((resolve) => setTimeout(resolve, mode.delayMs))
  const match = /^\/(?:prefix\/)?ipfs\/([^/]+)$/.exec(url.pathname)
  const wantsRaw =
    url.searchParams.get('format') === 'raw' ||
    request.headers.accept === 'application/vnd.ipld.raw'
  if (!match || !wantsRaw) {
    response.writeHead(400).end('only raw blocks')
    return
  }
  if (mode.status) {
    response.writeHead(mode.status).end('nope')
    return
  }
  let cid: CID
  try {
    cid = CID.parse(match[1] as string)
  } catch {
    response.writeHead(400).end('bad cid')
    return
  }
  if (!(await blockstore.has(cid))) {
    response.writeHead(404).end('not found')
    return
  }
  const chunks: Uint8Array[] = []
  for await (const chunk of blockstore.get(cid)) chunks.push(chunk)
  let block = Buffer.concat(chunks)
  if (mode.tamper?.(cid.toString())) {
    block = Buffer.from(block)
    block[block.length >> 1] = (block[block.length >> 1] as number) ^ 0xff
  }
  if (mode.oversize) block = Buffer.alloc(3 * MiB)
  response.writeHead(200, {
    'content-type': mode.contentType ?? 'application/vnd.ipld.raw',
    'content-disposition': `attachment; filename="${cid}.bin"`,
    etag: `"${cid}.raw"`,
    'content-length': block.length,
  })
  if (request.method === 'HEAD') response.end()
  else response.end(block)
}

const big = pseudoRandomBytes(5 * MiB + 3, 21)
const small = new TextEncoder().encode('hello')
let bigCid: CID
let smallCid: CID

beforeAll(async () => {
  directory = await mkdtemp(join(tmpdir(), 'medchain-gateway-'))
  publisher = createFsStore({ path: directory })
  await publisher.open()
  bigCid = await publisher.put(big)
  smallCid = await publisher.put(small)
  blockstore = new FsBlockstore(join(directory, 'blocks'))
  await blockstore.open()
  gateway = await startServer(serve)
})

afterAll(async () => {
  await gateway.close()
  await publisher.close()
  await rm(directory, { recursive: true, force: true })
})

beforeEach(() => {
  mode = {}
  requests = []
})

describe('createGatewayReader against a local trustless gateway', () => {
  test('get and stream a multi-block record, every block requested as a raw block', async () => {
    const reader = createGatewayReader({ url: gateway.url })
    expect(sameBytes(await reader.get(bigCid), big)).toBe(true)
    expect(requests).toHaveLength(7) // root + 6 leaves
    for (const request of requests) {
      expect(request.method).toBe('GET')
      expect(request.url).toMatch(/^\/ipfs\/baf[a-z2-7]+\?format=raw$/)
      expect(request.accept).toBe('application/vnd.ipld.raw')
    }
    expect(requests[0]?.url).toBe(`/ipfs/${bigCid}?format=raw`)
    expect(sameBytes(await readAll(reader.stream(bigCid.toString())), big)).toBe(true)
    expect(await reader.get(smallCid)).toEqual(small)
  })

  test('has sends HEAD for the root block', async () => {
    const reader = createGatewayReader({ url: gateway.url })
    expect(await reader.has(bigCid)).toBe(true)
    expect(await reader.has(rawCid(new Uint8Array([7])))).toBe(false)
    expect(requests.map((r) => r.method)).toEqual(['HEAD', 'HEAD'])
  })

  test('a tampered block gives ContentIntegrityError, and none of its bytes are returned', async () => {
    const reader = createGatewayReader({ url: gateway.url })
    const leaf = rawCid(big.subarray(2 * MiB, 3 * MiB)).toString()
    mode.tamper = (cid) => cid === leaf
    const error = await reader.get(bigCid).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ContentIntegrityError)
    expect((error as ContentIntegrityError).cid).toBe(leaf)
    expect((error as ContentIntegrityError).store).toBe(`gateway ${gateway.url}`)

    const stream = reader.stream(bigCid).getReader()
    let delivered = 0
    const streamError = await (async () => {
      while (true) {
        const { done, value } = await stream.read()
        if (done) return undefined
        expect(sameBytes(value, big.subarray(delivered, delivered + value.byteLength))).toBe(true)
        delivered += value.byteLength
      }
    })().catch((e: unknown) => e)
    expect(streamError).toBeInstanceOf(ContentIntegrityError)
    expect(delivered).toBe(2 * MiB) // only the verified blocks before the tampered one

    mode.tamper = () => true
    await expect(reader.get(smallCid)).rejects.toBeInstanceOf(ContentIntegrityError)
  })

  test('404 gives ContentNotFoundError (also 410 and 451)', async () => {
    const reader = createGatewayReader({ url: gateway.url })
    const absent = rawCid(new Uint8Array([1, 2, 3]))
    const error = await reader.get(absent).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ContentNotFoundError)
    expect((error as ContentNotFoundError).cid).toBe(absent.toString())
    for (const status of [410, 451]) {
      mode.status = status
      await expect(reader.get(smallCid)).rejects.toBeInstanceOf(ContentNotFoundError)
    }
  })

  test('connection refused gives StorageUnavailableError', async () => {
    const reader = createGatewayReader({ url: await refusedUrl() })
    const error = await reader.get(smallCid).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(StorageUnavailableError)
    expect((error as StorageUnavailableError).shortMessage).toMatch(
      /^gateway http:\/\/127\.0\.0\.1:\d+ is unavailable: get could not connect \(ECONNREFUSED\)\.$/,
    )
    await expect(reader.has(smallCid)).rejects.toBeInstanceOf(StorageUnavailableError)
  })

  test('5xx, a non-raw response or an oversized block are refused', async () => {
    const reader = createGatewayReader({ url: gateway.url })
    mode.status = 502
    await expect(reader.get(smallCid)).rejects.toThrow(/HTTP 502/)
    await expect(reader.has(smallCid)).rejects.toBeInstanceOf(StorageUnavailableError)
    mode = { contentType: 'text/html' }
    await expect(reader.get(smallCid)).rejects.toThrow(/trustless gateway spec/)
    mode = { oversize: true }
    await expect(reader.get(smallCid)).rejects.toBeInstanceOf(ContentIntegrityError)
  })

  test('abort via signal gives StorageAbortedError', async () => {
    const reader = createGatewayReader({ url: gateway.url })
    mode.delayMs = 2_000
    const started = Date.now()
    await expect(reader.get(smallCid, { signal: AbortSignal.timeout(50) })).rejects.toBeInstanceOf(
      StorageAbortedError,
    )
    await expect(reader.has(smallCid, { signal: AbortSignal.timeout(50) })).rejects.toBeInstanceOf(
      StorageAbortedError,
    )
    expect(Date.now() - started).toBeLessThan(1_500)
  })

  test('a base URL with a path, extra headers and a custom fetch are honoured', async () => {
    let calls = 0
    const reader = createGatewayReader({
      url: `${gateway.url}/prefix`,
      headers: { authorization: 'Bearer token' },
      fetch: (input, init) => {
        calls++
        return fetch(input, init)
      },
    })
    expect(await reader.get(smallCid)).toEqual(small)
    expect(calls).toBe(1)
    expect(requests[0]).toEqual({
      method: 'GET',
      url: `/prefix/ipfs/${smallCid}?format=raw`,
      accept: 'application/vnd.ipld.raw',
      auth: 'Bearer token',
    })
  })

  test('bad input is refused before any request', async () => {
    expect(() => createGatewayReader({ url: 'not a url' })).toThrow(StorageUnavailableError)
    expect(() => createGatewayReader({ url: 'ftp://example.com' })).toThrow(/http\(s\)/)
    const reader = createGatewayReader({ url: gateway.url })
    await expect(reader.get('bafy-nope')).rejects.toBeInstanceOf(InvalidCidError)
    expect(() => reader.stream('bafy-nope')).toThrow(InvalidCidError)
    expect(requests).toHaveLength(0)
  })
})
