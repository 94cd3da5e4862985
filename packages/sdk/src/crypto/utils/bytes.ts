import { InvalidBytesError, InvalidKeyLengthError } from '../../errors/crypto.js'

/** Bytes backed by a plain `ArrayBuffer` (what WebCrypto accepts as `BufferSource`). */
export type ArrayBufferBytes = Uint8Array<ArrayBuffer>

const textEncoder = /* @__PURE__ */ new TextEncoder()
const textDecoder = /* @__PURE__ */ new TextDecoder('utf-8', { fatal: true })

/** UTF-8 encodes a string. */
export function utf8(value: string): Uint8Array<ArrayBuffer> {
  return textEncoder.encode(value)
}

/** Decodes UTF-8, throwing on invalid sequences. */
export function fromUtf8(bytes: Uint8Array): string {
  return textDecoder.decode(bytes)
}

/** Throws {@link InvalidBytesError} unless `value` is a Uint8Array (of `length` bytes when given). */
export function assertBytes(
  value: unknown,
  name: string,
  length?: number,
): asserts value is Uint8Array {
  if (!(value instanceof Uint8Array))
    throw new InvalidBytesError({ name, reason: 'must be a Uint8Array' })
  if (length !== undefined && value.length !== length)
    throw new InvalidBytesError({
      name,
      reason: `must be ${length} bytes, received ${value.length}`,
    })
}

/** Throws {@link InvalidKeyLengthError} unless `value` is a Uint8Array of `length` bytes. */
export function assertKey(value: unknown, name: string, length = 32): asserts value is Uint8Array {
  if (!(value instanceof Uint8Array))
    throw new InvalidKeyLengthError({ name, expected: length, received: typeName(value) })
  if (value.length !== length)
    throw new InvalidKeyLengthError({ name, expected: length, received: value.length })
}

function typeName(value: unknown): string {
  if (value === null) return 'null'
  if (typeof value === 'object') return (value as object).constructor?.name ?? 'object'
  return typeof value
}

/** Concatenates byte arrays into a fresh `ArrayBuffer`-backed array. */
export function concatBytes(...arrays: Uint8Array[]): Uint8Array<ArrayBuffer> {
  let length = 0
  for (const a of arrays) length += a.length
  const out = new Uint8Array(length)
  let offset = 0
  for (const a of arrays) {
    out.set(a, offset)
    offset += a.length
  }
  return out
}

/** Compares two byte arrays in time that depends only on their lengths. */
export function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false
  let diff = 0
  for (let i = 0; i < a.length; i++) diff |= (a[i] as number) ^ (b[i] as number)
  return diff === 0
}

/** Big-endian encoding of an unsigned integer into `length` bytes (throws if it does not fit). */
export function uintToBytes(value: number | bigint, length: number): Uint8Array<ArrayBuffer> {
  let v = BigInt(value)
  if (v < 0n || v >= 1n << BigInt(8 * length))
    throw new RangeError(`${value} does not fit in ${length} bytes`)
  const out = new Uint8Array(length)
  for (let i = length - 1; i >= 0; i--) {
    out[i] = Number(v & 0xffn)
    v >>= 8n
  }
  return out
}

/** Writes `value` (< 2^53) as a big-endian uint64 at `offset`. */
export function writeUint64(out: Uint8Array, offset: number, value: number): void {
  const high = Math.floor(value / 2 ** 32)
  const low = value >>> 0
  const view = new DataView(out.buffer, out.byteOffset, out.byteLength)
  view.setUint32(offset, high)
  view.setUint32(offset + 4, low)
}

/** Reads a big-endian uint64 at `offset`; returns a number, or `undefined` if it exceeds 2^53 - 1. */
export function readUint64(bytes: Uint8Array, offset: number): number | undefined {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const high = view.getUint32(offset)
  const low = view.getUint32(offset + 4)
  if (high >= 2 ** 21) return undefined
  return high * 2 ** 32 + low
}

/** Returns `bytes` if it is backed by an `ArrayBuffer`, otherwise an `ArrayBuffer`-backed copy. */
export function toArrayBufferBytes(bytes: Uint8Array): Uint8Array<ArrayBuffer> {
  return bytes.buffer instanceof ArrayBuffer
    ? (bytes as Uint8Array<ArrayBuffer>)
    : new Uint8Array(bytes)
}

/** Lower-case hex without `0x`. */
export function toHex(bytes: Uint8Array): string {
  let out = ''
  for (const b of bytes) out += b.toString(16).padStart(2, '0')
  return out
}

/** Decodes hex (with or without `0x`); returns `undefined` for malformed input. */
export function fromHex(hex: string): Uint8Array<ArrayBuffer> | undefined {
  const body = hex.startsWith('0x') || hex.startsWith('0X') ? hex.slice(2) : hex
  if (body.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(body)) return undefined
  const out = new Uint8Array(body.length / 2)
  for (let i = 0; i < out.length; i++) out[i] = Number.parseInt(body.slice(2 * i, 2 * i + 2), 16)
  return out
}

const B64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'
const B64STD = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'

function encodeBase64With(bytes: Uint8Array, alphabet: string, pad: boolean): string {
  let out = ''
  let i = 0
  for (; i + 2 < bytes.length; i += 3) {
    const n =
      ((bytes[i] as number) << 16) | ((bytes[i + 1] as number) << 8) | (bytes[i + 2] as number)
    out +=
      alphabet[n >>> 18]! +
      alphabet[(n >>> 12) & 63]! +
      alphabet[(n >>> 6) & 63]! +
      alphabet[n & 63]!
  }
  const rest = bytes.length - i
  if (rest === 1) {
    const n = (bytes[i] as number) << 16
    out += alphabet[n >>> 18]! + alphabet[(n >>> 12) & 63]! + (pad ? '==' : '')
  } else if (rest === 2) {
    const n = ((bytes[i] as number) << 16) | ((bytes[i + 1] as number) << 8)
    out +=
      alphabet[n >>> 18]! +
      alphabet[(n >>> 12) & 63]! +
      alphabet[(n >>> 6) & 63]! +
      (pad ? '=' : '')
  }
  return out
}

function decodeBase64With(
  text: string,
  alphabet: string,
  pad: boolean,
): Uint8Array<ArrayBuffer> | undefined {
  let body = text
  if (pad) {
    if (text.length % 4 !== 0) return undefined
    body = text.replace(/={1,2}$/, '')
  }
  if (body.length % 4 === 1) return undefined
  const out = new Uint8Array(Math.floor((body.length * 3) / 4))
  let buffer = 0
  let bits = 0
  let o = 0
  for (const ch of body) {
    const v = alphabet.indexOf(ch)
    if (v < 0) return undefined
    buffer = (buffer << 6) | v
    bits += 6
    if (bits >= 8) {
      bits -= 8
      out[o++] = (buffer >>> bits) & 0xff
    }
  }
  // Reject non-canonical encodings (left-over bits must be zero).
  if ((buffer & ((1 << bits) - 1)) !== 0) return undefined
  return out
}

/** Base64url without padding (RFC 4648 §5). */
export function toBase64Url(bytes: Uint8Array): string {
  return encodeBase64With(bytes, B64URL, false)
}

/** Strict, canonical base64url (no padding) decoding; `undefined` when malformed. */
export function fromBase64Url(text: string): Uint8Array<ArrayBuffer> | undefined {
  return decodeBase64With(text, B64URL, false)
}

/** Standard base64 with padding (as MetaMask's encryption uses). */
export function toBase64(bytes: Uint8Array): string {
  return encodeBase64With(bytes, B64STD, true)
}

/** Strict standard base64 (padded) decoding; `undefined` when malformed. */
export function fromBase64(text: string): Uint8Array<ArrayBuffer> | undefined {
  return decodeBase64With(text, B64STD, true)
}
