// Browser entry of the headless Chromium test: bundled by esbuild (platform 'browser') from the
// SDK's browser-safe entries only, then driven from Node through `globalThis.__medchain`.

import {
  decodeEnvelopeHeader,
  decryptEnvelope,
  decryptStream,
  encryptEnvelope,
  encryptStream,
  generateEncryptionKeyPair,
  rawKeyProvider,
  scopeKeyBinding,
  wrapKey,
} from '../../src/exports/crypto.js'
import { createMemoryStore } from '../../src/exports/storage.js'
import {
  equalBytes,
  fromBase64,
  fromWire,
  grantee,
  otherWireContext,
  type PageApi,
  patternBytes,
  toBase64,
  type WireContext,
  wireContext,
} from './fixtures.js'

const context = fromWire(wireContext)

/** A stream of `bytes` in uneven chunks (so chunk and segment boundaries never line up). */
function chunked(
  bytes: Uint8Array,
  sizes = [1, 65_537, 300_001, 777_777],
): ReadableStream<Uint8Array> {
  let offset = 0
  let turn = 0
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      if (offset >= bytes.length) return controller.close()
      const size = sizes[turn++ % sizes.length] as number
      controller.enqueue(bytes.slice(offset, offset + size))
      offset += size
    },
  })
}

async function collect(
  stream: ReadableStream<Uint8Array>,
): Promise<{ bytes: Uint8Array; chunks: number }> {
  const parts: Uint8Array[] = []
  let length = 0
  const reader = stream.getReader()
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    parts.push(value)
    length += value.length
  }
  const bytes = new Uint8Array(length)
  let offset = 0
  for (const part of parts) {
    bytes.set(part, offset)
    offset += part.length
  }
  return { bytes, chunks: parts.length }
}

async function errorName(run: () => Promise<unknown>): Promise<string> {
  try {
    await run()
    return 'no error'
  } catch (error) {
    return error instanceof Error ? error.name : String(error)
  }
}

/** Recipients created in the page; their private keys never leave it. */
const recipients = new Map<string, Uint8Array>()

const api: PageApi = {
  runtime() {
    const g = globalThis as { process?: unknown; Buffer?: unknown }
    return {
      hasProcess: g.process !== undefined,
      hasBuffer: g.Buffer !== undefined,
      hasSubtle: typeof crypto?.subtle?.encrypt === 'function',
      secure: globalThis.isSecureContext,
    }
  },

  async envelopeRoundTrip(size) {
    const plaintext = patternBytes(size)
    const { envelope, dataKey } = await encryptEnvelope({ plaintext, context })
    const header = decodeEnvelopeHeader(envelope)
    const decrypted = await decryptEnvelope({ envelope, dataKey, context })
    return {
      identical: equalBytes(decrypted, plaintext),
      plaintextLength: decrypted.length,
      envelopeLength: envelope.length,
      segmentSize: header.segmentSize,
      padded: header.padded,
    }
  },

  async streamRoundTrip(size) {
    const plaintext = patternBytes(size, 7)
    const { ciphertext, dataKey } = encryptStream({
      plaintext: chunked(plaintext),
      context,
      totalBytes: size,
    })
    const envelope = await collect(ciphertext)
    const decrypted = await collect(
      decryptStream({ ciphertext: chunked(envelope.bytes, [4096, 1_000_003]), dataKey, context }),
    )
    const viaEnvelope = await decryptEnvelope({ envelope: envelope.bytes, dataKey, context })
    return {
      identical: equalBytes(decrypted.bytes, plaintext),
      chunks: envelope.chunks,
      ciphertextLength: envelope.bytes.length,
      envelopeDecryptsIt: equalBytes(viaEnvelope, plaintext),
    }
  },

  async failures() {
    const plaintext = patternBytes(1024 * 1024 + 5, 3)
    const { envelope, dataKey } = await encryptEnvelope({ plaintext, context })
    const flipped = envelope.slice()
    const at = Math.floor(flipped.length / 2)
    flipped[at] = (flipped[at] as number) ^ 0x01
    return {
      bodyFlip: await errorName(() => decryptEnvelope({ envelope: flipped, dataKey, context })),
      streamBodyFlip: await errorName(() =>
        collect(decryptStream({ ciphertext: chunked(flipped), dataKey, context })),
      ),
      wrongContext: await errorName(() =>
        decryptEnvelope({ envelope, dataKey, context: fromWire(otherWireContext) }),
      ),
    }
  },

  async encryptPattern(size, wire) {
    const { envelope, dataKey } = await encryptEnvelope({
      plaintext: patternBytes(size, 11),
      context: fromWire(wire),
    })
    return { envelope: toBase64(envelope), dataKey: toBase64(dataKey) }
  },

  async decryptToCheck(envelope, dataKey, wire: WireContext, size) {
    try {
      const plaintext = await decryptEnvelope({
        envelope: fromBase64(envelope),
        dataKey: fromBase64(dataKey),
        context: fromWire(wire),
      })
      return { identical: equalBytes(plaintext, patternBytes(size, 13)) }
    } catch (error) {
      return {
        identical: false,
        error: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
      }
    }
  },

  scopeBinding(wire, epoch) {
    return toBase64(scopeKeyBinding({ context: fromWire(wire), epoch, grantee }))
  },

  async wrapTo(publicKey, key, info) {
    const wrapped = await wrapKey({
      key: fromBase64(key),
      recipient: { publicKey: fromBase64(publicKey) },
      info: fromBase64(info),
    })
    if (wrapped.algorithm !== 'hpke-x25519-sha256-aes256gcm')
      throw new Error(`unexpected algorithm ${wrapped.algorithm}`)
    return {
      algorithm: wrapped.algorithm,
      enc: toBase64(wrapped.enc),
      ciphertext: toBase64(wrapped.ciphertext),
    }
  },

  async newRecipient() {
    const { privateKey, publicKey } = generateEncryptionKeyPair()
    const provider = rawKeyProvider({ privateKey })
    const encoded = toBase64(await provider.getEncryptionPublicKey())
    if (encoded !== toBase64(publicKey)) throw new Error('rawKeyProvider public key differs')
    recipients.set(encoded, privateKey)
    return { publicKey: encoded }
  },

  async unwrap(wrapped, info) {
    // The recipient is the one most recently created by newRecipient.
    const privateKey = [...recipients.values()].at(-1)
    if (!privateKey) throw new Error('call newRecipient first')
    const key = await rawKeyProvider({ privateKey }).unwrapKey({
      wrapped: {
        algorithm: wrapped.algorithm,
        enc: fromBase64(wrapped.enc),
        ciphertext: fromBase64(wrapped.ciphertext),
      },
      info: fromBase64(info),
    })
    return toBase64(key)
  },

  async storePattern(size) {
    const bytes = patternBytes(size, 17)
    const store = createMemoryStore()
    const cid = await store.put(bytes)
    const back = await store.get(cid)
    return { cid: cid.toString(), identical: equalBytes(back, bytes), has: await store.has(cid) }
  },
}

;(globalThis as { __medchain?: PageApi }).__medchain = api
;(globalThis as { __medchainReady?: boolean }).__medchainReady = true
