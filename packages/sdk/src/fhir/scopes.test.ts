import { describe, expect, test } from 'vitest'
import { ScopeConflictError, UnknownScopeError, UnmappedResourceTypeError } from '../errors/fhir.js'
import { medChainScopes, resolveScope, scopeForResource } from './scopes.js'
import { examples } from './testing.js'

const bundle = (...resources: object[]) => ({
  resourceType: 'Bundle',
  type: 'collection',
  entry: resources.map((resource) => ({ resource })),
})

describe('medChainScopes', () => {
  test('matches the ids and names the contract seeds', () => {
    expect(medChainScopes.map((s) => `${s.id} ${s.name}: ${s.resourceTypes.join(', ')}`)).toEqual([
      '1 profile: Patient',
      '2 diagnoses: Condition',
      '3 treatments: Procedure, CarePlan',
      '4 prescriptions: MedicationRequest',
      '5 lab-results: Observation, DiagnosticReport',
      '6 imaging: ImagingStudy',
      '7 documents: DocumentReference',
    ])
  })
})

describe('resolveScope', () => {
  test('by name, id, id string and object', () => {
    expect(resolveScope('lab-results').id).toBe(5)
    expect(resolveScope(6).name).toBe('imaging')
    expect(resolveScope('7').name).toBe('documents')
    expect(resolveScope(medChainScopes[0]).name).toBe('profile')
  })

  test('custom scopes by name and id', () => {
    const customs = [{ id: 8, name: 'allergies', resourceTypes: ['AllergyIntolerance'] }]
    expect(resolveScope('allergies', customs)).toEqual({
      id: 8,
      name: 'allergies',
      label: 'allergies',
      resourceTypes: ['AllergyIntolerance'],
    })
    expect(resolveScope(8, customs).name).toBe('allergies')
  })

  test('unknown scopes and malformed custom scopes throw UnknownScopeError', () => {
    expect(() => resolveScope('allergies')).toThrowError(UnknownScopeError)
    expect(() => resolveScope('allergies')).toThrowError('Unknown MedChain scope "allergies".')
    expect(() => resolveScope(0)).toThrowError('Unknown MedChain scope 0.')
    expect(() => resolveScope(8, [{ id: 7, name: 'x' }])).toThrowError(
      'Unknown MedChain scope 7: custom scope ids are integers 8-255.',
    )
    expect(() => resolveScope(8, [{ id: 8, name: 'imaging' }])).toThrowError(
      'Unknown MedChain scope "imaging": custom scope 8 reuses the name of seeded scope 6.',
    )
  })
})

describe('scopeForResource', () => {
  test.each([
    ['Patient', 1],
    ['Condition', 2],
    ['Procedure', 3],
    ['CarePlan', 3],
    ['MedicationRequest', 4],
    ['Observation', 5],
    ['DiagnosticReport', 5],
    ['ImagingStudy', 6],
    ['DocumentReference', 7],
  ] as const)('%s → %i', (type, id) => {
    expect(scopeForResource(examples[type])).toBe(id)
  })

  test('a DocumentReference of DICOM files goes to imaging', () => {
    const dicom = {
      resourceType: 'DocumentReference',
      status: 'current',
      content: [{ attachment: { contentType: 'application/dicom', data: 'AAAA' } }],
    }
    expect(scopeForResource(dicom)).toBe(6)
  })

  test('unmapped types throw UnmappedResourceTypeError; custom scopes map them', () => {
    const allergy = { resourceType: 'AllergyIntolerance', patient: { reference: 'Patient/1' } }
    expect(() => scopeForResource(allergy)).toThrowError(UnmappedResourceTypeError)
    expect(() => scopeForResource(allergy)).toThrowError(
      'No MedChain scope holds FHIR resource type "AllergyIntolerance".',
    )
    const customScopes = [{ id: 9, name: 'allergies', resourceTypes: ['AllergyIntolerance'] }]
    expect(scopeForResource(allergy, { customScopes })).toBe(9)
  })

  test('custom scopes do not take seeded types; an explicit scope does', () => {
    const customScopes = [{ id: 10, name: 'mental-health', resourceTypes: ['Condition'] }]
    expect(scopeForResource(examples.Condition, { customScopes })).toBe(2)
    expect(scopeForResource(examples.Condition, { customScopes, scope: 'mental-health' })).toBe(10)
  })

  test('a Bundle maps to the one scope of its entries; supporting resources follow', () => {
    const labs = bundle(
      examples.Observation,
      { resourceType: 'Practitioner', name: [{ family: 'Ng' }] },
      examples.DiagnosticReport,
      bundle(examples.Observation),
    )
    expect(scopeForResource(labs)).toBe(5)
  })

  test('a Bundle of only supporting resources has no scope', () => {
    expect(() =>
      scopeForResource(bundle({ resourceType: 'Organization', name: 'Clinic' })),
    ).toThrowError(
      'No MedChain scope holds FHIR resource type "Organization" (at Bundle.entry[0].resource).',
    )
    expect(() => scopeForResource(bundle())).toThrowError(UnmappedResourceTypeError)
  })

  test('an unmapped entry names its path', () => {
    expect(() =>
      scopeForResource(bundle(examples.Observation, { resourceType: 'Immunization' })),
    ).toThrowError(
      'No MedChain scope holds FHIR resource type "Immunization" (at Bundle.entry[1].resource).',
    )
  })

  test('a Bundle whose entries map to different scopes throws ScopeConflictError naming them', () => {
    const mixed = bundle(
      examples.Condition,
      examples.Observation,
      examples.Condition,
      examples.Patient,
    )
    let error: unknown
    try {
      scopeForResource(mixed)
    } catch (e) {
      error = e
    }
    expect(error).toBeInstanceOf(ScopeConflictError)
    expect((error as ScopeConflictError).shortMessage).toBe(
      "The Bundle's entries belong to different scopes: Bundle.entry[0].resource (Condition → diagnoses), Bundle.entry[1].resource (Observation → lab-results), Bundle.entry[3].resource (Patient → profile).",
    )
    expect((error as ScopeConflictError).entries.map((e) => e.scope)).toEqual([2, 5, 1])
  })

  test('an explicit scope overrides a conflict', () => {
    const mixed = bundle(examples.Condition, examples.Observation)
    expect(scopeForResource(mixed, { scope: 'documents' })).toBe(7)
    expect(() => scopeForResource(mixed, { scope: 'nope' })).toThrowError(UnknownScopeError)
  })
})
