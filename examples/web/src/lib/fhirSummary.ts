/** What a record card shows: a title, a few labelled facts, and a file to download if it has one. */
export type RecordSummary = {
  /** The FHIR resource type, or "File" / "Text" for non-FHIR records. */
  kind: string
  title: string
  facts: { label: string; value: string }[]
  attachment?: { title: string; contentType: string; base64: string; size?: number | undefined }
}

type Json = Record<string, unknown>
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v)
const str = (v: unknown) => (typeof v === 'string' && v.length > 0 ? v : undefined)
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : [])

/** "Hemoglobin A1c (LOINC 4548-4)": the readable name of a CodeableConcept. */
export function conceptText(concept: unknown): string | undefined {
  if (!isObject(concept)) return undefined
  const coding = list(concept.coding).find(isObject)
  const text = str(concept.text) ?? str(coding?.display)
  const code = str(coding?.code)
  const system = systemName(str(coding?.system))
  // A terminology code helps a clinician (LOINC 4548-4); a bare status code repeats the text.
  if (text && code && system) return `${text} (${system} ${code})`
  return text ?? code
}

function systemName(system: string | undefined): string | undefined {
  if (!system) return undefined
  if (system.includes('loinc')) return 'LOINC'
  if (system.includes('snomed')) return 'SNOMED CT'
  if (system.includes('icd-10')) return 'ICD-10'
  if (system.includes('rxnorm')) return 'RxNorm'
  return undefined
}

/** "6.1 %": a Quantity with its unit. */
export function quantityText(quantity: unknown): string | undefined {
  if (!isObject(quantity) || typeof quantity.value !== 'number') return undefined
  const unit = str(quantity.unit) ?? str(quantity.code)
  return unit ? `${quantity.value} ${unit}` : String(quantity.value)
}

function rangeText(range: unknown): string | undefined {
  if (!isObject(range)) return undefined
  if (str(range.text)) return str(range.text)
  const low = quantityText(range.low)
  const high = quantityText(range.high)
  if (low && high) {
    const lowValue = (range.low as Json).value
    const unit = str((range.high as Json).unit)
    return unit && low === `${lowValue} ${unit}` ? `${lowValue}–${high}` : `${low}–${high}`
  }
  if (low) return `at least ${low}`
  if (high) return `up to ${high}`
  return undefined
}

function dateText(value: unknown): string | undefined {
  const text = str(value)
  if (!text) return undefined
  const date = new Date(text)
  if (Number.isNaN(date.getTime())) return text
  return date.toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric' })
}

function dosageText(dosage: unknown): string | undefined {
  if (!isObject(dosage)) return undefined
  if (str(dosage.text)) return str(dosage.text)
  const rate = list(dosage.doseAndRate).find(isObject)
  const dose = quantityText(rate?.doseQuantity)
  const timing = isObject(dosage.timing) ? (dosage.timing.repeat as Json | undefined) : undefined
  const frequency =
    timing && typeof timing.frequency === 'number' && typeof timing.period === 'number'
      ? `${timing.frequency} × per ${timing.period} ${str(timing.periodUnit) ?? ''}`.trim()
      : undefined
  return [dose, frequency].filter(Boolean).join(', ') || undefined
}

function push(facts: RecordSummary['facts'], label: string, value: string | undefined) {
  if (value) facts.push({ label, value })
}

/** Summarises a decrypted record (FHIR R4 JSON, or plain text/bytes) for people. */
export function summarizeRecord(record: unknown): RecordSummary {
  if (!isObject(record) || typeof record.resourceType !== 'string')
    return {
      kind: 'Text',
      title: 'Record',
      facts: typeof record === 'string' ? [{ label: 'Content', value: record.slice(0, 500) }] : [],
    }
  const facts: RecordSummary['facts'] = []
  const type = record.resourceType
  switch (type) {
    case 'Observation': {
      const value =
        quantityText(record.valueQuantity) ??
        str(record.valueString) ??
        conceptText(record.valueCodeableConcept) ??
        (typeof record.valueBoolean === 'boolean'
          ? record.valueBoolean
            ? 'Yes'
            : 'No'
          : undefined)
      push(facts, 'Result', value)
      push(facts, 'Reference range', rangeText(list(record.referenceRange)[0]))
      push(facts, 'Interpretation', conceptText(list(record.interpretation)[0]))
      push(facts, 'Date', dateText(record.effectiveDateTime ?? record.issued))
      push(facts, 'Status', str(record.status))
      return { kind: type, title: conceptText(record.code) ?? 'Observation', facts }
    }
    case 'MedicationRequest': {
      const drug =
        conceptText(record.medicationCodeableConcept) ??
        str(isObject(record.medicationReference) ? record.medicationReference.display : undefined)
      push(facts, 'Dosage', dosageText(list(record.dosageInstruction)[0]))
      push(facts, 'Prescribed', dateText(record.authoredOn))
      push(facts, 'Status', str(record.status))
      return { kind: type, title: drug ?? 'Prescription', facts }
    }
    case 'Condition': {
      push(facts, 'Clinical status', conceptText(record.clinicalStatus))
      push(facts, 'Since', dateText(record.onsetDateTime ?? record.recordedDate))
      push(facts, 'Note', str(list(record.note).find(isObject)?.text))
      return { kind: type, title: conceptText(record.code) ?? 'Condition', facts }
    }
    case 'Procedure': {
      push(facts, 'Performed', dateText(record.performedDateTime))
      push(facts, 'Status', str(record.status))
      return { kind: type, title: conceptText(record.code) ?? 'Procedure', facts }
    }
    case 'CarePlan': {
      push(facts, 'Description', str(record.description))
      push(facts, 'Status', str(record.status))
      return { kind: type, title: str(record.title) ?? 'Care plan', facts }
    }
    case 'DiagnosticReport': {
      push(facts, 'Conclusion', str(record.conclusion))
      push(facts, 'Date', dateText(record.effectiveDateTime ?? record.issued))
      return { kind: type, title: conceptText(record.code) ?? 'Report', facts }
    }
    case 'ImagingStudy': {
      push(facts, 'Modality', conceptText(list(record.modality)[0]))
      push(facts, 'Started', dateText(record.started))
      return { kind: type, title: str(record.description) ?? 'Imaging study', facts }
    }
    case 'DocumentReference': {
      const attachment = list(record.content).find(isObject)?.attachment
      const a = isObject(attachment) ? attachment : {}
      const title =
        str(a.title) ?? str(record.description) ?? conceptText(record.type) ?? 'Document'
      push(facts, 'Type', conceptText(record.type))
      push(facts, 'File', [str(a.contentType), sizeText(a.size)].filter(Boolean).join(', '))
      push(facts, 'Date', dateText(record.date ?? a.creation))
      const summary: RecordSummary = { kind: type, title, facts }
      if (str(a.data) && str(a.contentType))
        summary.attachment = {
          title,
          contentType: a.contentType as string,
          base64: a.data as string,
          size: typeof a.size === 'number' ? a.size : undefined,
        }
      return summary
    }
    default:
      push(facts, 'Status', str(record.status))
      return { kind: type, title: conceptText(record.code) ?? type, facts }
  }
}

function sizeText(size: unknown): string | undefined {
  if (typeof size !== 'number') return undefined
  if (size < 1024) return `${size} bytes`
  if (size < 1024 * 1024) return `${(size / 1024).toFixed(1)} KB`
  return `${(size / 1024 / 1024).toFixed(1)} MB`
}
