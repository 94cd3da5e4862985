/**
 * A publish that stored its records and was about to anchor them: the CIDs of the stored record
 * objects (comma-separated, in batch order), the block from which to look for their anchor and the
 * scope-key epoch they were sealed under (so a repeat can anchor the same objects again).
 *
 * @example
 * ```ts
 * import type { PublishJournalEntry } from '@medchain/sdk'
 *
 * const entry: PublishJournalEntry = { cid: 'bafk...,bafk...', fromBlock: 1_234n, epoch: 1 }
 * ```
 */
export type PublishJournalEntry = { cid: string; fromBlock: bigint; epoch?: number | undefined }

/**
 * Where `publishRecords` remembers its attempts, by a fingerprint of patient, scope, supersedes and
 * the plaintexts, so a repeated publish of the same records finds the anchor of an earlier attempt
 * (`alreadyAnchored: true`) instead of anchoring a second copy. Encryption is fresh on every
 * attempt, so only this journal can tie a repeat to the CIDs of the first one. In memory
 * ({@link createMemoryPublishJournal}) it covers repeats in one process; on disk
 * (`createFilePublishJournal` from `@medchain/sdk/storage/node`) it also covers a restart.
 * Implementations must not store the fingerprint itself where others can read it: it is derived
 * from the plaintexts.
 *
 * @example
 * ```ts
 * import type { PublishJournal } from '@medchain/sdk'
 *
 * const entries = new Map<string, PublishJournalEntry>()
 * const journal: PublishJournal = {
 *   get: async (fingerprint) => entries.get(fingerprint),
 *   set: async (fingerprint, entry) => void entries.set(fingerprint, entry),
 *   delete: async (fingerprint) => void entries.delete(fingerprint),
 * }
 * ```
 */
export type PublishJournal = {
  get(fingerprint: string): Promise<PublishJournalEntry | undefined>
  set(fingerprint: string, entry: PublishJournalEntry): Promise<void>
  delete(fingerprint: string): Promise<void>
}

/**
 * A {@link PublishJournal} in memory: repeats in the same client find their earlier attempt; a
 * restart forgets them. The default when the client is given its own `storage`.
 *
 * @example
 * ```ts
 * import { createMedChainClient, createMemoryPublishJournal } from '@medchain/sdk'
 *
 * const client = createMedChainClient({ chain, transport, account, address, keyProvider, publishJournal: createMemoryPublishJournal() })
 * ```
 */
export function createMemoryPublishJournal(): PublishJournal {
  const entries = new Map<string, PublishJournalEntry>()
  return {
    get: async (fingerprint) => entries.get(fingerprint),
    set: async (fingerprint, entry) => void entries.set(fingerprint, entry),
    delete: async (fingerprint) => void entries.delete(fingerprint),
  }
}
