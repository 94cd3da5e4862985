// The demo patient's records (synthetic): FHIR R4 resources a clinic system would export, and a
// small discharge-summary PDF built here so the repository carries no binary fixture.

import type { FhirRecord } from '@medchain/sdk/fhir'

type Resource<T extends FhirRecord['resourceType']> = Extract<FhirRecord, { resourceType: T }>

const subject = { reference: 'Patient/maria-lopez', display: 'Maria Lopez (synthetic)' }

/** HbA1c 7.2 % (above the 4.0-5.6 % reference range): a lab result, scope 5. */
export const hba1cObservation: Resource<'Observation'> = {
  resourceType: 'Observation',
  id: 'hba1c-2026-03-02',
  status: 'final',
  category: [
    {
      coding: [
        {
          system: 'http://terminology.hl7.org/CodeSystem/observation-category',
          code: 'laboratory',
          display: 'Laboratory',
        },
      ],
    },
  ],
  code: {
    coding: [
      {
        system: 'http://loinc.org',
        code: '4548-4',
        display: 'Hemoglobin A1c/Hemoglobin.total in Blood',
      },
    ],
    text: 'HbA1c',
  },
  subject,
  effectiveDateTime: '2026-03-02T08:15:00Z',
  issued: '2026-03-02T13:40:00Z',
  performer: [{ display: "St. Mary's Hospital Laboratory" }],
  valueQuantity: { value: 7.2, unit: '%', system: 'http://unitsofmeasure.org', code: '%' },
  interpretation: [
    {
      coding: [
        {
          system: 'http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation',
          code: 'H',
          display: 'High',
        },
      ],
    },
  ],
  referenceRange: [
    {
      low: { value: 4.0, unit: '%', system: 'http://unitsofmeasure.org', code: '%' },
      high: { value: 5.6, unit: '%', system: 'http://unitsofmeasure.org', code: '%' },
      text: '4.0-5.6 %',
    },
  ],
}

/** Type 2 diabetes mellitus, active and confirmed: a diagnosis, scope 2. */
export const diabetesCondition: Resource<'Condition'> = {
  resourceType: 'Condition',
  id: 'type-2-diabetes',
  clinicalStatus: {
    coding: [
      {
        system: 'http://terminology.hl7.org/CodeSystem/condition-clinical',
        code: 'active',
        display: 'Active',
      },
    ],
  },
  verificationStatus: {
    coding: [
      {
        system: 'http://terminology.hl7.org/CodeSystem/condition-ver-status',
        code: 'confirmed',
        display: 'Confirmed',
      },
    ],
  },
  category: [
    {
      coding: [
        {
          system: 'http://terminology.hl7.org/CodeSystem/condition-category',
          code: 'encounter-diagnosis',
          display: 'Encounter Diagnosis',
        },
      ],
    },
  ],
  code: {
    coding: [
      { system: 'http://snomed.info/sct', code: '44054006', display: 'Diabetes mellitus type 2' },
      { system: 'http://hl7.org/fhir/sid/icd-10', code: 'E11.9' },
    ],
    text: 'Type 2 diabetes mellitus',
  },
  subject,
  onsetDateTime: '2026-03-02',
  recordedDate: '2026-03-04',
  recorder: { display: 'Dr. Amara Okafor' },
}

/** Metformin 500 mg twice daily: a prescription, scope 4. */
export const metforminRequest: Resource<'MedicationRequest'> = {
  resourceType: 'MedicationRequest',
  id: 'metformin-500',
  status: 'active',
  intent: 'order',
  medicationCodeableConcept: {
    coding: [
      {
        system: 'http://www.nlm.nih.gov/research/umls/rxnorm',
        code: '861007',
        display: 'metformin hydrochloride 500 MG Oral Tablet',
      },
    ],
    text: 'Metformin 500 mg tablet',
  },
  subject,
  authoredOn: '2026-03-04',
  requester: { display: 'Dr. Amara Okafor' },
  reasonReference: [{ reference: 'Condition/type-2-diabetes' }],
  dosageInstruction: [
    {
      text: '500 mg by mouth twice daily with meals',
      timing: { repeat: { frequency: 2, period: 1, periodUnit: 'd' } },
      route: { text: 'Oral' },
      doseAndRate: [
        {
          doseQuantity: { value: 500, unit: 'mg', system: 'http://unitsofmeasure.org', code: 'mg' },
        },
      ],
    },
  ],
  dispenseRequest: {
    numberOfRepeatsAllowed: 2,
    quantity: { value: 60, unit: 'tablet' },
    expectedSupplyDuration: {
      value: 30,
      unit: 'days',
      system: 'http://unitsofmeasure.org',
      code: 'd',
    },
  },
}

/** A one-page PDF 1.4 showing `lines` in Helvetica: valid, with a correct cross-reference table. */
export function textPdf(lines: readonly string[]): Uint8Array {
  const pdfString = (text: string) => text.replace(/[\\()]/g, (c) => `\\${c}`)
  const content = [
    'BT /F1 12 Tf 16 TL 72 760 Td',
    ...lines.map((line, index) => `${index === 0 ? '' : 'T* '}(${pdfString(line)}) Tj`),
    'ET',
  ].join('\n')
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ]
  let pdf = '%PDF-1.4\n'
  const offsets: number[] = []
  objects.forEach((body, index) => {
    offsets.push(pdf.length)
    pdf += `${index + 1} 0 obj\n${body}\nendobj\n`
  })
  const xref = pdf.length
  pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`
  for (const offset of offsets) pdf += `${String(offset).padStart(10, '0')} 00000 n \n`
  pdf += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`
  return new TextEncoder().encode(pdf) // ASCII only, so string offsets are byte offsets
}

/** The discharge summary the demo attaches as a DocumentReference (scope 7). */
export function dischargeSummaryPdf(): Uint8Array {
  return textPdf([
    "St. Mary's Hospital - Discharge summary (synthetic demo data)",
    'Patient: Maria Lopez, 42',
    'Admitted 2 March 2026, discharged 4 March 2026',
    'Diagnosis: type 2 diabetes mellitus (HbA1c 7.2 %)',
    'Plan: metformin 500 mg twice daily; HbA1c again in 3 months',
    'Attending: Dr. Amara Okafor',
  ])
}
