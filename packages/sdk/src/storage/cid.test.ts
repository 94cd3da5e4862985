import { unixfs } from '@helia/unixfs'
import fc from 'fast-check'
import { importer } from 'ipfs-unixfs-importer'
import { fixedSize } from 'ipfs-unixfs-importer/chunker'
import { balanced } from 'ipfs-unixfs-importer/layout'
import { CID as KuboCID } from 'kubo-rpc-client'
import { base36 } from 'multiformats/bases/base36'
import { base58btc } from 'multiformats/bases/base58'
import { CID } from 'multiformats/cid'
import * as Digest from 'multiformats/hashes/digest'
import { sha512 } from 'multiformats/hashes/sha2'
import { describe, expect, test } from 'vitest'
import { InvalidCidError, StorageAbortedError } from '../errors/storage.js'
import { cidProfile, computeCid, parseCid } from './cid.js'
import {
  generatedStream,
  pseudoRandomBytes,
  rawCid,
  rechunk,
  referenceCid,
  sha256,
  toWebStream,
} from './testing.js'

const MiB = 1024 * 1024

/** The independent importer: ipfs-unixfs-importer with every default written out (Kubo's). */
async function independentImporterCid(content: AsyncIterable<Uint8Array> | Uint8Array) {
  let root: CID | undefined
  const discard = { put: async (cid: CID) => cid }
  for await (const entry of importer([{ content }], discard, {
    cidVersion: 1,
    rawLeaves: true,
    reduceSingleLeafToSelf: true,
    wrapWithDirectory: false,
    leafType: 'file',
    fieldOrder: 'links-first',
    chunker: fixedSize({ chunkSize: 1_048_576 }),
    layout: balanced({ maxChildrenPerNode: 174 }),
  }))
    root = entry.cid
  return root as CID
}

describe('cidProfile', () => {
  test('pins Kubo `ipfs add --cid-version=1 --raw-leaves --chunker=size-1048576`', () => {
    expect(cidProfile).toMatchInlineSnapshot(`
      {
        "chunkSize": 1048576,
        "cidVersion": 1,
        "hashAlg": "sha2-256",
        "inline": false,
        "kuboAddArgs": [
          "--cid-version=1",
          "--hash=sha2-256",
          "--raw-leaves=true",
          "--chunker=size-1048576",
          "--trickle=false",
          "--max-file-links=174",
          "--wrap-with-directory=false",
          "--inline=false",
        ],
        "layout": "balanced",
        "maxChildrenPerNode": 174,
        "rawLeaves": true,
        "reduceSingleLeafToSelf": true,
        "wrapWithDirectory": false,
      }
    `)
    expect(Object.isFrozen(cidProfile)).toBe(true)
  })

  test('its Kubo flags say the same as its fields', () => {
    const flags = Object.fromEntries(
      cidProfile.kuboAddArgs.map((arg) => arg.slice(2).split('=') as [string, string]),
    )
    expect(flags).toEqual({
      'cid-version': String(cidProfile.cidVersion),
      hash: cidProfile.hashAlg,
      'raw-leaves': String(cidProfile.rawLeaves),
      chunker: `size-${cidProfile.chunkSize}`,
      trickle: String(cidProfile.layout !== 'balanced'),
      'max-file-links': String(cidProfile.maxChildrenPerNode),
      'wrap-with-directory': String(cidProfile.wrapWithDirectory),
      inline: String(cidProfile.inline),
    })
  })
})

describe('computeCid', () => {
  test('known vectors: empty file and a small file are raw sha2-256 CIDs (as Kubo gives)', async () => {
    expect((await computeCid(new Uint8Array(0))).toString()).toBe(
      'bafkreihdwdcefgh4dqkjv67uzcmw7ojee6xedzdetojuzjevtenxquvyku',
    )
    const hello = new TextEncoder().encode('hello')
    expect((await computeCid(hello)).toString()).toBe(
      'bafkreibm6jg3ux5qumhcn2b3flc3tyu6dmlb4xa7u5bf44yegnrjhc4yeq',
    )
    expect((await computeCid(hello)).equals(rawCid(hello))).toBe(true)
  })

  test('a file of exactly one chunk (1 MiB) is its raw leaf; one byte more is a dag-pb root', async () => {
    const oneChunk = pseudoRandomBytes(MiB, 3)
    const cid = await computeCid(oneChunk)
    expect(cid.equals(rawCid(oneChunk))).toBe(true)
    const twoChunks = pseudoRandomBytes(MiB + 1, 3)
    const root = await computeCid(twoChunks)
    expect(root.code).toBe(0x70)
    expect(root.version).toBe(1)
    expect(root.toString().startsWith('bafy')).toBe(true)
  })

  test.each([
    ['2.5 MiB', 2.5 * MiB],
    ['174 MiB (one full node)', 174 * MiB],
    ['175 MiB + 1 (two levels, a lone leaf under its own node)', 175 * MiB + 1],
  ])('%s equals the independent importer and a from-the-spec encoder', async (_, size) => {
    const bytes = () => generatedStream(size, 256 * 1024, 11)
    const ours = await computeCid(bytes())
    expect(ours.equals(await independentImporterCid(bytes()))).toBe(true)
    expect(ours.equals(await referenceCid(rechunk(bytes(), MiB)))).toBe(true)
  })

  test('174 links per node matters: @helia/unixfs defaults (1024) give another CID above 174 MiB', async () => {
    const size = 175 * MiB
    const bytes = () => generatedStream(size, MiB, 5)
    const ours = await computeCid(bytes())
    const discard = { get: () => [], has: () => false, put: async (cid: CID) => cid }
    const heliaDefault = await unixfs({ blockstore: discard as never }).addByteStream(bytes())
    expect(heliaDefault.equals(ours)).toBe(false)
    expect(ours.equals(await referenceCid(rechunk(bytes(), MiB), 174))).toBe(true)
  })

  test('property: the CID depends on the bytes only, not on how they are chunked or passed', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: 3 * MiB }),
        fc.array(fc.integer({ min: 1, max: 700_000 }), { minLength: 1, maxLength: 8 }),
        fc.integer({ min: 1, max: 1000 }),
        async (size, cuts, seed) => {
          const bytes = pseudoRandomBytes(size, seed)
          const chunks: Uint8Array[] = []
          for (let offset = 0, i = 0; offset < size; i++) {
            const take = cuts[i % cuts.length] as number
            chunks.push(bytes.subarray(offset, offset + take))
            offset += take
          }
          const expected = await computeCid(bytes)
          async function* iterable() {
            yield* chunks
          }
          expect((await computeCid(iterable())).equals(expected)).toBe(true)
          expect((await computeCid(toWebStream(iterable()))).equals(expected)).toBe(true)
          expect(expected.equals(await referenceCid(rechunk(iterable(), MiB)))).toBe(true)
        },
      ),
      { numRuns: 25 },
    )
  })

  test('an aborted signal stops it', async () => {
    const controller = new AbortController()
    controller.abort()
    await expect(
      computeCid(new Uint8Array(10), { signal: controller.signal }),
    ).rejects.toBeInstanceOf(StorageAbortedError)
  })
})

describe('parseCid', () => {
  const v1 = 'bafkreibm6jg3ux5qumhcn2b3flc3tyu6dmlb4xa7u5bf44yegnrjhc4yeq'

  test('accepts CIDv1 (base32, base36, base58btc) and CIDv0 strings', () => {
    const cid = parseCid(v1)
    expect(cid.toString()).toBe(v1)
    expect(parseCid(cid.toString(base36)).equals(cid)).toBe(true)
    const v0 = 'QmWATWQ7fVPP2EFGu71UkfnqhYXDYH566qy47CnJDgvs8u'
    expect(parseCid(v0).version).toBe(0)
    expect(parseCid(cid.toString(base58btc)).equals(cid)).toBe(true)
  })

  test('accepts CID objects, also from another copy of multiformats', () => {
    const cid = CID.parse(v1)
    expect(parseCid(cid)).toBe(cid)
    const foreign = KuboCID.parse(v1)
    expect(parseCid(foreign).equals(cid)).toBe(true)
    expect(parseCid(foreign)).toBeInstanceOf(CID)
  })

  test.each([
    ['empty', ''],
    ['garbage', 'not-a-cid'],
    ['truncated', v1.slice(0, -3)],
    ['one bad character', `${v1.slice(0, -1)}1`],
    ['whitespace', ` ${v1}`],
    ['unknown multibase', `x${v1.slice(1)}`],
    ['uppercase base32 without its prefix', v1.toUpperCase()],
    ['too long', `b${'a'.repeat(600)}`],
    ['a number', 42],
    ['null', null],
    ['undefined', undefined],
    ['an object', { cid: v1 }],
    ['bytes', CID.parse(v1).bytes],
  ])('rejects %s with InvalidCidError', (_, value) => {
    expect(() => parseCid(value)).toThrow(InvalidCidError)
  })

  test('rejects codecs and hashes it cannot verify', () => {
    const digest = sha256(new Uint8Array([1]))
    const dagCbor = CID.createV1(0x71, Digest.create(0x12, digest))
    expect(() => parseCid(dagCbor)).toThrow(/codec 0x71/)
    expect(() => parseCid(dagCbor.toString())).toThrow(InvalidCidError)
    const sha512Cid = CID.createV1(
      0x55,
      sha512.digest(new Uint8Array([1])) as Digest.Digest<19, number>,
    )
    expect(() => parseCid(sha512Cid.toString())).toThrow(/hash function 0x13/)
    const shortDigest = CID.createV1(0x55, Digest.create(0x12, digest.subarray(0, 20)))
    expect(() => parseCid(shortDigest)).toThrow(/20 bytes, not 32/)
  })

  test('error message says what to do and links the docs', () => {
    try {
      parseCid('nope')
      expect.unreachable()
    } catch (error) {
      expect(error).toBeInstanceOf(InvalidCidError)
      const typed = error as InvalidCidError
      expect(typed.name).toBe('InvalidCidError')
      expect(typed.docsPath).toBe('/reference/errors#invalidciderror')
      expect(typed.shortMessage).toBe(
        'Invalid CID "nope": it is not a valid CID string (base32 "b…", base36 "k…", base58btc "z…"/"Qm…").',
      )
      expect(typed.message).toContain('exactly as `put` returned it')
    }
  })

  test('property: any string either parses to a checked CID or throws InvalidCidError', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.string().map((s) => `b${s}`),
          fc.string().map((s) => `Qm${s}`),
          fc
            .constantFrom(v1)
            .chain((s) => fc.nat(s.length - 1).map((i) => `${s.slice(0, i)}${s.slice(i + 1)}`)),
        ),
        (value) => {
          try {
            const cid = parseCid(value)
            expect([0x55, 0x70]).toContain(cid.code)
          } catch (error) {
            expect(error).toBeInstanceOf(InvalidCidError)
          }
        },
      ),
      { numRuns: 500 },
    )
  })
})
