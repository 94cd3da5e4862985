import type {
  AuditEvent,
  Bundle,
  CarePlan,
  Condition,
  Consent,
  DiagnosticReport,
  DocumentReference,
  FhirResource,
  ImagingStudy,
  MedicationRequest,
  Observation,
  Patient,
  Procedure,
} from 'fhir/r4.js'
import { type FhirIssue, InvalidFhirResourceError } from '../errors/fhir.js'

/**
 * The FHIR R4 resources `validateFhirRecord` checks element by element: the types the MedChain
 * scopes hold, Bundle, and the AuditEvent and Consent resources the audit export produces.
 *
 * @example
 * ```ts
 * import type { CheckedFhirResource } from '@medchain/sdk/fhir'
 *
 * function describe(resource: CheckedFhirResource) {
 *   return resource.resourceType === 'Observation' ? resource.code.text : resource.resourceType
 * }
 * ```
 */
export type CheckedFhirResource =
  | Patient
  | Condition
  | Procedure
  | CarePlan
  | MedicationRequest
  | Observation
  | DiagnosticReport
  | ImagingStudy
  | DocumentReference
  | Bundle
  | AuditEvent
  | Consent

/**
 * What `validateFhirRecord` returns: any FHIR R4 resource, narrowed by `resourceType`.
 *
 * @example
 * ```ts
 * import { type FhirRecord, validateFhirRecord } from '@medchain/sdk/fhir'
 *
 * const record: FhirRecord = validateFhirRecord(JSON.parse(text))
 * if (record.resourceType === 'Condition') console.log(record.subject.reference)
 * ```
 */
export type FhirRecord = FhirResource

// ---------------------------------------------------------------------------------------------
// Primitive types (regexes from the R4 specification, https://hl7.org/fhir/R4/datatypes.html)

const year = '([0-9]([0-9]([0-9][1-9]|[1-9]0)|[1-9]00)|[1-9]000)'
const month = '(0[1-9]|1[0-2])'
const day = '(0[1-9]|[1-2][0-9]|3[0-1])'
const time = '([01][0-9]|2[0-3]):[0-5][0-9]:([0-5][0-9]|60)(\\.[0-9]+)?'
const zone = '(Z|(\\+|-)((0[0-9]|1[0-3]):[0-5][0-9]|14:00))'

const primitives = {
  string: {
    test: (v: unknown) => typeof v === 'string' && v.length > 0,
    message: 'must be a non-empty string',
  },
  markdown: {
    test: (v: unknown) => typeof v === 'string' && v.length > 0,
    message: 'must be a non-empty string',
  },
  code: {
    test: (v: unknown) => typeof v === 'string' && /^[^\s]+( [^\s]+)*$/.test(v),
    message: 'must be a code (non-empty, no leading, trailing or repeated whitespace)',
  },
  id: {
    test: (v: unknown) => typeof v === 'string' && /^[A-Za-z0-9\-.]{1,64}$/.test(v),
    message: 'must be a FHIR id (1-64 characters A-Z, a-z, 0-9, "-", ".")',
  },
  uri: {
    test: (v: unknown) => typeof v === 'string' && /^\S+$/.test(v),
    message: 'must be a uri (non-empty, no whitespace)',
  },
  boolean: { test: (v: unknown) => typeof v === 'boolean', message: 'must be a boolean' },
  decimal: {
    test: (v: unknown) => typeof v === 'number' && Number.isFinite(v),
    message: 'must be a number',
  },
  integer: {
    test: (v: unknown) => Number.isInteger(v) && Math.abs(v as number) <= 2147483647,
    message: 'must be a 32-bit integer',
  },
  unsignedInt: {
    test: (v: unknown) => Number.isInteger(v) && (v as number) >= 0 && (v as number) <= 2147483647,
    message: 'must be an integer 0 to 2147483647',
  },
  positiveInt: {
    test: (v: unknown) => Number.isInteger(v) && (v as number) >= 1 && (v as number) <= 2147483647,
    message: 'must be an integer 1 to 2147483647',
  },
  date: {
    test: (v: unknown) =>
      typeof v === 'string' && new RegExp(`^${year}(-${month}(-${day})?)?$`).test(v),
    message: 'must be a FHIR date (YYYY, YYYY-MM or YYYY-MM-DD)',
  },
  dateTime: {
    test: (v: unknown) =>
      typeof v === 'string' &&
      new RegExp(`^${year}(-${month}(-${day}(T${time}${zone})?)?)?$`).test(v),
    message:
      'must be a FHIR dateTime (YYYY, YYYY-MM, YYYY-MM-DD or YYYY-MM-DDThh:mm:ss with a time zone)',
  },
  instant: {
    test: (v: unknown) =>
      typeof v === 'string' && new RegExp(`^${year}-${month}-${day}T${time}${zone}$`).test(v),
    message: 'must be a FHIR instant (YYYY-MM-DDThh:mm:ss[.sss] with a time zone)',
  },
  time: {
    test: (v: unknown) => typeof v === 'string' && new RegExp(`^${time}$`).test(v),
    message: 'must be a FHIR time (hh:mm:ss)',
  },
  base64Binary: {
    // R4 allows whitespace between groups; groups are otherwise standard padded base64.
    test: (v: unknown) =>
      typeof v === 'string' &&
      /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/.test(
        v.replace(/\s+/g, ''),
      ) &&
      /\S/.test(v),
    message: 'must be base64 (RFC 4648, standard alphabet, padded)',
  },
} as const

type PrimitiveName = keyof typeof primitives

// ---------------------------------------------------------------------------------------------
// A tiny schema language: element name → spec. Names ending in [x] are choice elements.

type DatatypeName =
  | 'Element'
  | 'Extension'
  | 'Coding'
  | 'CodeableConcept'
  | 'Identifier'
  | 'Reference'
  | 'Period'
  | 'Quantity'
  | 'Attachment'
  | 'HumanName'
  | 'ContactPoint'
  | 'Address'
  | 'Annotation'
  | 'Narrative'
  | 'Meta'
  | 'ConsentProvision'
type Kind = PrimitiveName | DatatypeName | 'Resource' | Fields
type Spec = { kind: Kind; min?: 1; many?: true; values?: readonly string[] }
type Choice = { choice: readonly (PrimitiveName | DatatypeName)[]; min?: 1 }
type Fields = { readonly [name: string]: Spec | Choice }

const one = (kind: Kind, values?: readonly string[]): Spec => (values ? { kind, values } : { kind })
const req = (kind: Kind, values?: readonly string[]): Spec =>
  values ? { kind, min: 1, values } : { kind, min: 1 }
const many = (kind: Kind): Spec => ({ kind, many: true })
const reqMany = (kind: Kind): Spec => ({ kind, many: true, min: 1 })
const choice = (types: Choice['choice'], min?: 1): Choice =>
  min ? { choice: types, min } : { choice: types }

const datatypes: Record<DatatypeName, Fields> = {
  Element: {},
  Extension: { url: req('uri') },
  Coding: {
    system: one('uri'),
    version: one('string'),
    code: one('code'),
    display: one('string'),
    userSelected: one('boolean'),
  },
  CodeableConcept: { coding: many('Coding'), text: one('string') },
  Identifier: {
    use: one('code', ['usual', 'official', 'temp', 'secondary', 'old']),
    type: one('CodeableConcept'),
    system: one('uri'),
    value: one('string'),
    period: one('Period'),
    assigner: one('Reference'),
  },
  Reference: {
    reference: one('string'),
    type: one('uri'),
    identifier: one('Identifier'),
    display: one('string'),
  },
  Period: { start: one('dateTime'), end: one('dateTime') },
  Quantity: {
    value: one('decimal'),
    comparator: one('code', ['<', '<=', '>=', '>']),
    unit: one('string'),
    system: one('uri'),
    code: one('code'),
  },
  Attachment: {
    contentType: one('code'),
    language: one('code'),
    data: one('base64Binary'),
    url: one('uri'),
    size: one('unsignedInt'),
    hash: one('base64Binary'),
    title: one('string'),
    creation: one('dateTime'),
  },
  HumanName: {
    use: one('code', ['usual', 'official', 'temp', 'nickname', 'anonymous', 'old', 'maiden']),
    text: one('string'),
    family: one('string'),
    given: many('string'),
    prefix: many('string'),
    suffix: many('string'),
    period: one('Period'),
  },
  ContactPoint: {
    system: one('code', ['phone', 'fax', 'email', 'pager', 'url', 'sms', 'other']),
    value: one('string'),
    use: one('code', ['home', 'work', 'temp', 'old', 'mobile']),
    rank: one('positiveInt'),
    period: one('Period'),
  },
  Address: {
    use: one('code', ['home', 'work', 'temp', 'old', 'billing']),
    type: one('code', ['postal', 'physical', 'both']),
    text: one('string'),
    line: many('string'),
    city: one('string'),
    district: one('string'),
    state: one('string'),
    postalCode: one('string'),
    country: one('string'),
    period: one('Period'),
  },
  Annotation: {
    'author[x]': choice(['Reference', 'string']),
    time: one('dateTime'),
    text: req('markdown'),
  },
  Narrative: {
    status: req('code', ['generated', 'extensions', 'additional', 'empty']),
    div: req('string'),
  },
  Meta: {
    versionId: one('id'),
    lastUpdated: one('instant'),
    source: one('uri'),
    profile: many('uri'),
    security: many('Coding'),
    tag: many('Coding'),
  },
  ConsentProvision: {
    type: one('code', ['deny', 'permit']),
    period: one('Period'),
    actor: many({ role: req('CodeableConcept'), reference: req('Reference') }),
    action: many('CodeableConcept'),
    securityLabel: many('Coding'),
    purpose: many('Coding'),
    class: many('Coding'),
    code: many('CodeableConcept'),
    dataPeriod: one('Period'),
    data: many({
      meaning: req('code', ['instance', 'related', 'dependents', 'authoredby']),
      reference: req('Reference'),
    }),
    provision: many('ConsentProvision'),
  },
}

const domainResource: Fields = {
  id: one('id'),
  meta: one('Meta'),
  implicitRules: one('uri'),
  language: one('code'),
  text: one('Narrative'),
  contained: many('Resource'),
  extension: many('Extension'),
  modifierExtension: many('Extension'),
}

// Common shapes of the resources below.
const anything = 'Element' // a complex type this validator does not look inside (Range, Timing, …)
const references = many('Reference')

const resources: Record<string, Fields> = {
  Patient: {
    identifier: many('Identifier'),
    active: one('boolean'),
    name: many('HumanName'),
    telecom: many('ContactPoint'),
    gender: one('code', ['male', 'female', 'other', 'unknown']),
    birthDate: one('date'),
    'deceased[x]': choice(['boolean', 'dateTime']),
    address: many('Address'),
    maritalStatus: one('CodeableConcept'),
    'multipleBirth[x]': choice(['boolean', 'integer']),
    generalPractitioner: references,
    managingOrganization: one('Reference'),
    communication: many({ language: req('CodeableConcept'), preferred: one('boolean') }),
    link: many({
      other: req('Reference'),
      type: req('code', ['replaced-by', 'replaces', 'refer', 'seealso']),
    }),
  },
  Condition: {
    identifier: many('Identifier'),
    clinicalStatus: one('CodeableConcept'),
    verificationStatus: one('CodeableConcept'),
    category: many('CodeableConcept'),
    severity: one('CodeableConcept'),
    code: one('CodeableConcept'),
    bodySite: many('CodeableConcept'),
    subject: req('Reference'),
    encounter: one('Reference'),
    'onset[x]': choice(['dateTime', 'Quantity', 'Period', anything, 'string']),
    'abatement[x]': choice(['dateTime', 'Quantity', 'Period', anything, 'string']),
    recordedDate: one('dateTime'),
    recorder: one('Reference'),
    asserter: one('Reference'),
    note: many('Annotation'),
  },
  Procedure: {
    identifier: many('Identifier'),
    instantiatesCanonical: many('uri'),
    basedOn: references,
    partOf: references,
    status: req('code', [
      'preparation',
      'in-progress',
      'not-done',
      'on-hold',
      'stopped',
      'completed',
      'entered-in-error',
      'unknown',
    ]),
    statusReason: one('CodeableConcept'),
    category: one('CodeableConcept'),
    code: one('CodeableConcept'),
    subject: req('Reference'),
    encounter: one('Reference'),
    'performed[x]': choice(['dateTime', 'Period', 'string', 'Quantity', anything]),
    recorder: one('Reference'),
    asserter: one('Reference'),
    performer: many({
      function: one('CodeableConcept'),
      actor: req('Reference'),
      onBehalfOf: one('Reference'),
    }),
    location: one('Reference'),
    reasonCode: many('CodeableConcept'),
    reasonReference: references,
    bodySite: many('CodeableConcept'),
    outcome: one('CodeableConcept'),
    report: references,
    note: many('Annotation'),
    followUp: many('CodeableConcept'),
  },
  CarePlan: {
    identifier: many('Identifier'),
    basedOn: references,
    status: req('code', [
      'draft',
      'active',
      'on-hold',
      'revoked',
      'completed',
      'entered-in-error',
      'unknown',
    ]),
    intent: req('code', ['proposal', 'plan', 'order', 'option']),
    category: many('CodeableConcept'),
    title: one('string'),
    description: one('string'),
    subject: req('Reference'),
    encounter: one('Reference'),
    period: one('Period'),
    created: one('dateTime'),
    author: one('Reference'),
    contributor: references,
    careTeam: references,
    addresses: references,
    goal: references,
    activity: many(anything),
    note: many('Annotation'),
  },
  MedicationRequest: {
    identifier: many('Identifier'),
    status: req('code', [
      'active',
      'on-hold',
      'cancelled',
      'completed',
      'entered-in-error',
      'stopped',
      'draft',
      'unknown',
    ]),
    statusReason: one('CodeableConcept'),
    intent: req('code', [
      'proposal',
      'plan',
      'order',
      'original-order',
      'reflex-order',
      'filler-order',
      'instance-order',
      'option',
    ]),
    category: many('CodeableConcept'),
    priority: one('code', ['routine', 'urgent', 'asap', 'stat']),
    doNotPerform: one('boolean'),
    'reported[x]': choice(['boolean', 'Reference']),
    'medication[x]': choice(['CodeableConcept', 'Reference'], 1),
    subject: req('Reference'),
    encounter: one('Reference'),
    authoredOn: one('dateTime'),
    requester: one('Reference'),
    reasonCode: many('CodeableConcept'),
    reasonReference: references,
    note: many('Annotation'),
    dosageInstruction: many({
      sequence: one('integer'),
      text: one('string'),
      timing: one(anything),
      'asNeeded[x]': choice(['boolean', 'CodeableConcept']),
      route: one('CodeableConcept'),
      doseAndRate: many(anything),
    }),
    dispenseRequest: one(anything),
    substitution: one(anything),
  },
  Observation: {
    identifier: many('Identifier'),
    basedOn: references,
    partOf: references,
    status: req('code', [
      'registered',
      'preliminary',
      'final',
      'amended',
      'corrected',
      'cancelled',
      'entered-in-error',
      'unknown',
    ]),
    category: many('CodeableConcept'),
    code: req('CodeableConcept'),
    // R4 allows an Observation without a subject; MedChain records always belong to a patient.
    subject: req('Reference'),
    encounter: one('Reference'),
    'effective[x]': choice(['dateTime', 'Period', anything, 'instant']),
    issued: one('instant'),
    performer: references,
    'value[x]': choice([
      'Quantity',
      'CodeableConcept',
      'string',
      'boolean',
      'integer',
      anything,
      'time',
      'dateTime',
      'Period',
    ]),
    dataAbsentReason: one('CodeableConcept'),
    interpretation: many('CodeableConcept'),
    note: many('Annotation'),
    bodySite: one('CodeableConcept'),
    method: one('CodeableConcept'),
    specimen: one('Reference'),
    device: one('Reference'),
    referenceRange: many({
      low: one('Quantity'),
      high: one('Quantity'),
      type: one('CodeableConcept'),
      appliesTo: many('CodeableConcept'),
      text: one('string'),
    }),
    hasMember: references,
    derivedFrom: references,
    component: many({
      code: req('CodeableConcept'),
      'value[x]': choice([
        'Quantity',
        'CodeableConcept',
        'string',
        'boolean',
        'integer',
        anything,
        'time',
        'dateTime',
        'Period',
      ]),
      dataAbsentReason: one('CodeableConcept'),
      interpretation: many('CodeableConcept'),
    }),
  },
  DiagnosticReport: {
    identifier: many('Identifier'),
    basedOn: references,
    status: req('code', [
      'registered',
      'partial',
      'preliminary',
      'final',
      'amended',
      'corrected',
      'appended',
      'cancelled',
      'entered-in-error',
      'unknown',
    ]),
    category: many('CodeableConcept'),
    code: req('CodeableConcept'),
    subject: one('Reference'),
    encounter: one('Reference'),
    'effective[x]': choice(['dateTime', 'Period']),
    issued: one('instant'),
    performer: references,
    resultsInterpreter: references,
    specimen: references,
    result: references,
    imagingStudy: references,
    media: many({ comment: one('string'), link: req('Reference') }),
    conclusion: one('string'),
    conclusionCode: many('CodeableConcept'),
    presentedForm: many('Attachment'),
  },
  ImagingStudy: {
    identifier: many('Identifier'),
    status: req('code', ['registered', 'available', 'cancelled', 'entered-in-error', 'unknown']),
    modality: many('Coding'),
    subject: req('Reference'),
    encounter: one('Reference'),
    started: one('dateTime'),
    basedOn: references,
    referrer: one('Reference'),
    interpreter: references,
    endpoint: references,
    numberOfSeries: one('unsignedInt'),
    numberOfInstances: one('unsignedInt'),
    procedureReference: one('Reference'),
    procedureCode: many('CodeableConcept'),
    location: one('Reference'),
    reasonCode: many('CodeableConcept'),
    reasonReference: references,
    note: many('Annotation'),
    description: one('string'),
    series: many({
      uid: req('id'),
      number: one('unsignedInt'),
      modality: req('Coding'),
      description: one('string'),
      numberOfInstances: one('unsignedInt'),
      endpoint: references,
      bodySite: one('Coding'),
      laterality: one('Coding'),
      specimen: references,
      started: one('dateTime'),
      performer: many({ function: one('CodeableConcept'), actor: req('Reference') }),
      instance: many({
        uid: req('id'),
        sopClass: req('Coding'),
        number: one('unsignedInt'),
        title: one('string'),
      }),
    }),
  },
  DocumentReference: {
    masterIdentifier: one('Identifier'),
    identifier: many('Identifier'),
    status: req('code', ['current', 'superseded', 'entered-in-error']),
    docStatus: one('code', ['preliminary', 'final', 'amended', 'entered-in-error']),
    type: one('CodeableConcept'),
    category: many('CodeableConcept'),
    subject: one('Reference'),
    date: one('instant'),
    author: references,
    authenticator: one('Reference'),
    custodian: one('Reference'),
    relatesTo: many({
      code: req('code', ['replaces', 'transforms', 'signs', 'appends']),
      target: req('Reference'),
    }),
    description: one('string'),
    securityLabel: many('CodeableConcept'),
    content: reqMany({ attachment: req('Attachment'), format: one('Coding') }),
    context: one(anything),
  },
  Bundle: {
    identifier: one('Identifier'),
    type: req('code', [
      'document',
      'message',
      'transaction',
      'transaction-response',
      'batch',
      'batch-response',
      'history',
      'searchset',
      'collection',
    ]),
    timestamp: one('instant'),
    total: one('unsignedInt'),
    link: many({ relation: req('string'), url: req('uri') }),
    entry: many({
      link: many({ relation: req('string'), url: req('uri') }),
      fullUrl: one('uri'),
      resource: one('Resource'),
      search: one(anything),
      request: one({
        method: req('code', ['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'PATCH']),
        url: req('uri'),
      }),
      response: one({ status: req('string') }),
    }),
    signature: one(anything),
  },
  AuditEvent: {
    type: req('Coding'),
    subtype: many('Coding'),
    action: one('code', ['C', 'R', 'U', 'D', 'E']),
    period: one('Period'),
    recorded: req('instant'),
    outcome: one('code', ['0', '4', '8', '12']),
    outcomeDesc: one('string'),
    purposeOfEvent: many('CodeableConcept'),
    agent: reqMany({
      type: one('CodeableConcept'),
      role: many('CodeableConcept'),
      who: one('Reference'),
      altId: one('string'),
      name: one('string'),
      requestor: req('boolean'),
      location: one('Reference'),
      policy: many('uri'),
      media: one('Coding'),
      network: one({ address: one('string'), type: one('code', ['1', '2', '3', '4', '5']) }),
      purposeOfUse: many('CodeableConcept'),
    }),
    source: req({ site: one('string'), observer: req('Reference'), type: many('Coding') }),
    entity: many({
      what: one('Reference'),
      type: one('Coding'),
      role: one('Coding'),
      lifecycle: one('Coding'),
      securityLabel: many('Coding'),
      name: one('string'),
      description: one('string'),
      query: one('base64Binary'),
      detail: many({ type: req('string'), 'value[x]': choice(['string', 'base64Binary'], 1) }),
    }),
  },
  Consent: {
    identifier: many('Identifier'),
    status: req('code', [
      'draft',
      'proposed',
      'active',
      'rejected',
      'inactive',
      'entered-in-error',
    ]),
    scope: req('CodeableConcept'),
    category: reqMany('CodeableConcept'),
    patient: one('Reference'),
    dateTime: one('dateTime'),
    performer: references,
    organization: references,
    'source[x]': choice(['Attachment', 'Reference']),
    policy: many({ authority: one('uri'), uri: one('uri') }),
    policyRule: one('CodeableConcept'),
    verification: many({
      verified: req('boolean'),
      verifiedWith: one('Reference'),
      verificationDate: one('dateTime'),
    }),
    provision: one('ConsentProvision'),
  },
}

// ---------------------------------------------------------------------------------------------

type Json = { [key: string]: unknown }

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

const capitalize = (name: string) => `${name.charAt(0).toUpperCase()}${name.slice(1)}`

function checkValue(value: unknown, kind: Kind, path: string, issues: FhirIssue[]): void {
  if (typeof kind === 'string' && kind in primitives) {
    const primitive = primitives[kind as PrimitiveName]
    if (!primitive.test(value)) issues.push({ path, message: primitive.message })
    return
  }
  if (kind === 'Resource') {
    checkResource(value, path, issues)
    return
  }
  if (!isObject(value)) return void issues.push({ path, message: 'must be an object' })
  if (Object.keys(value).length === 0)
    return void issues.push({
      path,
      message: 'must not be empty (FHIR elements need a value or children)',
    })
  const fields = typeof kind === 'string' ? datatypes[kind as DatatypeName] : kind
  checkFields(value, fields, path, issues)
  if (kind === 'Attachment' && value.data !== undefined && value.contentType === undefined)
    issues.push({ path: `${path}.contentType`, message: 'required when data is present (att-1)' })
  if (kind === 'Period' && typeof value.start === 'string' && typeof value.end === 'string') {
    const start = Date.parse(value.start)
    const end = Date.parse(value.end)
    if (!Number.isNaN(start) && !Number.isNaN(end) && start > end)
      issues.push({ path, message: 'start must not be after end (per-1)' })
  }
}

function checkSpec(value: unknown, spec: Spec, path: string, issues: FhirIssue[]): void {
  if (spec.many) {
    if (!Array.isArray(value)) return void issues.push({ path, message: 'must be an array' })
    if (value.length === 0)
      return void issues.push({
        path,
        message: spec.min ? 'required' : 'must not be an empty array (omit it instead)',
      })
    for (const [index, item] of value.entries()) checkItem(item, spec, `${path}[${index}]`, issues)
    return
  }
  if (Array.isArray(value))
    return void issues.push({ path, message: 'must be a single value, not an array' })
  checkItem(value, spec, path, issues)
}

function checkItem(value: unknown, spec: Spec, path: string, issues: FhirIssue[]): void {
  if (value === null) return void issues.push({ path, message: 'must not be null' })
  const before = issues.length
  checkValue(value, spec.kind, path, issues)
  if (spec.values && issues.length === before && !spec.values.includes(value as string))
    issues.push({
      path,
      message: `must be one of ${spec.values.join(' | ')} (received ${JSON.stringify(value)})`,
    })
}

function checkFields(value: Json, fields: Fields, path: string, issues: FhirIssue[]): void {
  for (const [name, spec] of Object.entries(fields)) {
    if ('choice' in spec) {
      const base = name.slice(0, -3)
      const present = spec.choice
        .map((type) => `${base}${type === 'Element' ? '' : capitalize(type)}`)
        .flatMap((prop) =>
          prop === base
            ? // Complex types this validator does not model (Range, Timing, …): any base* key.
              Object.keys(value).filter(
                (key) => key.startsWith(base) && /^[A-Z]/.test(key.slice(base.length)),
              )
            : prop in value
              ? [prop]
              : [],
        )
      const unique = [...new Set(present)]
      if (unique.length === 0) {
        if (spec.min) issues.push({ path: `${path}.${name}`, message: 'required' })
        continue
      }
      if (unique.length > 1) {
        issues.push({
          path: `${path}.${name}`,
          message: `only one of ${unique.join(', ')} may be present`,
        })
        continue
      }
      const prop = unique[0] as string
      const typeName = prop.slice(base.length)
      const kind =
        spec.choice.find((type) => capitalize(type) === typeName && type !== 'Element') ??
        ('Element' as const)
      checkSpec(value[prop], { kind }, `${path}.${prop}`, issues)
      continue
    }
    const child = value[name]
    if (child === undefined) {
      if (spec.min) issues.push({ path: `${path}.${name}`, message: 'required' })
      continue
    }
    checkSpec(child, spec, `${path}.${name}`, issues)
  }
}

function codings(concept: unknown): { system?: unknown; code?: unknown }[] {
  const coding = isObject(concept) ? concept.coding : undefined
  return Array.isArray(coding) ? coding.filter(isObject) : []
}

/** Invariants of single resources that the element specs cannot express. */
function checkInvariants(type: string, value: Json, path: string, issues: FhirIssue[]): void {
  if (type === 'Observation') {
    const hasValue = Object.keys(value).some((key) => /^value[A-Z]/.test(key))
    if (hasValue && value.dataAbsentReason !== undefined)
      issues.push({
        path: `${path}.dataAbsentReason`,
        message: 'must be absent when value[x] is present (obs-6)',
      })
  }
  if (type === 'Consent') {
    if (value.policy === undefined && value.policyRule === undefined)
      issues.push({ path: `${path}.policyRule`, message: 'required when policy is absent (ppc-1)' })
    const privacy = codings(value.scope).some(
      (c) =>
        c.system === 'http://terminology.hl7.org/CodeSystem/consentscope' &&
        c.code === 'patient-privacy',
    )
    if (privacy && value.patient === undefined)
      issues.push({
        path: `${path}.patient`,
        message: 'required when scope is patient-privacy (ppc-2)',
      })
  }
  if (type === 'AuditEvent' && Array.isArray(value.entity))
    value.entity.forEach((entity, index) => {
      if (isObject(entity) && entity.name !== undefined && entity.query !== undefined)
        issues.push({
          path: `${path}.entity[${index}]`,
          message: 'must not have both name and query (sev-1)',
        })
    })
}

function checkResource(value: unknown, path: string, issues: FhirIssue[]): void {
  if (!isObject(value)) return void issues.push({ path, message: 'must be a JSON object' })
  const type = value.resourceType
  if (type === undefined)
    return void issues.push({ path: `${path}.resourceType`, message: 'required' })
  if (typeof type !== 'string' || !/^[A-Z][A-Za-z]{1,63}$/.test(type))
    return void issues.push({
      path: `${path}.resourceType`,
      message: 'must be a FHIR resource type name (for example "Observation")',
    })
  const fields =
    type === 'Bundle'
      ? { ...resources.Bundle, id: one('id'), meta: one('Meta') }
      : {
          ...domainResource,
          ...resources[type],
        }
  checkFields(value, fields, path, issues)
  checkInvariants(type, value, path, issues)
}

/**
 * Checks that a value is a structurally valid FHIR R4 resource or Bundle before it is encrypted,
 * and returns it typed (`@types/fhir` R4).
 *
 * This is a small, precise structural check, **not** a full FHIR validator. It checks, for Patient,
 * Condition, Procedure, CarePlan, MedicationRequest, Observation, DiagnosticReport, ImagingStudy,
 * DocumentReference, Bundle (and every entry, recursively), AuditEvent and Consent:
 * - `resourceType`, the R4 required elements (`Condition.subject`, `Observation.status`, …) and
 *   MedChain's one addition: `Observation.subject` (a record always belongs to a patient);
 * - the value type of the elements it knows: strings, codes (and the value sets bound `required`:
 *   statuses, intents, genders, …), ids, uris, date/dateTime/instant/time by the R4 regexes, numbers,
 *   booleans, base64 (attachment `data` and `hash`), and the main complex types (CodeableConcept,
 *   Coding, Reference, Identifier, Period, Quantity, Attachment, HumanName, …);
 * - choice elements (`medication[x]`: exactly one of `medicationCodeableConcept`/`medicationReference`),
 *   empty objects and arrays, and the invariants att-1, per-1, obs-6, ppc-1, ppc-2 and sev-1.
 *
 * It does not check terminology bindings other than `required` code lists, references resolving,
 * profiles, unknown elements, primitive extensions (`_field`), or most invariants. Other resource
 * types (for custom scopes) get the generic checks only (`resourceType`, `id`, `meta`, `text`,
 * `extension`). Run a full validator (HL7 validator, HAPI) where conformance matters.
 *
 * @param value - Parsed JSON (for example `JSON.parse(text)`).
 * @returns The same value, typed as an R4 resource.
 * @throws {InvalidFhirResourceError} Listing every problem with its FHIRPath-like location, for
 * example `Observation.code: required`.
 *
 * @example
 * ```ts
 * import { validateFhirRecord } from '@medchain/sdk/fhir'
 *
 * const observation = validateFhirRecord({
 *   resourceType: 'Observation',
 *   status: 'final',
 *   code: { coding: [{ system: 'http://loinc.org', code: '4548-4', display: 'Hemoglobin A1c' }] },
 *   subject: { reference: 'Patient/example' },
 *   valueQuantity: { value: 6.1, unit: '%', system: 'http://unitsofmeasure.org', code: '%' },
 * })
 * ```
 */
export function validateFhirRecord(value: unknown): FhirRecord {
  const issues: FhirIssue[] = []
  const root =
    isObject(value) && typeof value.resourceType === 'string' ? value.resourceType : undefined
  checkResource(value, root && /^[A-Z][A-Za-z]{1,63}$/.test(root) ? root : 'Resource', issues)
  if (issues.length > 0)
    throw new InvalidFhirResourceError({ resourceType: root ?? 'resource', issues })
  return value as FhirRecord
}
