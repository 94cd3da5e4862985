// The SDK's browser-safe entries (`@medchain/sdk/crypto`, `@medchain/sdk/storage`) bundled for the
// browser with esbuild and run in a real headless Chromium (Debian's `chromium`, driven by
// playwright-core), with cross-runtime checks against the Node build of the same code.

import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { type LaunchedChromium, launchChromium } from '@medchain/test'
import { build } from 'esbuild'
import { type Browser, chromium, type Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  decryptEnvelope,
  encryptEnvelope,
  generateEncryptionKeyPair,
  rawKeyProvider,
  scopeKeyBinding,
  wrapKey,
} from '../../src/exports/crypto.js'
import { computeCid } from '../../src/exports/storage.js'
import {
  equalBytes,
  fromBase64,
  fromWire,
  grantee,
  largeSize,
  otherWireContext,
  type PageApi,
  patternBytes,
  toBase64,
  wireContext,
} from './fixtures.js'

const here = dirname(fileURLToPath(import.meta.url))
const context = fromWire(wireContext)

let server: Server | undefined
let browser: LaunchedChromium<Browser> | undefined
let page: Page
let bundleText: string
let bundleInputs: string[] = []
let bundleWarnings: string[] = []
const pageErrors: string[] = []

/** Calls `globalThis.__medchain[name](...args)` in the page. */
function call<K extends keyof PageApi>(
  name: K,
  ...args: Parameters<PageApi[K]>
): Promise<Awaited<ReturnType<PageApi[K]>>> {
  return page.evaluate(
    ({ name, args }) =>
      // biome-ignore lint/suspicious/noExplicitAny: the page API is typed by `call`'s signature.
      (globalThis as any).__medchain[name](...args),
    { name, args },
  )
}

beforeAll(async () => {
  // platform 'browser' makes esbuild fail on any `node:*` (or other Node built-in) import that
  // the browser entries would pull in: the build succeeding is itself part of the test.
  const result = await build({
    entryPoints: [join(here, 'page.ts')],
    bundle: true,
    platform: 'browser',
    format: 'esm',
    target: 'es2022',
    write: false,
    metafile: true,
    logLevel: 'silent',
  })
  bundleText = result.outputFiles[0]!.text
  bundleInputs = Object.keys(result.metafile.inputs)
  bundleWarnings = result.warnings.map((warning) => warning.text)

  server = createServer((request, response) => {
    if (request.url === '/page.js') {
      response.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8' })
      response.end(bundleText)
    } else if (request.url === '/') {
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
      response.end(
        '<!doctype html><html><head><meta charset="utf-8"><title>MedChain SDK</title>' +
          '<script type="module" src="/page.js"></script></head><body></body></html>',
      )
    } else if (request.url === '/favicon.ico') {
      response.writeHead(204).end()
    } else {
      response.writeHead(404).end()
    }
  })
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo

  // Debian's Chromium with the shared flags and a fresh profile; a clear error if it is missing.
  browser = await launchChromium(chromium)
  page = await (await browser.browser.newContext()).newPage()
  page.on('pageerror', (error) => pageErrors.push(error.message))
  page.on('console', (message) => {
    if (message.type() === 'error') pageErrors.push(message.text())
  })
  await page.goto(`http://127.0.0.1:${port}/`)
  await page.waitForFunction(
    () => (globalThis as { __medchainReady?: boolean }).__medchainReady === true,
    undefined,
    { timeout: 15_000 },
  )
}, 60_000)

afterAll(async () => {
  await browser?.close()
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()))
})

describe('SDK in headless Chromium', () => {
  it('bundles for the browser without Node built-ins or Node-only packages', () => {
    expect(
      bundleInputs.filter((input) => /^node:|(^|\/)node_modules\/@types\/node\//.test(input)),
    ).toEqual([])
    // The Node-only MetaMask library is loaded at run time in Node only, never bundled.
    expect(bundleInputs.filter((input) => input.includes('@metamask/eth-sig-util'))).toEqual([])
    expect(bundleText).not.toMatch(/from\s*["']node:/)
    expect(bundleWarnings).toEqual([])
  })

  it('runs as a browser: no process or Buffer, WebCrypto in a secure context', async () => {
    expect(await call('runtime')).toEqual({
      hasProcess: false,
      hasBuffer: false,
      hasSubtle: true,
      secure: true,
    })
  })

  it('encryptEnvelope / decryptEnvelope round trip of 3 MiB + 1 byte', async () => {
    const result = await call('envelopeRoundTrip', largeSize)
    expect(result).toMatchObject({
      identical: true,
      plaintextLength: largeSize,
      segmentSize: 1024 * 1024,
      padded: true,
    })
    // Several segments: more than three 1 MiB segments of body.
    expect(result.envelopeLength).toBeGreaterThan(3 * 1024 * 1024 + 3 * 16)
  })

  it('encryptStream / decryptStream round trip (and the stream is a valid envelope)', async () => {
    const result = await call('streamRoundTrip', largeSize)
    expect(result).toMatchObject({ identical: true, envelopeDecryptsIt: true })
    expect(result.chunks).toBeGreaterThan(3) // header + segments
  })

  it('typed errors: flipped body bit and wrong record context (same names as in Node)', async () => {
    const browserNames = await call('failures')
    expect(browserNames).toEqual({
      bodyFlip: 'DecryptionFailedError',
      streamBodyFlip: 'DecryptionFailedError',
      wrongContext: 'RecordContextMismatchError',
    })
    // Node, same operations.
    const { envelope, dataKey } = await encryptEnvelope({
      plaintext: patternBytes(1024 * 1024 + 5, 3),
      context,
    })
    const flipped = envelope.slice()
    const at = Math.floor(flipped.length / 2)
    flipped[at] = (flipped[at] as number) ^ 0x01
    await expect(decryptEnvelope({ envelope: flipped, dataKey, context })).rejects.toMatchObject({
      name: browserNames.bodyFlip,
    })
    await expect(
      decryptEnvelope({ envelope, dataKey, context: fromWire(otherWireContext) }),
    ).rejects.toMatchObject({ name: browserNames.wrongContext })
  })

  it('an envelope made in the browser decrypts in Node', async () => {
    const made = await call('encryptPattern', largeSize, wireContext)
    const plaintext = await decryptEnvelope({
      envelope: fromBase64(made.envelope),
      dataKey: fromBase64(made.dataKey),
      context,
    })
    expect(equalBytes(plaintext, patternBytes(largeSize, 11))).toBe(true)
  })

  it('an envelope made in Node decrypts in the browser', async () => {
    const { envelope, dataKey } = await encryptEnvelope({
      plaintext: patternBytes(largeSize, 13),
      context,
    })
    expect(
      await call('decryptToCheck', toBase64(envelope), toBase64(dataKey), wireContext, largeSize),
    ).toEqual({ identical: true })
  })

  it('HPKE: wrapKey in the browser to a Node key, unwrapped in Node', async () => {
    const info = scopeKeyBinding({ context, epoch: 3, grantee })
    expect(await call('scopeBinding', wireContext, 3)).toBe(toBase64(info))
    const { privateKey, publicKey } = generateEncryptionKeyPair()
    const key = patternBytes(32, 21)
    const wire = await call('wrapTo', toBase64(publicKey), toBase64(key), toBase64(info))
    const unwrapped = await rawKeyProvider({ privateKey }).unwrapKey({
      wrapped: {
        algorithm: wire.algorithm,
        enc: fromBase64(wire.enc),
        ciphertext: fromBase64(wire.ciphertext),
      },
      info,
    })
    expect(toBase64(unwrapped)).toBe(toBase64(key))
  })

  it('HPKE: wrapKey in Node to a browser key, unwrapped in the browser', async () => {
    const info = scopeKeyBinding({ context, epoch: 4, grantee })
    const { publicKey } = await call('newRecipient')
    const key = patternBytes(32, 23)
    const wrapped = await wrapKey({ key, recipient: { publicKey: fromBase64(publicKey) }, info })
    if (wrapped.algorithm !== 'hpke-x25519-sha256-aes256gcm') throw new Error(wrapped.algorithm)
    const unwrapped = await call(
      'unwrap',
      {
        algorithm: wrapped.algorithm,
        enc: toBase64(wrapped.enc),
        ciphertext: toBase64(wrapped.ciphertext),
      },
      toBase64(info),
    )
    expect(unwrapped).toBe(toBase64(key))
  })

  it('storage: createMemoryStore in the browser gives the CID computeCid gives in Node', async () => {
    const stored = await call('storePattern', largeSize)
    const cid = await computeCid(patternBytes(largeSize, 17))
    expect(stored).toEqual({ cid: cid.toString(), identical: true, has: true })
  })

  it('the page logged no errors', () => {
    expect(pageErrors).toEqual([])
  })
})
