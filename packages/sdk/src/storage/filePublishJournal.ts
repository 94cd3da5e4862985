import { createHmac, randomBytes, randomUUID } from 'node:crypto'
import { link, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises'
import { dirname, resolve } from 'node:path'
import type { PublishJournal, PublishJournalEntry } from '../client/publishJournal.js'
import { PublishJournalError } from '../errors/client.js'

/**
 * Parameters of {@link createFilePublishJournal}.
 *
 * @example
 * ```ts
 * import type { CreateFilePublishJournalParameters } from '@medchain/sdk/storage/node'
 *
 * const parameters: CreateFilePublishJournalParameters = { path: './.medchain/publish-journal.json', maxAgeDays: 7 }
 * ```
 */
export type CreateFilePublishJournalParameters = {
  /** The journal file (JSON, created on the first publish). */
  path: string
  /** The journal's secret (32 random bytes, hex, mode 0600). Default: `path` with `.key` for `.json`. */
  keyPath?: string | undefined
  /** Entries kept at most; the oldest go first. Default 1,000. */
  maxEntries?: number | undefined
  /** Days an entry is kept. Default 30. */
  maxAgeDays?: number | undefined
}

const version = 1
const day = 86_400_000

type StoredEntry = { cid: string; fromBlock: string; epoch?: number; savedAt: number }
type JournalFile = { version: 1; keyCheck: string; entries: Record<string, StoredEntry> }

/**
 * A {@link PublishJournal} in one JSON file, so a publish repeated after a restart finds the anchor
 * of the attempt whose response was lost. `createMedChainClient` uses one at
 * `<storagePath>/publish-journal.json` with its default on-disk store. The file holds no plaintext
 * and no plaintext hash: entries are keyed by an HMAC of the fingerprint under a random secret kept
 * in a separate key file, so the journal alone cannot confirm a guessed record. Writes replace the
 * file atomically (temp file, rename); each operation re-reads it, so clients of several processes
 * on one path see each other's entries. A damaged file, a missing key file or a key that does not
 * match throws `PublishJournalError` rather than forget what was published. Node only.
 *
 * @example
 * ```ts
 * import { createMedChainClient } from '@medchain/sdk'
 * import { createKuboStore } from '@medchain/sdk/storage'
 * import { createFilePublishJournal } from '@medchain/sdk/storage/node'
 *
 * const client = createMedChainClient({
 *   chain, transport, account, address, keyProvider,
 *   storage: createKuboStore({ url }),
 *   publishJournal: createFilePublishJournal({ path: './.medchain/publish-journal.json' }),
 * })
 * ```
 */
export function createFilePublishJournal(
  parameters: CreateFilePublishJournalParameters,
): PublishJournal {
  const path = resolve(parameters.path)
  const keyPath = resolve(parameters.keyPath ?? `${path.replace(/\.json$/, '')}.key`)
  // Bounded: the file is rewritten whole on every publish, and it only has to bridge the time
  // between a lost response and the repeat (minutes to days). A repeat after its entry is gone
  // anchors a new copy, like any new publish. The bound also limits how much publishing history
  // the file shows (how many publishes, when).
  const maxEntries = parameters.maxEntries ?? 1_000
  const maxAge = (parameters.maxAgeDays ?? 30) * day
  const fail = (reason: string, cause?: unknown) => new PublishJournalError({ path, reason, cause })
  let secret: Promise<Uint8Array> | undefined
  let queue: Promise<unknown> = Promise.resolve()

  const hmac = (key: Uint8Array, text: string) =>
    createHmac('sha256', key).update(text).digest('hex')
  const keyCheck = (key: Uint8Array) => hmac(key, 'medchain publish journal key check').slice(0, 16)

  async function readText(file: string): Promise<string | undefined> {
    try {
      return await readFile(file, 'utf8')
    } catch (error) {
      if ((error as { code?: unknown }).code === 'ENOENT') return undefined
      throw fail(`${file} could not be read`, error)
    }
  }

  function parseKey(text: string): Uint8Array {
    const hex = text.trim()
    if (!/^[0-9a-f]{64}$/.test(hex)) throw fail(`its key file ${keyPath} is not 32 bytes of hex`)
    return Buffer.from(hex, 'hex')
  }

  // The secret is created once, with the journal: a journal without its key cannot match entries.
  async function loadSecret(journalExists: boolean): Promise<Uint8Array> {
    const text = await readText(keyPath)
    if (text !== undefined) return parseKey(text)
    if (journalExists) throw fail(`its key file ${keyPath} is missing`)
    await mkdir(dirname(keyPath), { recursive: true })
    const temporary = `${keyPath}.${randomUUID()}.tmp`
    try {
      await writeFile(temporary, `${randomBytes(32).toString('hex')}\n`, {
        mode: 0o600,
        flush: true,
      })
      // link fails if another process created the key first: then both use that one.
      await link(temporary, keyPath).catch((error) => {
        if ((error as { code?: unknown }).code !== 'EEXIST') throw error
      })
    } catch (error) {
      throw fail(`its key file ${keyPath} could not be created`, error)
    } finally {
      await rm(temporary, { force: true }).catch(() => {})
    }
    return parseKey((await readText(keyPath)) ?? '')
  }

  function parseJournal(text: string): JournalFile {
    let parsed: unknown
    try {
      parsed = JSON.parse(text)
    } catch (cause) {
      throw fail('it is not valid JSON', cause)
    }
    const journal = parsed as Partial<JournalFile> | null
    const entries = journal?.entries
    const valid =
      journal?.version === version &&
      typeof journal.keyCheck === 'string' &&
      typeof entries === 'object' &&
      entries !== null &&
      !Array.isArray(entries) &&
      Object.values(entries).every(
        (entry) =>
          typeof entry?.cid === 'string' &&
          entry.cid.length > 0 &&
          typeof entry.fromBlock === 'string' &&
          /^\d+$/.test(entry.fromBlock) &&
          (entry.epoch === undefined || Number.isSafeInteger(entry.epoch)) &&
          Number.isFinite(entry.savedAt),
      )
    if (!valid) throw fail(`it is not a version ${version} publish journal`)
    return journal as JournalFile
  }

  /** The journal as it is on disk now (empty if there is none yet) and its secret. */
  async function load(): Promise<{ journal: JournalFile; key: Uint8Array }> {
    const text = await readText(path)
    const journal = text === undefined ? undefined : parseJournal(text)
    if (!secret) {
      const loading = loadSecret(journal !== undefined)
      secret = loading
      // A failure (missing key file) is not cached: the next call looks again.
      loading.catch(() => {
        if (secret === loading) secret = undefined
      })
    }
    const key = await secret
    if (journal && journal.keyCheck !== keyCheck(key))
      throw fail(`it was written with another key than ${keyPath}`)
    return { journal: journal ?? { version, keyCheck: keyCheck(key), entries: {} }, key }
  }

  async function save(journal: JournalFile): Promise<void> {
    const now = Date.now()
    const kept = Object.entries(journal.entries)
      .filter(([, entry]) => now - entry.savedAt <= maxAge)
      .sort(([, a], [, b]) => b.savedAt - a.savedAt)
      .slice(0, maxEntries)
    const text = `${JSON.stringify({ ...journal, entries: Object.fromEntries(kept) }, null, 2)}\n`
    const temporary = `${path}.${randomUUID()}.tmp`
    try {
      await mkdir(dirname(path), { recursive: true })
      await writeFile(temporary, text, { encoding: 'utf8', mode: 0o600, flush: true })
      await rename(temporary, path)
    } catch (error) {
      await rm(temporary, { force: true }).catch(() => {})
      throw fail('it could not be written', error)
    }
  }

  // One read-modify-write at a time in this process.
  const exclusive = <T>(operation: () => Promise<T>): Promise<T> => {
    const run = queue.then(operation)
    queue = run.catch(() => {})
    return run
  }

  return {
    async get(fingerprint) {
      const { journal, key } = await load()
      const entry = journal.entries[hmac(key, fingerprint)]
      if (!entry || Date.now() - entry.savedAt > maxAge) return undefined
      return {
        cid: entry.cid,
        fromBlock: BigInt(entry.fromBlock),
        epoch: entry.epoch,
      } satisfies PublishJournalEntry
    },
    set: (fingerprint, { cid, fromBlock, epoch }) =>
      exclusive(async () => {
        const { journal, key } = await load()
        journal.entries[hmac(key, fingerprint)] = {
          cid,
          fromBlock: fromBlock.toString(),
          ...(epoch === undefined ? {} : { epoch }),
          savedAt: Date.now(),
        }
        await save(journal)
      }),
    delete: (fingerprint) =>
      exclusive(async () => {
        const { journal, key } = await load()
        const id = hmac(key, fingerprint)
        if (!(id in journal.entries)) return
        delete journal.entries[id]
        await save(journal)
      }),
  }
}
