// A streaming multipart/form-data reader for the development storage node's `/api/v0/add`: each
// part's body is handed on chunk by chunk, so a large upload never sits in memory whole.

/** One part of a multipart body. Read `body` to the end (or not at all) before asking for the next part. */
export type MultipartPart = {
  /** Header names in lower case. */
  headers: Map<string, string>
  /** The `name` of its Content-Disposition (Kubo's field names: `file`, `file-1`, `dir`, ...). */
  name: string | undefined
  /** The `filename` of its Content-Disposition, as sent (kubo-rpc-client URI-encodes it). */
  filename: string | undefined
  body: AsyncGenerator<Uint8Array>
}

/** The boundary of a `multipart/form-data; boundary=...` content type, or undefined. */
export function multipartBoundary(contentType: string | undefined): string | undefined {
  const match = /^multipart\/form-data\s*;.*?\bboundary=(?:"([^"]+)"|([^\s;]+))/i.exec(
    contentType ?? '',
  )
  return match?.[1] ?? match?.[2]
}

const CRLF = Buffer.from('\r\n')
const headerEnd = Buffer.from('\r\n\r\n')
const maxHeaderBytes = 16 * 1024

/**
 * Reads a multipart body (RFC 7578) part by part.
 *
 * @example
 * ```ts
 * for await (const part of readMultipart(request, multipartBoundary(request.headers['content-type'])!)) {
 *   for await (const chunk of part.body) process(chunk)
 * }
 * ```
 */
export async function* readMultipart(
  source: AsyncIterable<Uint8Array>,
  boundary: string,
): AsyncGenerator<MultipartPart> {
  const iterator = source[Symbol.asyncIterator]()
  // Every delimiter is CRLF "--" boundary; starting with a CRLF makes the first one look the same.
  const delimiter = Buffer.from(`\r\n--${boundary}`)
  let buffer = Buffer.from(CRLF)
  let ended = false

  const more = async (): Promise<boolean> => {
    if (ended) return false
    const next = await iterator.next()
    if (next.done) {
      ended = true
      return false
    }
    buffer = Buffer.concat([buffer, next.value])
    return true
  }
  const fill = async (bytes: number, where: string) => {
    while (buffer.length < bytes)
      if (!(await more())) throw new Error(`the multipart body ended ${where}`)
  }

  // Everything up to the next delimiter is the current part's body.
  let bodyDone = true
  async function* body(): AsyncGenerator<Uint8Array> {
    for (;;) {
      const index = buffer.indexOf(delimiter)
      if (index !== -1) {
        if (index > 0) yield buffer.subarray(0, index)
        buffer = buffer.subarray(index)
        bodyDone = true
        return
      }
      // Keep a tail that could be the start of a delimiter split across chunks.
      const safe = buffer.length - (delimiter.length - 1)
      if (safe > 0) {
        const chunk = buffer.subarray(0, safe)
        buffer = buffer.subarray(safe)
        yield chunk
      }
      if (!(await more())) throw new Error('the multipart body ended inside a part')
    }
  }

  for (;;) {
    if (!bodyDone) for await (const _ of body()); // the caller skipped (part of) a body
    let index = buffer.indexOf(delimiter)
    while (index === -1) {
      buffer = buffer.subarray(Math.max(0, buffer.length - delimiter.length))
      if (!(await more())) throw new Error('the multipart body has no closing boundary')
      index = buffer.indexOf(delimiter)
    }
    buffer = buffer.subarray(index + delimiter.length)
    await fill(2, 'after a boundary')
    if (buffer[0] === 0x2d && buffer[1] === 0x2d) {
      // The closing delimiter: read the epilogue too, so the request is complete.
      while (await more()) buffer = buffer.subarray(buffer.length)
      return
    }
    if (!buffer.subarray(0, 2).equals(CRLF))
      throw new Error('a multipart boundary is not followed by CRLF')
    buffer = buffer.subarray(2)

    const headers = new Map<string, string>()
    await fill(2, 'in part headers')
    if (buffer.subarray(0, 2).equals(CRLF)) {
      buffer = buffer.subarray(2) // a part without headers
    } else {
      let end = buffer.indexOf(headerEnd)
      while (end === -1) {
        if (buffer.length > maxHeaderBytes) throw new Error('multipart part headers are too long')
        if (!(await more())) throw new Error('the multipart body ended in part headers')
        end = buffer.indexOf(headerEnd)
      }
      for (const line of buffer.subarray(0, end).toString('utf8').split('\r\n')) {
        const colon = line.indexOf(':')
        if (colon > 0)
          headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim())
      }
      buffer = buffer.subarray(end + headerEnd.length)
    }
    const disposition = headers.get('content-disposition') ?? ''
    bodyDone = false
    yield {
      headers,
      name: /\bname="([^"]*)"/i.exec(disposition)?.[1],
      filename: /\bfilename="([^"]*)"/i.exec(disposition)?.[1],
      body: body(),
    }
  }
}
