// @medchain/sdk: the client, its actions and every error. Encryption and key providers are on
// `@medchain/sdk/crypto`, storage adapters on `@medchain/sdk/storage` and `@medchain/sdk/storage/node`.
// Named exports only; see docs/guides/client.md.

// Actions: audit
export {
  type GetAuditTimelineErrorType,
  type GetAuditTimelineParameters,
  type GetAuditTimelineReturnType,
  getAuditTimeline,
} from '../actions/audit/getAuditTimeline.js'
export {
  type AddScopeErrorType,
  type AddScopeParameters,
  type AddScopeReturnType,
  addScope,
} from '../actions/consent/addScope.js'
export {
  type CancelRequestErrorType,
  type CancelRequestParameters,
  type CancelRequestReturnType,
  cancelRequest,
} from '../actions/consent/cancelRequest.js'
// Actions: consent
export {
  type CheckAccessErrorType,
  type CheckAccessParameters,
  type CheckAccessReturnType,
  checkAccess,
} from '../actions/consent/checkAccess.js'
export {
  type DenyRequestErrorType,
  type DenyRequestParameters,
  type DenyRequestReturnType,
  denyRequest,
} from '../actions/consent/denyRequest.js'
export {
  type EmergencyAccessErrorType,
  type EmergencyAccessParameters,
  type EmergencyAccessReturnType,
  emergencyAccess,
} from '../actions/consent/emergencyAccess.js'
export {
  type GrantAccessErrorType,
  type GrantAccessParameters,
  type GrantAccessReturnType,
  grantAccess,
} from '../actions/consent/grantAccess.js'
export {
  type ListActiveGrantsErrorType,
  type ListActiveGrantsParameters,
  type ListActiveGrantsReturnType,
  listActiveGrants,
} from '../actions/consent/listActiveGrants.js'
export {
  type EmergencyKeyRequest,
  type ListEmergencyKeyRequestsErrorType,
  type ListEmergencyKeyRequestsParameters,
  type ListEmergencyKeyRequestsReturnType,
  listEmergencyKeyRequests,
} from '../actions/consent/listEmergencyKeyRequests.js'
export {
  type ListPatientsInCareErrorType,
  type ListPatientsInCareParameters,
  type ListPatientsInCareReturnType,
  listPatientsInCare,
  type PatientInCare,
} from '../actions/consent/listPatientsInCare.js'
export {
  type ListPendingRequestsErrorType,
  type ListPendingRequestsParameters,
  type ListPendingRequestsReturnType,
  listPendingRequests,
  type PendingRequest,
} from '../actions/consent/listPendingRequests.js'
export {
  type RelayDenyErrorType,
  type RelayDenyParameters,
  type RelayDenyReturnType,
  relayDeny,
} from '../actions/consent/relayDeny.js'
export {
  type RelayGrantErrorType,
  type RelayGrantParameters,
  type RelayGrantReturnType,
  relayGrant,
} from '../actions/consent/relayGrant.js'
export {
  type RelayRevokeErrorType,
  type RelayRevokeParameters,
  type RelayRevokeReturnType,
  relayRevoke,
} from '../actions/consent/relayRevoke.js'
export {
  type ReleaseEmergencyKeysErrorType,
  type ReleaseEmergencyKeysParameters,
  type ReleaseEmergencyKeysReturnType,
  releaseEmergencyKeys,
} from '../actions/consent/releaseEmergencyKeys.js'
export {
  type RequestAccessErrorType,
  type RequestAccessParameters,
  type RequestAccessReturnType,
  requestAccess,
} from '../actions/consent/requestAccess.js'
export {
  type RevokeAccessErrorType,
  type RevokeAccessParameters,
  type RevokeAccessReturnType,
  revokeAccess,
  type ScopeRotation,
} from '../actions/consent/revokeAccess.js'
export {
  type SetDelegateErrorType,
  type SetDelegateParameters,
  type SetDelegateReturnType,
  setDelegate,
} from '../actions/consent/setDelegate.js'
export {
  type SetEmergencyAccessErrorType,
  type SetEmergencyAccessParameters,
  type SetEmergencyAccessReturnType,
  setEmergencyAccess,
} from '../actions/consent/setEmergencyAccess.js'
export {
  type DenyMessage,
  type SignDenyErrorType,
  type SignDenyParameters,
  type SignDenyReturnType,
  signDeny,
} from '../actions/consent/signDeny.js'
export {
  type GrantMessage,
  type SignGrantErrorType,
  type SignGrantParameters,
  type SignGrantReturnType,
  signGrant,
} from '../actions/consent/signGrant.js'
export {
  type RevokeMessage,
  type RotateScopeKeyMessage,
  type SignedScopeKeyRotation,
  type SignRevokeErrorType,
  type SignRevokeParameters,
  type SignRevokeReturnType,
  signRevoke,
} from '../actions/consent/signRevoke.js'
// Actions: identity
export {
  type GetProfileErrorType,
  type GetProfileParameters,
  type GetProfileReturnType,
  getProfile,
} from '../actions/identity/getProfile.js'
export {
  type ListProvidersErrorType,
  type ListProvidersParameters,
  type ListProvidersReturnType,
  listProviders,
  type ProviderStatus,
  type RegisteredProvider,
} from '../actions/identity/listProviders.js'
export {
  type PatientProfile,
  type RegisterPatientErrorType,
  type RegisterPatientParameters,
  type RegisterPatientReturnType,
  registerPatient,
} from '../actions/identity/registerPatient.js'
export {
  type ProviderProfile,
  type RegisterProviderErrorType,
  type RegisterProviderParameters,
  type RegisterProviderReturnType,
  registerProvider,
} from '../actions/identity/registerProvider.js'
export {
  type RotateEncryptionKeyErrorType,
  type RotateEncryptionKeyParameters,
  type RotateEncryptionKeyReturnType,
  rotateEncryptionKey,
} from '../actions/identity/rotateEncryptionKey.js'
export {
  type SuspendProviderErrorType,
  type SuspendProviderParameters,
  type SuspendProviderReturnType,
  suspendProvider,
} from '../actions/identity/suspendProvider.js'
export {
  type VerifyProviderErrorType,
  type VerifyProviderParameters,
  type VerifyProviderReturnType,
  verifyProvider,
} from '../actions/identity/verifyProvider.js'
export type {
  MedChainEventLog,
  MedChainTransaction,
  WriteResult,
} from '../actions/internal/contract.js'
// Actions: records
export {
  type AnchorRecordErrorType,
  type AnchorRecordParameters,
  type AnchorRecordReturnType,
  anchorRecord,
  type RecordAnchor,
} from '../actions/records/anchorRecord.js'
export {
  type ListRecordsErrorType,
  type ListRecordsParameters,
  type ListRecordsReturnType,
  listRecords,
  type RecordHistoryEntry,
} from '../actions/records/listRecords.js'
export {
  type PublishRecordErrorType,
  type PublishRecordParameters,
  type PublishRecordReturnType,
  publishRecord,
} from '../actions/records/publishRecord.js'
export {
  type PublishProgress,
  type PublishRecordsErrorType,
  type PublishRecordsParameters,
  type PublishRecordsReturnType,
  publishRecords,
  type RecordData,
} from '../actions/records/publishRecords.js'
export {
  type ReadRecordErrorType,
  type ReadRecordParameters,
  type ReadRecordReturnType,
  readRecord,
} from '../actions/records/readRecord.js'
export {
  type RotateScopeKeyErrorType,
  type RotateScopeKeyParameters,
  type RotateScopeKeyReturnType,
  rotateScopeKey,
} from '../actions/records/rotateScopeKey.js'
export {
  type SupersedeRecordErrorType,
  type SupersedeRecordParameters,
  type SupersedeRecordReturnType,
  supersedeRecord,
} from '../actions/records/supersedeRecord.js'
// Audit types (shared with the FHIR mapping)
export type { ActiveGrant, AuditEntry, AuditEventKind } from '../audit/types.js'
// Client
export {
  type CreateMedChainClientParameters,
  createMedChainActionClient,
  createMedChainClient,
  MedChainClient,
} from '../client/createMedChainClient.js'
export {
  createMemoryPublishJournal,
  type PublishJournal,
  type PublishJournalEntry,
} from '../client/publishJournal.js'
export {
  createMedChainCache,
  type MedChainActionClient,
  type MedChainCache,
} from '../client/types.js'
// Errors
export { MedChainError, type MedChainErrorParameters } from '../errors/base.js'
export {
  AccountNotFoundError,
  type AccountNotFoundErrorType,
  ConsentExpiredError,
  type ConsentExpiredErrorType,
  ConsentRequiredError,
  type ConsentRequiredErrorType,
  ConsentRevokedError,
  type ConsentRevokedErrorType,
  ContentNotRetrievableError,
  type ContentNotRetrievableErrorType,
  DeploymentNotFoundError,
  type DeploymentNotFoundErrorType,
  InvalidRecordObjectError,
  type InvalidRecordObjectErrorType,
  NoEmergencyAccessError,
  type NoEmergencyAccessErrorType,
  PublishJournalError,
  type PublishJournalErrorType,
  RecordNotFoundError,
  type RecordNotFoundErrorType,
  ScopeKeyNotFoundError,
  type ScopeKeyNotFoundErrorType,
  TransactionRevertedError,
  type TransactionRevertedErrorType,
} from '../errors/client.js'
export {
  AlreadyRegisteredError,
  type ContractErrorParameters,
  decodeMedChainError,
  EmergencyAccessDisabledError,
  InvalidContractArgumentError,
  InvalidSignatureError,
  MedChainContractError,
  type MedChainContractErrorName,
  NotRegisteredError,
  ProviderNotVerifiedError,
  SignatureExpiredError,
  SignatureNonceError,
  StaleEpochError,
  StaleHeadError,
  toMedChainContractError,
  UnauthorizedAccountError,
  UnknownContractError,
  UnknownRequestError,
  UnknownScopeError,
} from '../errors/contract.js'
// Errors of encryption and storage (also on their subpaths), so one import catches everything.
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
