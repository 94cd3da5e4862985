import { MemoryBlockstore } from 'blockstore-core/memory'
import { CID } from 'multiformats/cid'
import * as Digest from 'multiformats/hashes/digest'
import { identity } from 'multiformats/hashes/identity'
import { describe, expect, test, vi } from 'vitest'
import {
  ContentIntegrityError,
  ContentNotFoundError,
  InvalidCidError,
  StorageAbortedError,
  StorageUnavailableError,
} from '../errors/storage.js'
import { rawCid } from './testing.js'
import { createVerifiedBlockstore, verifyBlock } from './verifiedBlockstore.js'

const bytes = new TextEncoder().encode('hello')
const cid = rawCid(bytes)

describe('verifyBlock', () => {
  test('accepts the bytes a CID names, rejects anything else', async () => {
    await expect(verifyBlock(cid, bytes)).resolves.toBeUndefined()
    const flipped = bytes.slice()
    flipped[0] = (flipped[0] as number) ^ 1
    await expect(verifyBlock(cid, flipped)).rejects.toBeInstanceOf(ContentIntegrityError)
    await expect(verifyBlock(cid, bytes.subarray(1))).rejects.toThrow(/4 bytes received/)
    await expect(verifyBlock(cid, new Uint8Array(0))).rejects.toBeInstanceOf(ContentIntegrityError)
  })

  test('without WebCrypto (insecure browser contexts) it verifies with @noble/hashes', async () => {
    vi.stubGlobal('crypto', undefined)
    try {
      expect(globalThis.crypto).toBeUndefined()
      await expect(verifyBlock(cid, bytes)).resolves.toBeUndefined()
      await expect(verifyBlock(cid, bytes.subarray(1))).rejects.toBeInstanceOf(
        ContentIntegrityError,
      )
    } finally {
      vi.unstubAllGlobals()
    }
    expect(globalThis.crypto?.subtle).toBeDefined()
  })

  test('identity CIDs verify against their inlined bytes', async () => {
    const inline = CID.createV1(0x55, identity.digest(bytes))
    await expect(verifyBlock(inline, bytes)).resolves.toBeUndefined()
    await expect(verifyBlock(inline, new Uint8Array([1]))).rejects.toBeInstanceOf(
      ContentIntegrityError,
    )
  })

  test('refuses CIDs it cannot verify', async () => {
    const unknownHash = CID.createV1(0x55, Digest.create(0xb220, new Uint8Array(32)))
    await expect(verifyBlock(unknownHash, bytes)).rejects.toBeInstanceOf(InvalidCidError)
  })
})

describe('createVerifiedBlockstore', () => {
  test('passes verified blocks from a real blockstore (chunked get) and the one-chunk get shape', async () => {
    const inner = new MemoryBlockstore()
    await inner.put(cid, [bytes.subarray(0, 2), bytes.subarray(2)])
    const verified = createVerifiedBlockstore(inner, { store: 'memory' })
    expect(await verified.getBlock(cid)).toEqual(bytes)
    const chunks: Uint8Array[] = []
    for await (const chunk of verified.get(cid)) chunks.push(chunk)
    expect(chunks).toEqual([bytes])
  })

  test('a block that does not match its CID never leaves it', async () => {
    const verified = createVerifiedBlockstore(
      { get: () => new TextEncoder().encode('hellO') },
      {
        store: 'test',
      },
    )
    const error = await verified.getBlock(cid).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ContentIntegrityError)
    expect((error as ContentIntegrityError).cid).toBe(cid.toString())
    expect((error as ContentIntegrityError).store).toBe('test')
  })

  test('oversized blocks are refused before hashing, even when streamed', async () => {
    async function* endless() {
      while (true) yield new Uint8Array(64 * 1024)
    }
    const verified = createVerifiedBlockstore(
      { get: () => endless() },
      {
        store: 'test',
        maxBlockBytes: 1024 * 1024,
      },
    )
    await expect(verified.getBlock(cid)).rejects.toThrow(/over the 1048576-byte limit/)
  })

  test('maps a store NotFoundError, other failures and aborts', async () => {
    const missing = createVerifiedBlockstore(new MemoryBlockstore(), { store: 'memory' })
    await expect(missing.getBlock(cid)).rejects.toBeInstanceOf(ContentNotFoundError)

    const broken = createVerifiedBlockstore(
      {
        get: () => {
          throw new Error('EIO: disk on fire')
        },
      },
      { store: 'disk' },
    )
    await expect(broken.getBlock(cid)).rejects.toBeInstanceOf(StorageUnavailableError)
    await expect(broken.getBlock(cid)).rejects.toThrow(/EIO: disk on fire/)

    const controller = new AbortController()
    const slow = createVerifiedBlockstore(
      {
        get: (_, options) =>
          new Promise((_, reject) =>
            options?.signal?.addEventListener('abort', () => reject(options.signal?.reason)),
          ),
      },
      { store: 'slow' },
    )
    const pending = slow.getBlock(cid, { signal: controller.signal })
    controller.abort()
    await expect(pending).rejects.toBeInstanceOf(StorageAbortedError)
  })

  test('checks the CID it is asked for', async () => {
    const verified = createVerifiedBlockstore(new MemoryBlockstore(), { store: 'memory' })
    await expect(verified.getBlock('nope' as never)).rejects.toBeInstanceOf(InvalidCidError)
  })
})
