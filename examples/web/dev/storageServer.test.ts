import { randomBytes } from 'node:crypto'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { computeCid, createKuboStore, type RecordStore } from '@medchain/sdk/storage'
import { createFsStore } from '@medchain/sdk/storage/node'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type StorageServer, startStorageServer } from './storageServer'

let directory: string
let server: StorageServer
let store: RecordStore

/** The CID the SDK's own on-disk store gives the same bytes, in a store of its own. */
async function fsStoreCid(bytes: Uint8Array): Promise<string> {
  const fs = createFsStore({ path: join(directory, `reference-${Math.random()}`) })
  await fs.open()
  try {
    return (await fs.put(bytes)).toString()
  } finally {
    await fs.close()
  }
}

/** A ReadableStream of `bytes` in uneven chunks (7 bytes to 300 KiB). */
function unevenStream(bytes: Uint8Array): ReadableStream<Uint8Array> {
  let offset = 0
  let step = 7
  return new ReadableStream({
    pull(controller) {
      if (offset >= bytes.length) return controller.close()
      controller.enqueue(bytes.slice(offset, offset + step))
      offset += step
      step = (step * 13) % (300 * 1024) || 1
    },
  })
}

async function collect(stream: ReadableStream<Uint8Array>): Promise<Buffer> {
  const chunks: Uint8Array[] = []
  const reader = stream.getReader()
  for (let next = await reader.read(); !next.done; next = await reader.read())
    chunks.push(next.value)
  return Buffer.concat(chunks)
}

const rpc = (path: string, init: RequestInit = {}) =>
  fetch(`${server.url}/api/v0/${path}`, { method: 'POST', ...init })

beforeAll(async () => {
  directory = await mkdtemp(join(tmpdir(), 'medchain-storage-server-'))
  server = await startStorageServer({ directory: join(directory, 'node') })
  store = createKuboStore({ url: server.url })
})

afterAll(async () => {
  await server?.stop()
  await rm(directory, { recursive: true, force: true })
})

describe('startStorageServer with the SDK Kubo store', () => {
  it("put bytes: the CID is createFsStore's and computeCid's; get returns the bytes", async () => {
    const bytes = randomBytes(10_000)
    const cid = await store.put(bytes)
    expect(cid.toString()).toBe(await fsStoreCid(bytes))
    expect(cid.toString()).toBe((await computeCid(bytes)).toString())
    expect(cid.toString()).toMatch(/^bafkrei/) // one chunk: a raw leaf
    expect(Buffer.from(await store.get(cid)).equals(bytes)).toBe(true)
    expect(await store.has(cid)).toBe(true)
  })

  it('put a stream of 2.5 MiB in uneven chunks: a 3-block dag-pb file, read back by get and stream', async () => {
    const bytes = randomBytes(2.5 * 1024 * 1024)
    let reported = 0
    const cid = await store.put(unevenStream(bytes), {
      onProgress: ({ bytes: done }) => {
        reported = done
      },
    })
    expect(reported).toBe(bytes.length)
    expect(cid.toString()).toBe(await fsStoreCid(bytes))
    expect(cid.toString()).toMatch(/^bafybei/) // several chunks: a dag-pb root
    // Every block comes through /api/v0/block/get and is verified against its CID by the SDK.
    expect(Buffer.from(await store.get(cid)).equals(bytes)).toBe(true)
    expect((await collect(store.stream(cid))).equals(bytes)).toBe(true)
  })

  it('has is false and get/stream give ContentNotFoundError for a CID it never stored', async () => {
    const missing = await computeCid(randomBytes(64))
    expect(await store.has(missing)).toBe(false)
    await expect(store.get(missing)).rejects.toMatchObject({
      name: 'ContentNotFoundError',
      cid: missing.toString(),
    })
    await expect(collect(store.stream(missing))).rejects.toMatchObject({
      name: 'ContentNotFoundError',
    })
    await expect(store.pin(missing)).rejects.toMatchObject({ name: 'ContentNotFoundError' })
  })

  it("pin and unpin map to the node's pins (as Kubo: pin/rm of an unpinned CID fails)", async () => {
    const cid = await store.put(randomBytes(3000), { pin: false })
    const notPinned = await rpc(`pin/rm?arg=${cid}&recursive=true`)
    expect(notPinned.status).toBe(500)
    expect(await notPinned.json()).toEqual({
      Message: 'not pinned or pinned indirectly',
      Code: 0,
      Type: 'error',
    })
    await store.unpin(cid) // the SDK treats "not pinned" as done
    await store.pin(cid)
    await store.unpin(cid) // removes the pin: a second raw pin/rm then fails again
    expect((await rpc(`pin/rm?arg=${cid}&recursive=true`)).status).toBe(500)
    await store.pin(cid)
    const removed = await rpc(`pin/rm?arg=${cid}&recursive=true`)
    expect(await removed.json()).toEqual({ Pins: [cid.toString()] })
  })

  it('answers errors the way Kubo does', async () => {
    const missing = (await computeCid(randomBytes(32))).toString()
    const response = await rpc(`block/get?arg=${missing}&offline=true`)
    expect(response.status).toBe(500)
    expect(response.headers.get('content-type')).toBe('application/json')
    expect(await response.json()).toEqual({
      Message: `block was not found locally (offline): ipld: could not find ${missing}`,
      Code: 0,
      Type: 'error',
    })
    const invalid = await rpc('block/stat?arg=not-a-cid')
    expect(invalid.status).toBe(500)
    expect((await invalid.json()).Message).toMatch(/^invalid path "not-a-cid": /)
    expect((await fetch(`${server.url}/api/v0/version`)).status).toBe(405)
    expect((await rpc('swarm/peers')).status).toBe(404)
  })

  it('refuses add options that would build a different CID than the SDK profile', async () => {
    const form = new FormData()
    form.append('file', new Blob([new Uint8Array([1, 2, 3])]), '')
    const response = await rpc('add?cid-version=0', { body: form })
    expect(response.status).toBe(500)
    expect((await response.json()).Message).toContain('cid-version=0 is not supported')
  })

  it('add answers NDJSON with Name, Hash and Size like Kubo', async () => {
    const form = new FormData()
    form.append('file', new Blob([new TextEncoder().encode('hello')]), '')
    const response = await rpc('add?cid-version=1&raw-leaves=true&stream-channels=true', {
      body: form,
    })
    // The same line a real Kubo 0.42 answers for "hello" with these options.
    expect(await response.text()).toBe(
      '{"Name":"bafkreibm6jg3ux5qumhcn2b3flc3tyu6dmlb4xa7u5bf44yegnrjhc4yeq","Hash":"bafkreibm6jg3ux5qumhcn2b3flc3tyu6dmlb4xa7u5bf44yegnrjhc4yeq","Size":"5"}\n',
    )
  })

  it('allows any origin, preflight included', async () => {
    const preflight = await fetch(`${server.url}/api/v0/add`, {
      method: 'OPTIONS',
      headers: {
        origin: 'http://localhost:5173',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type',
      },
    })
    expect(preflight.status).toBe(204)
    expect(preflight.headers.get('access-control-allow-origin')).toBe('*')
    expect(preflight.headers.get('access-control-allow-methods')).toContain('POST')
    expect(preflight.headers.get('access-control-allow-headers')).toBe('content-type')
    const cid = (await computeCid(new Uint8Array([9]))).toString()
    const response = await rpc(`block/stat?arg=${cid}`, {
      headers: { origin: 'http://localhost:5173' },
    })
    expect(response.headers.get('access-control-allow-origin')).toBe('*')
  })

  it('keeps its data across a restart on the same directory', async () => {
    const bytes = randomBytes(1500)
    const cid = await store.put(bytes)
    await server.stop()
    server = await startStorageServer({ directory: join(directory, 'node') })
    const again = createKuboStore({ url: server.url })
    expect(Buffer.from(await again.get(cid)).equals(bytes)).toBe(true)
    store = again
  })
})
