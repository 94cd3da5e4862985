// Public entry of `@medchain/sdk/storage`: browser-safe (no Node-only module is imported from
// here). The on-disk store is in `./storage-node.ts` (`@medchain/sdk/storage/node`).

export {
  CidMismatchError,
  type CidMismatchErrorType,
  ContentIntegrityError,
  type ContentIntegrityErrorType,
  ContentNotFoundError,
  type ContentNotFoundErrorType,
  InvalidCidError,
  type InvalidCidErrorType,
  InvalidStorageInputError,
  type InvalidStorageInputErrorType,
  StorageAbortedError,
  type StorageAbortedErrorType,
  StorageUnavailableError,
  type StorageUnavailableErrorType,
  UnsupportedContentError,
  type UnsupportedContentErrorType,
} from '../errors/storage.js'
export { cidProfile, computeCid, parseCid } from '../storage/cid.js'
export {
  type CreateGatewayReaderParameters,
  createGatewayReader,
} from '../storage/gatewayStore.js'
export {
  type CreateKuboStoreParameters,
  createKuboStore,
  type KuboClient,
} from '../storage/kuboStore.js'
export { createMemoryStore } from '../storage/memoryStore.js'
export type {
  CidInput,
  GcResult,
  LocalRecordStore,
  PutInput,
  PutOptions,
  RecordReader,
  RecordStore,
  SignalOptions,
  StorageOptions,
  StorageProgress,
} from '../storage/types.js'
export {
  type CreateUnixfsStoreParameters,
  createUnixfsStore,
  type PinStore,
} from '../storage/unixfsStore.js'
export {
  type BlockBytes,
  type BlockGetter,
  createVerifiedBlockstore,
  type VerifiedBlockstore,
  type VerifiedBlockstoreOptions,
  verifyBlock,
} from '../storage/verifiedBlockstore.js'
