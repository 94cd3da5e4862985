import { describe, expect, test } from 'vitest'
import { type FhirIssue, InvalidFhirResourceError } from '../errors/fhir.js'
import { examples } from './testing.js'
import { validateFhirRecord } from './validateFhirRecord.js'

function issuesOf(value: unknown): string[] {
  try {
    validateFhirRecord(value)
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidFhirResourceError)
    return (error as InvalidFhirResourceError).issues.map(
      (i: FhirIssue) => `${i.path}: ${i.message}`,
    )
  }
  return []
}

const clone = <T>(value: T): Record<string, unknown> =>
  structuredClone(value) as Record<string, unknown>
const without = (value: object, key: string) => {
  const copy = clone(value)
  delete copy[key]
  return copy
}

describe('validateFhirRecord: valid examples', () => {
  test.each(Object.entries(examples))('%s', (_type, resource) => {
    expect(validateFhirRecord(structuredClone(resource))).toEqual(resource)
  })

  test('a Bundle of entries, each validated', () => {
    const bundle = {
      resourceType: 'Bundle',
      type: 'collection',
      timestamp: '2024-02-10T12:00:00Z',
      entry: [
        {
          fullUrl: 'urn:uuid:3f0b8a2e-2c1d-4f5e-9a7b-1c2d3e4f5a6b',
          resource: examples.Observation,
        },
        { resource: examples.DiagnosticReport },
      ],
    }
    expect(validateFhirRecord(bundle).resourceType).toBe('Bundle')
  })

  test('a resource type outside the mapped ones gets the generic checks only', () => {
    const allergy = {
      resourceType: 'AllergyIntolerance',
      id: 'alg-1',
      patient: { reference: 'Patient/1' },
    }
    expect(validateFhirRecord(allergy)).toBe(allergy)
  })

  test('the returned record narrows by resourceType', () => {
    const record = validateFhirRecord(structuredClone(examples.Condition))
    if (record.resourceType !== 'Condition') throw new Error('expected a Condition')
    expect(record.subject.reference).toBe('Patient/pat-1042')
  })
})

describe('validateFhirRecord: one invalid case per rule', () => {
  const cases: [string, unknown, string[]][] = [
    ['not an object', 'Observation', ['Resource: must be a JSON object']],
    ['resourceType missing', { status: 'final' }, ['Resource.resourceType: required']],
    [
      'resourceType not a type name',
      { resourceType: 'observation' },
      ['Resource.resourceType: must be a FHIR resource type name (for example "Observation")'],
    ],
    [
      'Condition.subject required',
      without(examples.Condition, 'subject'),
      ['Condition.subject: required'],
    ],
    [
      'Observation status, code and subject required',
      { resourceType: 'Observation' },
      [
        'Observation.status: required',
        'Observation.code: required',
        'Observation.subject: required',
      ],
    ],
    [
      'Observation.status value set',
      { ...clone(examples.Observation), status: 'done' },
      [
        'Observation.status: must be one of registered | preliminary | final | amended | corrected | cancelled | entered-in-error | unknown (received "done")',
      ],
    ],
    [
      'MedicationRequest status, intent, subject, medication[x] required',
      { resourceType: 'MedicationRequest' },
      [
        'MedicationRequest.status: required',
        'MedicationRequest.intent: required',
        'MedicationRequest.medication[x]: required',
        'MedicationRequest.subject: required',
      ],
    ],
    [
      'medication[x] is one choice only',
      { ...clone(examples.MedicationRequest), medicationReference: { reference: 'Medication/m1' } },
      [
        'MedicationRequest.medication[x]: only one of medicationCodeableConcept, medicationReference may be present',
      ],
    ],
    [
      'DiagnosticReport status and code required',
      { resourceType: 'DiagnosticReport' },
      ['DiagnosticReport.status: required', 'DiagnosticReport.code: required'],
    ],
    [
      'Procedure status and subject required',
      { resourceType: 'Procedure' },
      ['Procedure.status: required', 'Procedure.subject: required'],
    ],
    [
      'CarePlan status, intent, subject required',
      { resourceType: 'CarePlan' },
      ['CarePlan.status: required', 'CarePlan.intent: required', 'CarePlan.subject: required'],
    ],
    [
      'ImagingStudy status and subject required',
      { resourceType: 'ImagingStudy' },
      ['ImagingStudy.status: required', 'ImagingStudy.subject: required'],
    ],
    [
      'ImagingStudy.series uid and modality required',
      { ...clone(examples.ImagingStudy), series: [{ instance: [{ uid: '1.2.3' }] }] },
      [
        'ImagingStudy.series[0].uid: required',
        'ImagingStudy.series[0].modality: required',
        'ImagingStudy.series[0].instance[0].sopClass: required',
      ],
    ],
    [
      'DocumentReference status and content required',
      { resourceType: 'DocumentReference' },
      ['DocumentReference.status: required', 'DocumentReference.content: required'],
    ],
    [
      'DocumentReference.content[].attachment required',
      {
        resourceType: 'DocumentReference',
        status: 'current',
        content: [{ format: { code: 'x' } }],
      },
      ['DocumentReference.content[0].attachment: required'],
    ],
    [
      'attachment data must be base64',
      {
        resourceType: 'DocumentReference',
        status: 'current',
        content: [{ attachment: { contentType: 'application/pdf', data: 'not base64!' } }],
      },
      [
        'DocumentReference.content[0].attachment.data: must be base64 (RFC 4648, standard alphabet, padded)',
      ],
    ],
    [
      'att-1: data needs a contentType',
      {
        resourceType: 'DocumentReference',
        status: 'current',
        content: [{ attachment: { data: 'SGVsbG8=' } }],
      },
      [
        'DocumentReference.content[0].attachment.contentType: required when data is present (att-1)',
      ],
    ],
    [
      'size is an unsignedInt',
      {
        resourceType: 'DocumentReference',
        status: 'current',
        content: [{ attachment: { contentType: 'text/plain', size: -1 } }],
      },
      ['DocumentReference.content[0].attachment.size: must be an integer 0 to 2147483647'],
    ],
    [
      'dateTime regex',
      { ...clone(examples.Condition), onsetDateTime: '2019-13-02' },
      [
        'Condition.onsetDateTime: must be a FHIR dateTime (YYYY, YYYY-MM, YYYY-MM-DD or YYYY-MM-DDThh:mm:ss with a time zone)',
      ],
    ],
    [
      'dateTime with a time needs a time zone',
      { ...clone(examples.Condition), recordedDate: '2019-03-05T10:15:00' },
      [
        'Condition.recordedDate: must be a FHIR dateTime (YYYY, YYYY-MM, YYYY-MM-DD or YYYY-MM-DDThh:mm:ss with a time zone)',
      ],
    ],
    [
      'date regex',
      { ...clone(examples.Patient), birthDate: '1984-7-19' },
      ['Patient.birthDate: must be a FHIR date (YYYY, YYYY-MM or YYYY-MM-DD)'],
    ],
    [
      'instant regex',
      { ...clone(examples.Observation), issued: '2024-02-10' },
      ['Observation.issued: must be a FHIR instant (YYYY-MM-DDThh:mm:ss[.sss] with a time zone)'],
    ],
    [
      'code whitespace',
      { ...clone(examples.Patient), gender: ' female' },
      ['Patient.gender: must be a code (non-empty, no leading, trailing or repeated whitespace)'],
    ],
    [
      'string must be non-empty',
      { ...clone(examples.CarePlan), title: '' },
      ['CarePlan.title: must be a non-empty string'],
    ],
    [
      'id regex',
      { ...clone(examples.Patient), id: 'pat_1042' },
      ['Patient.id: must be a FHIR id (1-64 characters A-Z, a-z, 0-9, "-", ".")'],
    ],
    [
      'uri has no whitespace',
      { ...clone(examples.Patient), identifier: [{ system: 'urn:oid: 1.2', value: 'x' }] },
      ['Patient.identifier[0].system: must be a uri (non-empty, no whitespace)'],
    ],
    [
      'boolean',
      { ...clone(examples.Patient), active: 'yes' },
      ['Patient.active: must be a boolean'],
    ],
    [
      'decimal',
      { ...clone(examples.Observation), valueQuantity: { value: '6.8', unit: '%' } },
      ['Observation.valueQuantity.value: must be a number'],
    ],
    [
      'arrays',
      { ...clone(examples.Observation), category: { text: 'lab' } },
      ['Observation.category: must be an array'],
    ],
    [
      'no empty arrays',
      { ...clone(examples.Observation), performer: [] },
      ['Observation.performer: must not be an empty array (omit it instead)'],
    ],
    [
      'single values are not arrays',
      { ...clone(examples.Observation), code: [{ text: 'x' }] },
      ['Observation.code: must be a single value, not an array'],
    ],
    [
      'objects',
      { ...clone(examples.Condition), subject: 'Patient/1' },
      ['Condition.subject: must be an object'],
    ],
    [
      'no empty objects',
      { ...clone(examples.Condition), code: {} },
      ['Condition.code: must not be empty (FHIR elements need a value or children)'],
    ],
    [
      'no nulls',
      { ...clone(examples.Condition), code: null },
      ['Condition.code: must not be null'],
    ],
    [
      'per-1: period start before end',
      { ...clone(examples.CarePlan), period: { start: '2024-02-01', end: '2024-01-01' } },
      ['CarePlan.period: start must not be after end (per-1)'],
    ],
    [
      'obs-6: no dataAbsentReason with a value',
      { ...clone(examples.Observation), dataAbsentReason: { text: 'lost' } },
      ['Observation.dataAbsentReason: must be absent when value[x] is present (obs-6)'],
    ],
    [
      'Bundle.type required, entries validated with their path',
      {
        resourceType: 'Bundle',
        entry: [{ resource: { resourceType: 'Observation', status: 'final' } }],
      },
      [
        'Bundle.type: required',
        'Bundle.entry[0].resource.code: required',
        'Bundle.entry[0].resource.subject: required',
      ],
    ],
    [
      'AuditEvent type, recorded, agent, source required',
      { resourceType: 'AuditEvent' },
      [
        'AuditEvent.type: required',
        'AuditEvent.recorded: required',
        'AuditEvent.agent: required',
        'AuditEvent.source: required',
      ],
    ],
    [
      'AuditEvent agent.requestor and source.observer required',
      {
        resourceType: 'AuditEvent',
        type: { code: 'rest' },
        recorded: '2024-01-01T00:00:00Z',
        agent: [{ name: 'x' }],
        source: { site: 'x' },
      },
      ['AuditEvent.agent[0].requestor: required', 'AuditEvent.source.observer: required'],
    ],
    [
      'Consent status, scope, category required; ppc-1',
      { resourceType: 'Consent' },
      [
        'Consent.status: required',
        'Consent.scope: required',
        'Consent.category: required',
        'Consent.policyRule: required when policy is absent (ppc-1)',
      ],
    ],
    [
      'Consent ppc-2: patient-privacy needs a patient',
      {
        resourceType: 'Consent',
        status: 'active',
        scope: {
          coding: [
            {
              system: 'http://terminology.hl7.org/CodeSystem/consentscope',
              code: 'patient-privacy',
            },
          ],
        },
        category: [{ text: 'consent' }],
        policyRule: { text: 'opt-in' },
      },
      ['Consent.patient: required when scope is patient-privacy (ppc-2)'],
    ],
  ]

  test.each(cases)('%s', (_name, resource, expected) => {
    expect(issuesOf(resource)).toEqual(expected)
  })

  test('the error message lists each issue and what to do', () => {
    expect(() =>
      validateFhirRecord({ resourceType: 'Observation', status: 'final' }),
    ).toThrowErrorMatchingInlineSnapshot(`
      [InvalidFhirResourceError: The record is not a valid FHIR R4 Observation: 2 problems.

      - Observation.code: required
      - Observation.subject: required
      Fix each element listed above (see https://hl7.org/fhir/R4 for the resource), then encrypt the record again.

      Docs: https://medchain.dev/reference/errors#invalidfhirresourceerror]
    `)
  })
})
