import { type FormEvent, useState } from 'react'
import type { Address } from 'viem'
import type { Auth } from '../App.js'
import { ActionStatus, ErrorNote, Pending } from '../components/Feedback.js'
import { Field } from '../components/Field.js'
import { useAction } from '../components/useAction.js'
import { useLoad } from '../components/useLoad.js'
import { isPatient, providerStatus } from '../lib/chainReads.js'
import { checkAddress } from '../lib/validation.js'
import { EmergencyKeyRequests } from './doctor/EmergencyKeyRequests.js'
import { PatientChart } from './doctor/PatientChart.js'

const statusText = {
  pending: 'Waiting for verification',
  verified: 'Verified provider',
  suspended: 'Suspended',
} as const

/** The provider's page: profile and verification, then a patient's chart by address. */
export function DoctorPage({ auth }: { auth: Auth }) {
  const { medchain } = auth
  const { data, error, loading } = useLoad(async () => {
    const [profile, status] = await Promise.all([
      medchain.client.getProfile(),
      providerStatus(medchain, medchain.address),
    ])
    return { profile: profile.role === 'provider' ? profile.profile : undefined, status }
  }, [medchain])
  const [patient, setPatient] = useState<Address>()

  return (
    <div className="stack">
      <header className="profile-head">
        {loading && <Pending>Loading your profile…</Pending>}
        <ErrorNote error={error} />
        {data?.profile && (
          <>
            <h1>{data.profile.name}</h1>
            <p className="lead">
              {data.profile.institution} ·{' '}
              <span className={`badge badge-${data.status}`}>{statusText[data.status]}</span>
            </p>
          </>
        )}
      </header>
      {data?.status === 'pending' && (
        <section className="card" aria-labelledby="waiting-title">
          <h2 id="waiting-title">Waiting for verification</h2>
          <p>
            An administrator checks your credential reference
            {data.profile?.credential ? ` (${String(data.profile.credential)})` : ''} and then
            verifies your account on chain. Until then you cannot request or read patient records.
            Reload this page later.
          </p>
        </section>
      )}
      {data?.status === 'suspended' && (
        <p className="note note-error" role="alert">
          Your provider account is suspended: you cannot request or read records. Contact your
          MedChain administrator.
        </p>
      )}
      {data?.status === 'verified' && (
        <>
          <FindPatient medchain={medchain} onFound={setPatient} />
          {patient && <PatientChart key={patient} medchain={medchain} patient={patient} />}
          <EmergencyKeyRequests medchain={medchain} />
        </>
      )}
    </div>
  )
}

function FindPatient(props: { medchain: Auth['medchain']; onFound: (patient: Address) => void }) {
  const [input, setInput] = useState('')
  const [fieldError, setFieldError] = useState<string>()
  const action = useAction()
  const find = async (event: FormEvent) => {
    event.preventDefault()
    const checked = checkAddress(input)
    if (!checked.ok) return setFieldError(checked.message)
    setFieldError(undefined)
    const found = await action.run('Looking up the patient…', () =>
      isPatient(props.medchain, checked.value),
    )
    if (found === false)
      setFieldError(
        `No patient is registered at ${checked.value}. Check the address with the patient.`,
      )
    if (found) props.onFound(checked.value)
  }
  return (
    <section className="card" aria-labelledby="find-title">
      <h2 id="find-title">Find a patient</h2>
      <form className="inline-form" onSubmit={find} noValidate>
        <Field
          id="patient-address"
          label="Patient's account address"
          error={fieldError}
          className="grow"
        >
          {(control) => (
            <input
              {...control}
              value={input}
              spellCheck={false}
              placeholder="0x…"
              onChange={(e) => setInput(e.target.value)}
            />
          )}
        </Field>
        <button type="submit" className="button" disabled={action.busy}>
          Find patient
        </button>
      </form>
      <ActionStatus action={action} />
    </section>
  )
}
