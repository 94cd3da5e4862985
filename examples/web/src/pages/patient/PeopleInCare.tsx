import type { MedChainClient, PatientInCare } from '@medchain/sdk'
import { useState } from 'react'
import type { Address } from 'viem'
import { ErrorNote } from '../../components/Feedback.js'
import { useLoad } from '../../components/useLoad.js'
import { shortAddress } from '../../lib/format.js'
import type { MedChainSession } from '../../lib/medchain.js'
import type { ActingFor } from './actingFor.js'
import { CaredForPatient } from './CaredForPatient.js'

/** The patient's name from its encrypted profile (needs its keys), else its short address. */
async function patientName(client: MedChainClient, appointment: PatientInCare): Promise<string> {
  if (!appointment.holdsKeys) return shortAddress(appointment.patient)
  const profile = await client.getProfile({ account: appointment.patient }).catch(() => undefined)
  return profile?.role === 'patient' ? profile.profile.name : shortAddress(appointment.patient)
}

/**
 * "People you care for": the patients that made the signed-in account their guardian or caregiver
 * (read from the chain), and, for the one selected, its records, requests and grants. Hidden for an
 * account nobody appointed.
 */
export function PeopleInCare({
  medchain,
  version,
}: {
  medchain: MedChainSession
  version: number
}) {
  const { data, error } = useLoad(async () => {
    const appointments = await medchain.client.listPatientsInCare()
    return Promise.all(
      appointments.map(
        async (a): Promise<ActingFor & { kind: PatientInCare['kind'] }> => ({
          ...a,
          name: await patientName(medchain.client, a),
        }),
      ),
    )
  }, [medchain, version])
  const [selected, setSelected] = useState<Address>()
  if (!error && !data?.length) return null
  const current = data?.find((p) => p.patient === selected)
  return (
    <section className="card" aria-labelledby="care-title">
      <h2 id="care-title">People you care for</h2>
      <p className="hint">
        These patients made you their guardian or caregiver. With their record keys you can read,
        grant and revoke for them; without, you can deny requests and revoke access.
      </p>
      <ErrorNote error={error} />
      <ul className="plain-list">
        {data?.map((p) => (
          <li key={p.patient} className="grant">
            <span>
              <strong>{p.name}</strong> · {p.kind} ·{' '}
              {p.holdsKeys ? 'you hold their record keys' : 'consent only, no keys'}
            </span>
            <button
              type="button"
              className="button button-secondary"
              aria-pressed={p.patient === selected}
              aria-label={`Open ${p.name}`}
              onClick={() => setSelected(p.patient)}
            >
              Open
            </button>
          </li>
        ))}
      </ul>
      {current && <CaredForPatient key={current.patient} medchain={medchain} actingFor={current} />}
    </section>
  )
}
