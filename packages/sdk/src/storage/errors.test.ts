import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, test } from 'vitest'
import { MedChainError } from '../errors/base.js'
import {
  CidMismatchError,
  ContentIntegrityError,
  ContentNotFoundError,
  InvalidCidError,
  InvalidStorageInputError,
  StorageAbortedError,
  StorageUnavailableError,
  UnsupportedContentError,
} from '../errors/storage.js'

const cid = 'bafkreibm6jg3ux5qumhcn2b3flc3tyu6dmlb4xa7u5bf44yegnrjhc4yeq'

const errors = [
  new InvalidCidError({ value: 'x', reason: 'it is not a valid CID string' }),
  new ContentNotFoundError({ cid, store: 'memory store' }),
  new ContentIntegrityError({ cid, store: 'memory store', reason: 'sha2-256 differs' }),
  new StorageUnavailableError({ store: 'Kubo RPC at http://127.0.0.1:5001', reason: 'refused' }),
  new StorageAbortedError({ operation: 'get' }),
  new UnsupportedContentError({ cid, reason: 'it is a directory' }),
  new CidMismatchError({ expected: cid, actual: 'bafy-other', store: 'Kubo RPC' }),
  new InvalidStorageInputError({ received: 'text' }),
]

describe('storage errors', () => {
  test('each has its own name, a docs anchor equal to its lowercased name, and a next step', () => {
    expect(errors.map((error) => error.name)).toEqual([
      'InvalidCidError',
      'ContentNotFoundError',
      'ContentIntegrityError',
      'StorageUnavailableError',
      'StorageAbortedError',
      'UnsupportedContentError',
      'CidMismatchError',
      'InvalidStorageInputError',
    ])
    for (const error of errors) {
      expect(error).toBeInstanceOf(MedChainError)
      expect(error).toBeInstanceOf(Error)
      expect(error.docsPath).toBe(`/reference/errors#${error.name.toLowerCase()}`)
      expect(error.metaMessages?.length).toBeGreaterThan(0)
      expect(error.message).toContain(`https://medchain.dev${error.docsPath}`)
    }
  })

  test('each has a "### Name" section under "## Storage errors" in docs/reference/errors.md', () => {
    const page = readFileSync(
      fileURLToPath(new URL('../../../../docs/reference/errors.md', import.meta.url)),
      'utf8',
    )
    const start = page.indexOf('## Storage errors')
    const end = page.indexOf('\n## ', start + 1)
    const section = page.slice(start, end < 0 ? undefined : end)
    const headings = [...section.matchAll(/^### (\w+)$/gm)].map((match) => match[1])
    expect(headings).toEqual(errors.map((error) => error.name))
    for (const error of errors)
      expect(section).toMatch(
        new RegExp(`### ${error.name}\\n\\n\\*\\*Cause:\\*\\*[\\s\\S]+?\\*\\*Fix:\\*\\*`),
      )
  })

  test('messages', () => {
    expect(errors.map((error) => error.shortMessage)).toMatchInlineSnapshot(`
      [
        "Invalid CID "x": it is not a valid CID string.",
        "Block bafkreibm6jg3ux5qumhcn2b3flc3tyu6dmlb4xa7u5bf44yegnrjhc4yeq was not found in memory store.",
        "Block bafkreibm6jg3ux5qumhcn2b3flc3tyu6dmlb4xa7u5bf44yegnrjhc4yeq from memory store failed verification: sha2-256 differs.",
        "Kubo RPC at http://127.0.0.1:5001 is unavailable: refused.",
        "The storage operation "get" was aborted.",
        "bafkreibm6jg3ux5qumhcn2b3flc3tyu6dmlb4xa7u5bf44yegnrjhc4yeq cannot be read as a record: it is a directory.",
        "Kubo RPC stored the content as bafy-other, but the local CID is bafkreibm6jg3ux5qumhcn2b3flc3tyu6dmlb4xa7u5bf44yegnrjhc4yeq.",
        "Expected bytes to store, received "text".",
      ]
    `)
  })

  test('a full message', () => {
    const error = new ContentIntegrityError({
      cid,
      store: 'gateway http://127.0.0.1:8080',
      reason: 'sha2-256 of the 5 bytes received does not match the CID',
      cause: new Error('mismatch'),
    })
    expect(error.message).toMatchInlineSnapshot(`
      "Block bafkreibm6jg3ux5qumhcn2b3flc3tyu6dmlb4xa7u5bf44yegnrjhc4yeq from gateway http://127.0.0.1:8080 failed verification: sha2-256 of the 5 bytes received does not match the CID.

      The bytes were rejected and not returned. Read the CID from another store or gateway.
      If this is your own on-disk store, its file is corrupted: restore it from a backup or re-put the record.

      Docs: https://medchain.dev/reference/errors#contentintegrityerror

      Details: mismatch"
    `)
    expect(error.cid).toBe(cid)
    expect(error.store).toBe('gateway http://127.0.0.1:8080')
    expect(error.details).toBe('mismatch')
  })

  test('long or odd values are shortened in messages', () => {
    expect(new InvalidCidError({ value: 'b'.repeat(1000), reason: 'too long' }).value.length).toBe(
      120,
    )
    expect(new InvalidCidError({ value: new Uint8Array(4), reason: 'x' }).value).toBe(
      'Uint8Array(4)',
    )
    expect(new InvalidStorageInputError({ received: { a: 1 } }).shortMessage).toBe(
      'Expected bytes to store, received [object Object].',
    )
  })
})
