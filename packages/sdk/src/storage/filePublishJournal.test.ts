import { createHash } from 'node:crypto'
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { PublishJournalError } from '../errors/client.js'
import { createFilePublishJournal } from './filePublishJournal.js'

let directory: string
let path: string
beforeEach(async () => {
  directory = await mkdtemp(join(tmpdir(), 'medchain-journal-'))
  path = join(directory, 'publish-journal.json')
})
afterEach(() => rm(directory, { recursive: true, force: true }))

const fingerprint = (label: string) => createHash('sha256').update(label).digest('hex')
const entry = (n: number) => ({
  cid: `bafkreicid${n},bafkreiother${n}`,
  fromBlock: 10n ** 20n + BigInt(n),
})
const readJournal = async () =>
  JSON.parse(await readFile(path, 'utf8')) as {
    version: number
    keyCheck: string
    entries: Record<string, { cid: string; fromBlock: string; savedAt: number }>
  }

describe('createFilePublishJournal', () => {
  it('keeps entries across instances (a restart) and forgets deleted ones', async () => {
    const journal = createFilePublishJournal({ path })
    expect(await journal.get(fingerprint('a'))).toBeUndefined()
    await journal.set(fingerprint('a'), entry(1))
    await journal.set(fingerprint('b'), entry(2))
    const restarted = createFilePublishJournal({ path })
    expect(await restarted.get(fingerprint('a'))).toEqual(entry(1))
    expect(await restarted.get(fingerprint('b'))).toEqual(entry(2))
    expect(await restarted.get(fingerprint('c'))).toBeUndefined()
    await restarted.delete(fingerprint('a'))
    await restarted.delete(fingerprint('never set'))
    expect(await journal.get(fingerprint('a'))).toBeUndefined()
    expect(await journal.get(fingerprint('b'))).toEqual(entry(2))
  })

  it('writes one JSON file and a 0600 key file beside it, keyed by HMAC, never the fingerprint', async () => {
    const journal = createFilePublishJournal({ path })
    await journal.set(fingerprint('a'), entry(1))
    const text = await readFile(path, 'utf8')
    expect(text).not.toContain(fingerprint('a'))
    const { version, entries } = await readJournal()
    expect(version).toBe(1)
    const [key, only] = Object.entries(entries)[0]!
    expect(Object.keys(entries)).toHaveLength(1)
    expect(key).toMatch(/^[0-9a-f]{64}$/)
    expect(only).toMatchObject({ cid: entry(1).cid, fromBlock: entry(1).fromBlock.toString() })
    const keyFile = join(directory, 'publish-journal.key')
    expect((await readFile(keyFile, 'utf8')).trim()).toMatch(/^[0-9a-f]{64}$/)
    expect((await stat(keyFile)).mode & 0o777).toBe(0o600)
    // Another journal (another secret) files the same fingerprint under another key.
    const otherPath = join(directory, 'other.json')
    await createFilePublishJournal({ path: otherPath }).set(fingerprint('a'), entry(1))
    const otherKeys = Object.keys(JSON.parse(await readFile(otherPath, 'utf8')).entries)
    expect(otherKeys).toHaveLength(1)
    expect(otherKeys[0]).not.toBe(key)
  })

  it('keeps every entry of concurrent sets in one process', async () => {
    const journal = createFilePublishJournal({ path })
    await Promise.all(
      Array.from({ length: 20 }, (_, n) => journal.set(fingerprint(`${n}`), entry(n))),
    )
    expect(Object.keys((await readJournal()).entries)).toHaveLength(20)
    for (let n = 0; n < 20; n++) expect(await journal.get(fingerprint(`${n}`))).toEqual(entry(n))
  })

  it('two journals that start at once agree on one secret', async () => {
    const a = createFilePublishJournal({ path })
    const b = createFilePublishJournal({ path })
    await Promise.all([a.get(fingerprint('x')), b.get(fingerprint('x'))])
    await a.set(fingerprint('x'), entry(1))
    expect(await b.get(fingerprint('x'))).toEqual(entry(1))
  })

  it('keeps at most maxEntries, newest first', async () => {
    const journal = createFilePublishJournal({ path, maxEntries: 3 })
    for (let n = 0; n < 5; n++) {
      await journal.set(fingerprint(`${n}`), entry(n))
      await new Promise((resolve) => setTimeout(resolve, 2)) // distinct savedAt
    }
    expect(Object.keys((await readJournal()).entries)).toHaveLength(3)
    expect(await journal.get(fingerprint('0'))).toBeUndefined()
    expect(await journal.get(fingerprint('1'))).toBeUndefined()
    for (const n of [2, 3, 4]) expect(await journal.get(fingerprint(`${n}`))).toEqual(entry(n))
  })

  it('forgets entries older than maxAgeDays and drops them on the next write', async () => {
    const journal = createFilePublishJournal({ path, maxAgeDays: 30 })
    await journal.set(fingerprint('old'), entry(1))
    await journal.set(fingerprint('recent'), entry(2))
    const file = await readJournal()
    const oldKey = Object.keys(file.entries).find((key) => file.entries[key]!.cid === entry(1).cid)
    file.entries[oldKey!]!.savedAt = Date.now() - 31 * 86_400_000
    file.entries[Object.keys(file.entries).find((k) => k !== oldKey)!]!.savedAt =
      Date.now() - 29 * 86_400_000
    await writeFile(path, JSON.stringify(file))
    expect(await journal.get(fingerprint('old'))).toBeUndefined()
    expect(await journal.get(fingerprint('recent'))).toEqual(entry(2))
    await journal.set(fingerprint('new'), entry(3))
    expect(Object.keys((await readJournal()).entries)).toHaveLength(2)
    expect(JSON.stringify(await readJournal())).not.toContain(entry(1).cid)
  })

  describe('a damaged journal throws PublishJournalError and is left as it is', () => {
    const keyFile = () => join(directory, 'publish-journal.key')
    const damage = async (mutate: () => Promise<void>) => {
      await rm(path, { force: true })
      await rm(keyFile(), { force: true })
      const journal = createFilePublishJournal({ path })
      await journal.set(fingerprint('a'), entry(1))
      await mutate()
      const before = await readFile(path, 'utf8').catch(() => undefined)
      const restarted = createFilePublishJournal({ path })
      const errors = await Promise.all([
        restarted.get(fingerprint('a')).catch((error: unknown) => error),
        restarted.set(fingerprint('b'), entry(2)).catch((error: unknown) => error),
      ])
      expect(await readFile(path, 'utf8').catch(() => undefined)).toBe(before)
      for (const error of errors) {
        expect(error).toBeInstanceOf(PublishJournalError)
        expect((error as PublishJournalError).name).toBe('PublishJournalError')
        expect((error as PublishJournalError).path).toBe(path)
        expect((error as PublishJournalError).docsPath).toBe(
          '/reference/errors#publishjournalerror',
        )
      }
      return (errors[0] as PublishJournalError).shortMessage
    }

    it('not JSON', async () => {
      expect(await damage(() => writeFile(path, '{"version":1,"keyC'))).toBe(
        `The publish journal ${path} cannot be used: it is not valid JSON.`,
      )
    })

    it('another version or shape', async () => {
      const rewrite = (change: (file: object) => object) => async () =>
        writeFile(path, JSON.stringify(change(await readJournal())))
      const wrongShape = `The publish journal ${path} cannot be used: it is not a version 1 publish journal.`
      expect(await damage(rewrite((file) => ({ ...file, version: 2 })))).toBe(wrongShape)
      expect(await damage(rewrite((file) => ({ ...file, entries: [] })))).toBe(wrongShape)
      expect(
        await damage(
          rewrite((file) => ({ ...file, entries: { x: { cid: 'bafk', fromBlock: 1 } } })),
        ),
      ).toBe(wrongShape)
      expect(await damage(() => writeFile(path, 'null'))).toBe(wrongShape)
    })

    it('its key file missing', async () => {
      expect(await damage(() => rm(keyFile()))).toBe(
        `The publish journal ${path} cannot be used: its key file ${keyFile()} is missing.`,
      )
    })

    it('its key file replaced', async () => {
      expect(await damage(() => writeFile(keyFile(), `${'ab'.repeat(32)}\n`))).toBe(
        `The publish journal ${path} cannot be used: it was written with another key than ${keyFile()}.`,
      )
      expect(await damage(() => writeFile(keyFile(), 'not a key'))).toBe(
        `The publish journal ${path} cannot be used: its key file ${keyFile()} is not 32 bytes of hex.`,
      )
    })
  })
})
