import { expect, test } from 'vitest'

test('exports', async () => {
  expect(Object.keys(await import('./fhir.js')).sort()).toMatchInlineSnapshot(`
    [
      "AttachmentIntegrityError",
      "InvalidFhirResourceError",
      "ScopeConflictError",
      "UnknownScopeError",
      "UnmappedResourceTypeError",
      "auditEventKindMapping",
      "createDocumentReference",
      "emergencyPurposeCodings",
      "extractAttachment",
      "fhirSystems",
      "medChainScopes",
      "purposeOfUseCodes",
      "resolveScope",
      "scopeForResource",
      "supportingResourceTypes",
      "toFhirAuditEvent",
      "toFhirConsent",
      "validateFhirRecord",
    ]
  `)
})
