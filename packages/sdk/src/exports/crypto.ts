// @medchain/sdk/crypto: client-side encryption (envelope format v1), key hierarchy and key providers.
// Named exports only; see docs/concepts/envelope-format.md and docs/concepts/key-hierarchy.md.

export { encodeRecordContext, type RecordContext } from '../crypto/envelope/context.js'
export {
  type DecryptEnvelopeErrorType,
  type DecryptEnvelopeParameters,
  decryptEnvelope,
} from '../crypto/envelope/decryptEnvelope.js'
export { type DecryptStreamParameters, decryptStream } from '../crypto/envelope/decryptStream.js'
// Envelope (records)
export {
  type EncryptEnvelopeErrorType,
  type EncryptEnvelopeParameters,
  type EncryptEnvelopeReturnType,
  encryptEnvelope,
} from '../crypto/envelope/encryptEnvelope.js'
export {
  type EncryptStreamParameters,
  type EncryptStreamReturnType,
  encryptStream,
} from '../crypto/envelope/encryptStream.js'
export { decodeEnvelopeHeader, type EnvelopeHeader } from '../crypto/envelope/format.js'
export type { DecryptOptions } from '../crypto/envelope/opener.js'
export { padme } from '../crypto/envelope/padding.js'
export type { EncryptOptions, Progress } from '../crypto/envelope/sealer.js'

// Keys
export { generateEncryptionKeyPair } from '../crypto/hpke/x25519.js'
// Errors
export {
  CryptoAbortedError,
  DecryptionFailedError,
  EnvelopeTooLargeError,
  InvalidBytesError,
  InvalidEnvelopeHeaderError,
  InvalidKeyEnvelopeError,
  InvalidKeyEpochError,
  InvalidKeyLengthError,
  InvalidKeystoreError,
  InvalidPaddingError,
  InvalidPublicKeyError,
  InvalidRecordContextError,
  InvalidSegmentSizeError,
  InvalidWalletSignatureError,
  InvalidWrappedKeyError,
  KeyCommitmentMismatchError,
  KeyEnvelopeContextMismatchError,
  KeyProviderRequestError,
  KeystoreDecryptionFailedError,
  KeystoreFileError,
  KeyUnwrapFailedError,
  NonDeterministicWalletError,
  RecordContextMismatchError,
  TruncatedEnvelopeError,
  UnsupportedEnvelopeSuiteError,
  UnsupportedEnvelopeVersionError,
  UnsupportedKeyEnvelopeVersionError,
  UnsupportedRuntimeError,
  UnsupportedWrapAlgorithmError,
  WrongRecipientError,
} from '../errors/crypto.js'
export { recordKeyBinding, scopeKeyBinding } from '../keys/bindings.js'
export { type CreateKeyEnvelopeParameters, createKeyEnvelope } from '../keys/createKeyEnvelope.js'
export { destroyScopeKey } from '../keys/destroyScopeKey.js'
export { generateScopeKey } from '../keys/generateScopeKey.js'
export {
  decodeKeyEnvelope,
  encodeKeyEnvelope,
  type KeyEnvelope,
  type KeyEnvelopeRecordKey,
  type KeyEnvelopeScopeKey,
} from '../keys/keyEnvelope.js'
export {
  type DecryptKeystoreParameters,
  decryptKeystore,
  type EncryptKeystoreParameters,
  encryptKeystore,
  type KeystoreScryptParameters,
  type LoadKeystoreParameters,
  loadKeystore,
  type SaveKeystoreParameters,
  saveKeystore,
} from '../keys/keystore.js'
export {
  type Eip1193Requester,
  type MetaMaskLegacyKeyProviderParameters,
  metamaskLegacyKeyProvider,
} from '../keys/metamaskLegacyKeyProvider.js'
export {
  type OpenKeyEnvelopeParameters,
  type OpenKeyEnvelopeReturnType,
  openKeyEnvelope,
} from '../keys/openKeyEnvelope.js'
// Key providers
export { type RawKeyProviderParameters, rawKeyProvider } from '../keys/rawKeyProvider.js'
export {
  type ReencryptRecordParameters,
  type ReencryptRecordReturnType,
  reencryptRecord,
} from '../keys/reencryptRecord.js'
export {
  type RotateScopeKeyParameters,
  type RotateScopeKeyReturnType,
  rotateScopeKey,
} from '../keys/rotateScopeKey.js'
export type {
  EncryptionRecipient,
  HpkeWrappedKey,
  KeyProvider,
  KeyProviderKind,
  MetaMaskWrappedKey,
  UnwrapKeyParameters,
  WrapAlgorithm,
  WrappedKey,
} from '../keys/types.js'
export { type UnwrapDataKeyParameters, unwrapDataKey } from '../keys/unwrapDataKey.js'
export {
  type TypedDataSigner,
  type WalletSignatureKeyProviderParameters,
  walletKeyMessage,
  walletKeyTypedData,
  walletSignatureKeyProvider,
} from '../keys/walletSignatureKeyProvider.js'
export { type WrapDataKeyParameters, wrapDataKey } from '../keys/wrapDataKey.js'
export { type WrapKeyParameters, wrapKey } from '../keys/wrapKey.js'
