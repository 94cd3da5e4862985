// Shared by the browser page (bundled by esbuild) and the Node side of the browser test: nothing
// here may touch a Node or DOM-only API.

/** 3 MiB + 1 byte: four 1 MiB segments (five with Padmé padding), the last one partial. */
export const largeSize = 3 * 1024 * 1024 + 1

/** Deterministic pseudo-random bytes (xorshift32), identical in Node and in the browser. */
export function patternBytes(length: number, seed = 0x9e3779b9): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(length)
  let x = seed >>> 0 || 1
  for (let i = 0; i < length; i++) {
    x ^= x << 13
    x >>>= 0
    x ^= x >>> 17
    x ^= x << 5
    x >>>= 0
    out[i] = x & 0xff
  }
  return out
}

/** A record context as it crosses `page.evaluate` (chainId as a decimal string). */
export type WireContext = {
  patient: `0x${string}`
  chainId: string
  contract: `0x${string}`
  scope: number
}

export const wireContext: WireContext = {
  patient: '0x1111111111111111111111111111111111111111',
  chainId: '31337',
  contract: '0x2222222222222222222222222222222222222222',
  scope: 1,
}

export const otherWireContext: WireContext = { ...wireContext, scope: 2 }

export const grantee = '0x3333333333333333333333333333333333333333' as const

export function fromWire(context: WireContext) {
  return { ...context, chainId: BigInt(context.chainId) }
}

export function toBase64(bytes: Uint8Array): string {
  let binary = ''
  for (let i = 0; i < bytes.length; i += 0x8000)
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000))
  return btoa(binary)
}

export function fromBase64(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text)
  const out = new Uint8Array(binary.length)
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i)
  return out
}

export function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false
  return true
}

/** A wrapped HPKE key as it crosses `page.evaluate`. */
export type WireWrappedKey = {
  algorithm: 'hpke-x25519-sha256-aes256gcm'
  enc: string
  ciphertext: string
}

/** What `page.ts` puts on `globalThis.__medchain`. Every byte string is base64. */
export type PageApi = {
  runtime(): { hasProcess: boolean; hasBuffer: boolean; hasSubtle: boolean; secure: boolean }
  envelopeRoundTrip(size: number): Promise<{
    identical: boolean
    plaintextLength: number
    envelopeLength: number
    segmentSize: number
    padded: boolean
  }>
  streamRoundTrip(size: number): Promise<{
    identical: boolean
    chunks: number
    ciphertextLength: number
    envelopeDecryptsIt: boolean
  }>
  failures(): Promise<{ bodyFlip: string; streamBodyFlip: string; wrongContext: string }>
  encryptPattern(size: number, context: WireContext): Promise<{ envelope: string; dataKey: string }>
  decryptToCheck(
    envelope: string,
    dataKey: string,
    context: WireContext,
    size: number,
  ): Promise<{ identical: boolean; error?: string }>
  scopeBinding(context: WireContext, epoch: number): string
  wrapTo(publicKey: string, key: string, info: string): Promise<WireWrappedKey>
  newRecipient(): Promise<{ publicKey: string }>
  unwrap(wrapped: WireWrappedKey, info: string): Promise<string>
  storePattern(size: number): Promise<{ cid: string; identical: boolean; has: boolean }>
}
