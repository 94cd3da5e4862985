import { createDocumentReference } from '@medchain/sdk/fhir'
import { describe, expect, it } from 'vitest'
import { conceptText, summarizeRecord } from './fhirSummary.js'

const hba1cObservation = {
  resourceType: 'Observation',
  status: 'final',
  code: {
    coding: [{ system: 'http://loinc.org', code: '4548-4', display: 'Hemoglobin A1c' }],
    text: 'HbA1c',
  },
  subject: { reference: 'Patient/1' },
  valueQuantity: { value: 7.2, unit: '%', system: 'http://unitsofmeasure.org', code: '%' },
  interpretation: [{ coding: [{ code: 'H', display: 'High' }] }],
  referenceRange: [
    { low: { value: 4, unit: '%' }, high: { value: 5.6, unit: '%' }, text: '4.0-5.6 %' },
  ],
}
const metforminRequest = {
  resourceType: 'MedicationRequest',
  status: 'active',
  intent: 'order',
  medicationCodeableConcept: {
    coding: [
      {
        system: 'http://www.nlm.nih.gov/research/umls/rxnorm',
        code: '861007',
        display: 'metformin 500 MG Oral Tablet',
      },
    ],
  },
  subject: { reference: 'Patient/1' },
  authoredOn: '2026-03-04',
  dosageInstruction: [{ text: '500 mg twice daily with meals' }],
}

describe('summarizeRecord', () => {
  it('an Observation: value with unit, reference range, interpretation', () => {
    const summary = summarizeRecord(hba1cObservation)
    expect(summary.kind).toBe('Observation')
    expect(summary.title).toBe('HbA1c (LOINC 4548-4)')
    expect(summary.facts).toEqual(
      expect.arrayContaining([
        { label: 'Result', value: '7.2 %' },
        { label: 'Reference range', value: '4.0-5.6 %' },
        { label: 'Interpretation', value: 'High' },
      ]),
    )
  })
  it('a reference range without text is built from low and high', () => {
    const summary = summarizeRecord({
      resourceType: 'Observation',
      status: 'final',
      code: { text: 'Glucose' },
      valueQuantity: { value: 5.4, unit: 'mmol/L' },
      referenceRange: [
        { low: { value: 3.9, unit: 'mmol/L' }, high: { value: 5.6, unit: 'mmol/L' } },
      ],
    })
    expect(summary.facts).toContainEqual({ label: 'Reference range', value: '3.9–5.6 mmol/L' })
  })
  it('a MedicationRequest: drug and dosage', () => {
    const summary = summarizeRecord(metforminRequest)
    expect(summary.title).toBe('metformin 500 MG Oral Tablet (RxNorm 861007)')
    expect(summary.facts).toContainEqual({
      label: 'Dosage',
      value: '500 mg twice daily with meals',
    })
    const structured = summarizeRecord({
      ...metforminRequest,
      dosageInstruction: [
        {
          doseAndRate: [{ doseQuantity: { value: 500, unit: 'mg' } }],
          timing: { repeat: { frequency: 2, period: 1, periodUnit: 'd' } },
        },
      ],
    })
    expect(structured.facts).toContainEqual({ label: 'Dosage', value: '500 mg, 2 × per 1 d' })
  })
  it('a Condition: its code', () => {
    const summary = summarizeRecord({
      resourceType: 'Condition',
      code: {
        coding: [
          {
            system: 'http://snomed.info/sct',
            code: '44054006',
            display: 'Diabetes mellitus type 2',
          },
        ],
      },
      clinicalStatus: { coding: [{ code: 'active', display: 'Active' }] },
      subject: { reference: 'Patient/1' },
    })
    expect(summary.title).toBe('Diabetes mellitus type 2 (SNOMED CT 44054006)')
    expect(summary.facts).toContainEqual({ label: 'Clinical status', value: 'Active' })
  })
  it('a DocumentReference: title and a downloadable attachment', () => {
    const pdf = new TextEncoder().encode('%PDF-1.4\n%%EOF\n')
    const doc = createDocumentReference({
      data: pdf,
      contentType: 'application/pdf',
      title: 'discharge.pdf',
    })
    const summary = summarizeRecord(doc)
    expect(summary.title).toBe('discharge.pdf')
    expect(summary.attachment).toMatchObject({
      title: 'discharge.pdf',
      contentType: 'application/pdf',
      size: pdf.length,
    })
    expect(atob(summary.attachment!.base64)).toBe('%PDF-1.4\n%%EOF\n')
  })
  it('text and unknown values', () => {
    expect(summarizeRecord('a note')).toEqual({
      kind: 'Text',
      title: 'Record',
      facts: [{ label: 'Content', value: 'a note' }],
    })
    expect(conceptText(undefined)).toBeUndefined()
    expect(conceptText({ text: 'Only text' })).toBe('Only text')
  })
})
