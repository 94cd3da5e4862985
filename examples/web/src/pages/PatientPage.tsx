import { useState } from 'react'
import type { Auth } from '../App.js'
import { ErrorNote, Pending } from '../components/Feedback.js'
import { addressBook } from '../components/names.js'
import { RecordsTimeline } from '../components/RecordsTimeline.js'
import { UploadRecord } from '../components/UploadRecord.js'
import { useLoad } from '../components/useLoad.js'
import { openRecords } from '../lib/records.js'
import { AccessInbox } from './patient/AccessInbox.js'
import { ActiveGrants } from './patient/ActiveGrants.js'
import { AuditTrail } from './patient/AuditTrail.js'
import { Delegates } from './patient/Delegates.js'
import { EmergencyAccess } from './patient/EmergencyAccess.js'
import { PeopleInCare } from './patient/PeopleInCare.js'

/**
 * The patient's home: profile, records by category, sharing and the audit trail; for a delegate,
 * the patients it cares for.
 */
export function PatientPage({ auth }: { auth: Auth }) {
  const { medchain } = auth
  const { client, address } = medchain
  const [version, setVersion] = useState(0)
  const changed = () => setVersion((v) => v + 1)

  const profile = useLoad(() => client.getProfile(), [client])
  const records = useLoad(() => openRecords(client, address), [client, version])
  const audit = useLoad(async () => {
    const { entries } = await client.getAuditTimeline()
    const book = await addressBook(
      client,
      entries.flatMap((e) => [e.actor, e.counterpart]),
    )
    return { entries, book }
  }, [client, version])

  const patientProfile = profile.data?.role === 'patient' ? profile.data.profile : undefined

  return (
    <div className="stack">
      <header className="profile-head">
        {profile.loading && (
          <Pending>
            Unlocking your profile: your wallet asks you to sign (twice) to derive your key…
          </Pending>
        )}
        <ErrorNote error={profile.error} />
        {patientProfile && (
          <>
            <h1>{patientProfile.name}</h1>
            <p className="lead">
              {patientProfile.age} years · <span className="muted">patient</span>
            </p>
          </>
        )}
      </header>

      <div className="columns columns-main">
        <div className="stack">
          <section className="card" aria-labelledby="records-title">
            <div className="section-head">
              <h2 id="records-title">Your records</h2>
              <button type="button" className="button button-ghost" onClick={changed}>
                Refresh
              </button>
            </div>
            {records.loading && <Pending>Fetching, verifying and decrypting your records…</Pending>}
            <ErrorNote error={records.error} />
            {records.data && (
              <RecordsTimeline
                opened={records.data.opened}
                locked={records.data.locked}
                emptyText="Nothing yet."
              />
            )}
          </section>
          <section className="card" aria-labelledby="upload-title">
            <h2 id="upload-title">Add a record</h2>
            <UploadRecord medchain={medchain} onPublished={changed} />
          </section>
          <section className="card" aria-labelledby="audit-title">
            <h2 id="audit-title">Audit trail</h2>
            <p className="hint">
              Every event below is recorded on the blockchain and cannot be altered.
            </p>
            {audit.loading && !audit.data && <Pending>Reading the audit trail…</Pending>}
            <ErrorNote error={audit.error} />
            {audit.data && (
              <AuditTrail entries={audit.data.entries} self={address} book={audit.data.book} />
            )}
          </section>
        </div>
        <div className="stack">
          <AccessInbox medchain={medchain} version={version} onChange={changed} />
          <ActiveGrants medchain={medchain} version={version} onChange={changed} />
          <Delegates medchain={medchain} entries={audit.data?.entries} onChange={changed} />
          <EmergencyAccess medchain={medchain} onChange={changed} />
        </div>
      </div>
      <PeopleInCare medchain={medchain} version={version} />
    </div>
  )
}
