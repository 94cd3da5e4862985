import { describe, expect, test } from 'vitest'
import { MedChainError } from '../errors/base.js'
import {
  AttachmentIntegrityError,
  InvalidFhirResourceError,
  ScopeConflictError,
  UnknownScopeError,
  UnmappedResourceTypeError,
} from '../errors/fhir.js'

const errors = [
  new InvalidFhirResourceError({
    resourceType: 'Observation',
    issues: [{ path: 'Observation.code', message: 'required' }],
  }),
  new UnmappedResourceTypeError({ resourceType: 'Immunization' }),
  new ScopeConflictError({
    entries: [
      {
        path: 'Bundle.entry[0].resource',
        resourceType: 'Condition',
        scope: 2,
        scopeName: 'diagnoses',
      },
      {
        path: 'Bundle.entry[1].resource',
        resourceType: 'Observation',
        scope: 5,
        scopeName: 'lab-results',
      },
    ],
  }),
  new UnknownScopeError({ scope: 'allergies' }),
  new AttachmentIntegrityError({
    field: 'hash',
    expected: 'AAAA',
    actual: 'BBBB',
    path: 'DocumentReference.content[0].attachment',
  }),
]

describe('FHIR errors', () => {
  test('each has its own name, a docs anchor equal to its lowercased name, and a next step', () => {
    expect(errors.map((error) => error.name)).toEqual([
      'InvalidFhirResourceError',
      'UnmappedResourceTypeError',
      'ScopeConflictError',
      'UnknownScopeError',
      'AttachmentIntegrityError',
    ])
    for (const error of errors) {
      expect(error).toBeInstanceOf(MedChainError)
      expect(error.docsPath).toBe(`/reference/errors#${error.name.toLowerCase()}`)
      expect(error.metaMessages?.length).toBeGreaterThan(0)
    }
  })

  test('messages', () => {
    expect(errors.map((error) => error.shortMessage)).toEqual([
      'The record is not a valid FHIR R4 Observation: 1 problem.',
      'No MedChain scope holds FHIR resource type "Immunization".',
      "The Bundle's entries belong to different scopes: Bundle.entry[0].resource (Condition → diagnoses), Bundle.entry[1].resource (Observation → lab-results).",
      'Unknown MedChain scope "allergies".',
      'DocumentReference.content[0].attachment.hash (SHA-1) is AAAA but the data hashes to BBBB.',
    ])
  })

  test('long issue lists are cut in the message but kept in issues', () => {
    const issues = Array.from({ length: 25 }, (_, i) => ({
      path: `Bundle.entry[${i}]`,
      message: 'required',
    }))
    const error = new InvalidFhirResourceError({ resourceType: 'Bundle', issues })
    expect(error.issues).toHaveLength(25)
    expect(error.message).toContain('- and 5 more (see error.issues)')
    expect(error.message).not.toContain('Bundle.entry[20]')
  })
})
