import { randomBytes } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { multipartBoundary, readMultipart } from './multipart'

const boundary = '----medchain-test-boundary'

/** `body` cut into chunks of `size` bytes, as a socket might deliver it. */
async function* chunked(body: Buffer, size: number): AsyncGenerator<Uint8Array> {
  for (let offset = 0; offset < body.length; offset += size)
    yield body.subarray(offset, offset + size)
}

function multipart(parts: { headers: string; body: Buffer }[], preamble = ''): Buffer {
  const pieces: Buffer[] = [Buffer.from(preamble)]
  for (const part of parts)
    pieces.push(Buffer.from(`--${boundary}\r\n${part.headers}\r\n`), part.body, Buffer.from('\r\n'))
  pieces.push(Buffer.from(`--${boundary}--\r\n`))
  return Buffer.concat(pieces)
}

async function readAll(source: AsyncIterable<Uint8Array>) {
  const parts: { name?: string | undefined; filename?: string | undefined; body: Buffer }[] = []
  for await (const part of readMultipart(source, boundary)) {
    const chunks: Uint8Array[] = []
    for await (const chunk of part.body) chunks.push(chunk)
    parts.push({ name: part.name, filename: part.filename, body: Buffer.concat(chunks) })
  }
  return parts
}

describe('readMultipart', () => {
  // Bytes that contain the delimiter's prefix ("\r\n--") without being the delimiter.
  const tricky = Buffer.concat([
    randomBytes(3000),
    Buffer.from(`\r\n--${boundary.slice(0, -1)}x`),
    randomBytes(500),
  ])
  const body = multipart(
    [
      {
        headers:
          'Content-Disposition: form-data; name="file"; filename="a%20b.json"\r\nContent-Type: application/octet-stream\r\n',
        body: tricky,
      },
      {
        headers: 'Content-Disposition: form-data; name="file-1"; filename=""\r\n',
        body: Buffer.alloc(0),
      },
    ],
    'a preamble to ignore\r\n',
  )

  for (const size of [1, 7, 64, 4096, body.length])
    it(`reads parts whole when the body arrives in ${size}-byte chunks`, async () => {
      const parts = await readAll(chunked(body, size))
      expect(parts.map((part) => [part.name, part.filename])).toEqual([
        ['file', 'a%20b.json'],
        ['file-1', ''],
      ])
      expect(parts[0]!.body.equals(tricky)).toBe(true)
      expect(parts[1]!.body.length).toBe(0)
    })

  it('skips a body the caller does not read', async () => {
    const names: (string | undefined)[] = []
    for await (const part of readMultipart(chunked(body, 100), boundary)) names.push(part.name)
    expect(names).toEqual(['file', 'file-1'])
  })

  it('rejects a body that ends before its closing boundary', async () => {
    await expect(readAll(chunked(body.subarray(0, 2000), 256))).rejects.toThrow(
      'the multipart body ended inside a part',
    )
  })

  it('finds the boundary in the content type', () => {
    expect(multipartBoundary(`multipart/form-data; boundary=${boundary}`)).toBe(boundary)
    expect(multipartBoundary('multipart/form-data; boundary="quoted value"')).toBe('quoted value')
    expect(multipartBoundary('application/json')).toBeUndefined()
  })
})
