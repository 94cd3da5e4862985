import type { PublishJournal } from './publishJournal.js'

/**
 * The default store's journal: `createFilePublishJournal` at `path`, imported on first use (so
 * browser bundles, which pass their own store, never load `node:fs`).
 */
export function lazyFilePublishJournal(path: string): PublishJournal {
  let ready: Promise<PublishJournal> | undefined
  const journal = () =>
    (ready ??= import('../storage/filePublishJournal.js').then(({ createFilePublishJournal }) =>
      createFilePublishJournal({ path }),
    ))
  return {
    get: async (fingerprint) => (await journal()).get(fingerprint),
    set: async (fingerprint, entry) => (await journal()).set(fingerprint, entry),
    delete: async (fingerprint) => (await journal()).delete(fingerprint),
  }
}
