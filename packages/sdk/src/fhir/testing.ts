// Synthetic FHIR R4 examples for tests (no real patient data). Not part of the package.

const patient = { reference: 'Patient/pat-1042', display: 'Test Patient' }

export const examples = {
  Patient: {
    resourceType: 'Patient',
    id: 'pat-1042',
    identifier: [{ system: 'urn:oid:2.16.840.1.113883.4.1', value: '000-00-1042' }],
    active: true,
    name: [{ use: 'official', family: 'Okafor', given: ['Adaeze', 'N.'] }],
    telecom: [{ system: 'email', value: 'adaeze@example.org', use: 'home' }],
    gender: 'female',
    birthDate: '1984-07-19',
    address: [{ line: ['12 Harbour Rd'], city: 'Lagos', country: 'NG' }],
  },
  Condition: {
    resourceType: 'Condition',
    id: 'cond-t2d',
    clinicalStatus: {
      coding: [
        { system: 'http://terminology.hl7.org/CodeSystem/condition-clinical', code: 'active' },
      ],
    },
    verificationStatus: {
      coding: [
        { system: 'http://terminology.hl7.org/CodeSystem/condition-ver-status', code: 'confirmed' },
      ],
    },
    category: [
      {
        coding: [
          {
            system: 'http://terminology.hl7.org/CodeSystem/condition-category',
            code: 'problem-list-item',
          },
        ],
      },
    ],
    code: {
      coding: [
        { system: 'http://snomed.info/sct', code: '44054006', display: 'Diabetes mellitus type 2' },
      ],
      text: 'Type 2 diabetes',
    },
    subject: patient,
    onsetDateTime: '2019-03-02',
    recordedDate: '2019-03-05T10:15:00+01:00',
  },
  Procedure: {
    resourceType: 'Procedure',
    status: 'completed',
    code: {
      coding: [{ system: 'http://snomed.info/sct', code: '80146002', display: 'Appendectomy' }],
    },
    subject: patient,
    performedPeriod: { start: '2023-11-20T08:00:00Z', end: '2023-11-20T09:10:00Z' },
    performer: [{ actor: { reference: 'Practitioner/dr-ng' } }],
  },
  CarePlan: {
    resourceType: 'CarePlan',
    status: 'active',
    intent: 'plan',
    title: 'Diabetes self-management',
    subject: patient,
    period: { start: '2024-01-01' },
    addresses: [{ reference: 'Condition/cond-t2d' }],
  },
  MedicationRequest: {
    resourceType: 'MedicationRequest',
    status: 'active',
    intent: 'order',
    medicationCodeableConcept: {
      coding: [
        {
          system: 'http://www.nlm.nih.gov/research/umls/rxnorm',
          code: '860975',
          display: 'metformin hydrochloride 500 MG Extended Release Oral Tablet',
        },
      ],
    },
    subject: patient,
    authoredOn: '2024-01-03T14:22:00-05:00',
    requester: { reference: 'Practitioner/dr-ng' },
    dosageInstruction: [{ sequence: 1, text: '500 mg once daily with evening meal' }],
  },
  Observation: {
    resourceType: 'Observation',
    status: 'final',
    category: [
      {
        coding: [
          {
            system: 'http://terminology.hl7.org/CodeSystem/observation-category',
            code: 'laboratory',
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
    },
    subject: patient,
    effectiveDateTime: '2024-02-10T07:45:00Z',
    issued: '2024-02-10T12:00:00.000Z',
    valueQuantity: { value: 6.8, unit: '%', system: 'http://unitsofmeasure.org', code: '%' },
    referenceRange: [{ high: { value: 5.7, unit: '%' } }],
  },
  DiagnosticReport: {
    resourceType: 'DiagnosticReport',
    status: 'final',
    code: {
      coding: [
        { system: 'http://loinc.org', code: '24323-8', display: 'Comprehensive metabolic panel' },
      ],
    },
    subject: patient,
    effectiveDateTime: '2024-02-10',
    result: [{ reference: 'Observation/obs-a1c' }],
    conclusion: 'HbA1c above target.',
  },
  ImagingStudy: {
    resourceType: 'ImagingStudy',
    status: 'available',
    subject: patient,
    started: '2024-03-14T10:02:00+00:00',
    numberOfSeries: 1,
    numberOfInstances: 1,
    series: [
      {
        uid: '2.25.191255369203712283912834567765432110',
        modality: { system: 'http://dicom.nema.org/resources/ontology/DCM', code: 'CT' },
        instance: [
          {
            uid: '2.25.191255369203712283912834567765432111',
            sopClass: { system: 'urn:ietf:rfc:3986', code: 'urn:oid:1.2.840.10008.5.1.4.1.1.2' },
          },
        ],
      },
    ],
  },
  DocumentReference: {
    resourceType: 'DocumentReference',
    status: 'current',
    type: {
      coding: [{ system: 'http://loinc.org', code: '18842-5', display: 'Discharge summary' }],
    },
    subject: patient,
    date: '2024-03-15T09:00:00Z',
    content: [{ attachment: { contentType: 'text/plain', data: 'SGVsbG8=', title: 'note.txt' } }],
  },
} as const
