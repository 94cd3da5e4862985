// Public entry of `@medchain/sdk/storage/node`: the Node-only on-disk store and publish journal
// (they import `node:fs`), kept apart from `@medchain/sdk/storage` so browser bundles never pull
// them in.

export {
  type CreateFilePublishJournalParameters,
  createFilePublishJournal,
} from '../storage/filePublishJournal.js'
export {
  type CreateFsStoreParameters,
  createFsStore,
  type FsRecordStore,
} from '../storage/fsStore.js'
