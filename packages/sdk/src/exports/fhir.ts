// Public entry of `@medchain/sdk/fhir`: FHIR R4 records (validation, scope mapping, files as
// DocumentReference) and the FHIR export of the on-chain audit trail (AuditEvent, Consent).
// Browser-safe; named exports only. See docs/guides/fhir.md.

export {
  type AuditEventKindMapping,
  auditEventKindMapping,
  toFhirAuditEvent,
} from '../audit/toFhirAuditEvent.js'
export { type ToFhirConsentContext, toFhirConsent } from '../audit/toFhirConsent.js'
export {
  AttachmentIntegrityError,
  type AttachmentIntegrityErrorType,
  type FhirIssue,
  InvalidFhirResourceError,
  type InvalidFhirResourceErrorType,
  type ScopeConflictEntry,
  ScopeConflictError,
  type ScopeConflictErrorType,
  UnknownScopeError,
  type UnknownScopeErrorType,
  UnmappedResourceTypeError,
  type UnmappedResourceTypeErrorType,
} from '../errors/fhir.js'
export {
  emergencyPurposeCodings,
  type FhirExportContext,
  fhirSystems,
  purposeOfUseCodes,
} from '../fhir/codes.js'
export {
  type CreateDocumentReferenceParameters,
  createDocumentReference,
  type ExtractAttachmentOptions,
  type ExtractedAttachment,
  extractAttachment,
} from '../fhir/documentReference.js'
export {
  type CustomScope,
  type FhirResourceLike,
  type MedChainScope,
  medChainScopes,
  resolveScope,
  type ScopeForResourceOptions,
  type ScopeInput,
  scopeForResource,
  supportingResourceTypes,
} from '../fhir/scopes.js'
export {
  type CheckedFhirResource,
  type FhirRecord,
  validateFhirRecord,
} from '../fhir/validateFhirRecord.js'
