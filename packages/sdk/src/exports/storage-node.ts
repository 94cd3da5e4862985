// Public entry of `@medchain/sdk/storage/node`: the Node-only on-disk store (it imports
// `node:fs`), kept apart from `@medchain/sdk/storage` so browser bundles never pull it in.

export {
  type CreateFsStoreParameters,
  createFsStore,
  type FsRecordStore,
} from '../storage/fsStore.js'
