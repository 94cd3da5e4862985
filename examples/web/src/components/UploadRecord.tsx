import { createDocumentReference, validateFhirRecord } from '@medchain/sdk/fhir'
import { type FormEvent, useId, useState } from 'react'
import type { Address } from 'viem'
import { scopeRecordNoun } from '../lib/format.js'
import type { MedChainSession } from '../lib/medchain.js'
import { publishWithProgress, type UploadProgress } from '../lib/publishProgress.js'
import { ErrorNote, FieldError, InfoNote, ProgressBar } from './Feedback.js'
import { Field } from './Field.js'
import { RadioChoices } from './RadioChoices.js'

const modes = [
  ['fhir', 'A FHIR record (JSON)'],
  ['file', 'A file (PDF, image…)'],
] as const

/**
 * Adds a record: FHIR R4 JSON (checked by the SDK before anything is encrypted) or a file wrapped as
 * a DocumentReference. `patient` is set when a provider writes to a patient's chart; `scopes` limits
 * the categories (a provider may only write where it has write consent).
 */
export function UploadRecord(props: {
  medchain: MedChainSession
  patient?: Address | undefined
  onPublished: () => void
}) {
  const id = useId()
  const errorId = `${id}-error`
  const { medchain, patient } = props
  const [mode, setMode] = useState<'fhir' | 'file'>('fhir')
  const [json, setJson] = useState('')
  const [file, setFile] = useState<File>()
  const [fileScope, setFileScope] = useState('7')
  const [fieldError, setFieldError] = useState<string>()
  const [error, setError] = useState<unknown>()
  const [progress, setProgress] = useState<UploadProgress>()
  const [done, setDone] = useState<string>()
  const busy = progress !== undefined

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    setFieldError(undefined)
    setError(undefined)
    setDone(undefined)
    let data: Record<string, unknown>
    let scope: number | undefined
    try {
      if (mode === 'fhir') {
        if (!json.trim()) return setFieldError('Paste a FHIR R4 resource in JSON.')
        let parsed: unknown
        try {
          parsed = JSON.parse(json)
        } catch {
          return setFieldError('This is not valid JSON. Check brackets, quotes and commas.')
        }
        data = validateFhirRecord(parsed) as unknown as Record<string, unknown>
      } else {
        if (!file) return setFieldError('Choose a file to upload.')
        const bytes = new Uint8Array(await file.arrayBuffer())
        data = createDocumentReference({
          data: bytes,
          contentType: file.type || 'application/octet-stream',
          title: file.name,
          date: new Date(),
        }) as unknown as Record<string, unknown>
        scope = Number(fileScope)
      }
    } catch (caught) {
      return setError(caught)
    }
    try {
      const result = await publishWithProgress(
        medchain.client,
        { patient, scope, data },
        setProgress,
      )
      setDone(`Saved: ${scopeRecordNoun(result.anchor.scope)}, record #${result.anchor.seq}.`)
      setJson('')
      setFile(undefined)
      props.onPublished()
    } catch (caught) {
      console.error(caught)
      setError(caught)
    } finally {
      setProgress(undefined)
    }
  }

  return (
    <form className="stack" onSubmit={submit} noValidate>
      <RadioChoices
        legend="What are you adding?"
        name={`${id}-mode`}
        options={modes}
        value={mode}
        onChange={setMode}
      />
      {/* One message for whichever control is shown, below the fields: the controls point at it. */}
      {mode === 'fhir' ? (
        <Field
          id={`${id}-json`}
          label="FHIR R4 resource (JSON)"
          hint="The category follows the resource type: Observation → test results, MedicationRequest → prescriptions, Condition → diagnoses."
        >
          {(control) => (
            <textarea
              {...control}
              rows={8}
              spellCheck={false}
              value={json}
              onChange={(e) => setJson(e.target.value)}
              placeholder='{"resourceType": "Observation", ...}'
              aria-describedby={fieldError ? errorId : control['aria-describedby']}
            />
          )}
        </Field>
      ) : (
        <>
          <Field id={`${id}-file`} label="File">
            {(control) => (
              <input
                {...control}
                type="file"
                onChange={(e) => setFile(e.target.files?.[0])}
                aria-describedby={fieldError ? errorId : undefined}
              />
            )}
          </Field>
          <Field id={`${id}-scope`} label="Category">
            {(control) => (
              <select {...control} value={fileScope} onChange={(e) => setFileScope(e.target.value)}>
                <option value="7">Documents</option>
                <option value="6">Imaging</option>
              </select>
            )}
          </Field>
        </>
      )}
      <FieldError id={errorId} message={fieldError} />
      <button type="submit" className="button" disabled={busy}>
        Encrypt and save
      </button>
      <ProgressBar progress={progress} label="Saving the record" />
      <InfoNote tone="success">{done}</InfoNote>
      <ErrorNote error={error} />
    </form>
  )
}
