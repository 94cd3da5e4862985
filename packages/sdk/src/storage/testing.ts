/**
 * Test helpers for the storage tests (Node only; not exported from any entry point).
 *
 * @internal
 * @module
 */
import { createHash } from 'node:crypto'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { CID } from 'multiformats/cid'
import * as Digest from 'multiformats/hashes/digest'

/** sha2-256 with node:crypto (independent of the code under test). */
export function sha256(bytes: Uint8Array): Uint8Array {
  return new Uint8Array(createHash('sha256').update(bytes).digest())
}

/** The CIDv1 of a raw block, computed without the importer. */
export function rawCid(bytes: Uint8Array): CID {
  return CID.createV1(0x55, Digest.create(0x12, sha256(bytes)))
}

/** Deterministic pseudo-random bytes (xorshift32), so tests can regenerate what they stored. */
export function pseudoRandomBytes(length: number, seed = 1): Uint8Array {
  const out = new Uint8Array(length)
  let x = seed >>> 0 || 1
  let i = 0
  for (; i + 4 <= length; i += 4) {
    x ^= x << 13
    x >>>= 0
    x ^= x >>> 17
    x ^= x << 5
    x >>>= 0
    out[i] = x & 0xff
    out[i + 1] = (x >>> 8) & 0xff
    out[i + 2] = (x >>> 16) & 0xff
    out[i + 3] = (x >>> 24) & 0xff
  }
  for (; i < length; i++) out[i] = (i * 31 + seed) & 0xff
  return out
}

/** Yields `total` deterministic bytes in chunks of `chunkSize`, allocating one chunk at a time. */
export async function* generatedStream(
  total: number,
  chunkSize: number,
  seed = 7,
): AsyncGenerator<Uint8Array> {
  let produced = 0
  let index = 0
  while (produced < total) {
    const size = Math.min(chunkSize, total - produced)
    yield pseudoRandomBytes(size, seed + index++)
    produced += size
  }
}

// --- An independent dag-pb / UnixFS encoder, written from the specs, for CID vectors ----------

function varint(value: number): number[] {
  const out: number[] = []
  let v = value
  while (v >= 0x80) {
    out.push((v % 0x80) | 0x80)
    v = Math.floor(v / 0x80)
  }
  out.push(v)
  return out
}

function field(number: number, wireType: 0 | 2, payload: number | Uint8Array): number[] {
  const key = varint(number * 8 + wireType)
  if (typeof payload === 'number') return [...key, ...varint(payload)]
  return [...key, ...varint(payload.byteLength), ...payload]
}

/** One child of a UnixFS file node: its CID, its `Tsize` and the file bytes under it. */
export type ReferenceLink = { cid: CID; tsize: number; fileSize: number }

/**
 * Encodes a UnixFS `File` dag-pb node the way Kubo (go-unixfs) writes it: PBNode links first
 * (`Hash`, empty `Name`, `Tsize`), then `Data` = UnixFS { Type=File, filesize, blocksizes... }.
 */
export function encodeFileNode(links: ReferenceLink[]): Uint8Array {
  const fileSize = links.reduce((sum, link) => sum + link.fileSize, 0)
  const unixfs = [
    ...field(1, 0, 2), // Type = File
    ...field(3, 0, fileSize), // filesize
    ...links.flatMap((link) => field(4, 0, link.fileSize)), // blocksizes (not packed)
  ]
  const bytes = [
    ...links.flatMap((link) =>
      field(
        2,
        2,
        new Uint8Array([
          ...field(1, 2, link.cid.bytes), // Hash
          ...field(2, 2, new Uint8Array(0)), // Name = ""
          ...field(3, 0, link.tsize), // Tsize
        ]),
      ),
    ),
    ...field(1, 2, new Uint8Array(unixfs)), // Data
  ]
  return new Uint8Array(bytes)
}

/**
 * Computes the CID of a file laid out like Kubo's balanced builder with raw leaves: chunks of
 * `chunkSize`, at most `maxLinks` links per node, a single chunk is its own raw CID.
 */
export async function referenceCid(
  chunks: AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
  maxLinks = 174,
): Promise<CID> {
  let level: ReferenceLink[] = []
  for await (const chunk of chunks)
    level.push({ cid: rawCid(chunk), tsize: chunk.byteLength, fileSize: chunk.byteLength })
  if (level.length === 0) return rawCid(new Uint8Array(0))
  if (level.length === 1) return (level[0] as ReferenceLink).cid
  while (level.length > 1) {
    const next: ReferenceLink[] = []
    for (let i = 0; i < level.length; i += maxLinks) {
      const group = level.slice(i, i + maxLinks)
      const block = encodeFileNode(group)
      next.push({
        cid: CID.createV1(0x70, Digest.create(0x12, sha256(block))),
        tsize: block.byteLength + group.reduce((sum, link) => sum + link.tsize, 0),
        fileSize: group.reduce((sum, link) => sum + link.fileSize, 0),
      })
    }
    level = next
  }
  return (level[0] as ReferenceLink).cid
}

/** Re-chunks a byte stream into fixed-size chunks (for `referenceCid`). */
export async function* rechunk(
  source: AsyncIterable<Uint8Array>,
  size: number,
): AsyncGenerator<Uint8Array> {
  let buffer = new Uint8Array(size)
  let filled = 0
  for await (const chunk of source) {
    let offset = 0
    while (offset < chunk.byteLength) {
      const take = Math.min(size - filled, chunk.byteLength - offset)
      buffer.set(chunk.subarray(offset, offset + take), filled)
      filled += take
      offset += take
      if (filled === size) {
        yield buffer
        buffer = new Uint8Array(size)
        filled = 0
      }
    }
  }
  if (filled > 0) yield buffer.subarray(0, filled)
}

// --- HTTP ------------------------------------------------------------------------------------

/** A node:http server on 127.0.0.1 with an ephemeral port. */
export async function startServer(
  handler: (request: IncomingMessage, response: ServerResponse) => void | Promise<void>,
): Promise<{ url: string; server: Server; close: () => Promise<void> }> {
  const server = createServer((request, response) => {
    Promise.resolve(handler(request, response)).catch((error: unknown) => {
      if (!response.headersSent) response.writeHead(500, { 'content-type': 'text/plain' })
      response.end(String(error))
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}

/** A URL on 127.0.0.1 where nothing listens (a port that was just released): connections are refused. */
export async function refusedUrl(): Promise<string> {
  const { url, close } = await startServer(() => {})
  await close()
  return url
}

/** Reads a request body fully. */
export async function readBody(request: IncomingMessage): Promise<Uint8Array> {
  const chunks: Buffer[] = []
  for await (const chunk of request) chunks.push(chunk as Buffer)
  return new Uint8Array(Buffer.concat(chunks))
}

/** Reads a web stream fully. */
export async function readAll(stream: ReadableStream<Uint8Array>): Promise<Uint8Array> {
  const chunks: Uint8Array[] = []
  const reader = stream.getReader()
  while (true) {
    const { done, value } = await reader.read()
    if (done) break
    chunks.push(value)
  }
  return new Uint8Array(Buffer.concat(chunks))
}

/** Wraps an async iterable as a web ReadableStream. */
export function toWebStream(source: AsyncIterable<Uint8Array>): ReadableStream<Uint8Array> {
  const iterator = source[Symbol.asyncIterator]()
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const { done, value } = await iterator.next()
      if (done) controller.close()
      else controller.enqueue(value)
    },
  })
}

/** Fast byte equality (vitest's deep `toEqual` is slow on MiB-sized arrays). */
export function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(
    Buffer.from(b.buffer, b.byteOffset, b.byteLength),
  )
}
