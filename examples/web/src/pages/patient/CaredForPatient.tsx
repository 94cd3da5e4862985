import { useState } from 'react'
import { ErrorNote, Pending } from '../../components/Feedback.js'
import { RecordsTimeline } from '../../components/RecordsTimeline.js'
import { useLoad } from '../../components/useLoad.js'
import type { MedChainSession } from '../../lib/medchain.js'
import { closedRecords, openRecords } from '../../lib/records.js'
import { AccessInbox } from './AccessInbox.js'
import { ActiveGrants } from './ActiveGrants.js'
import { type ActingFor, cannotReadText } from './actingFor.js'

/**
 * One patient the signed-in delegate cares for: its records (opened with the shared keys, or
 * counted and explained without them), its access requests and its active grants, each acting with
 * `patient`.
 */
export function CaredForPatient({
  medchain,
  actingFor,
}: {
  medchain: MedChainSession
  actingFor: ActingFor
}) {
  const { client } = medchain
  const { patient, name, holdsKeys } = actingFor
  const [version, setVersion] = useState(0)
  const changed = () => setVersion((v) => v + 1)
  // Without keys nothing can be opened: count the records and say why, with no read and no prompt.
  const records = useLoad(
    () =>
      holdsKeys
        ? openRecords(client, patient)
        : closedRecords(client, patient, cannotReadText(name)),
    [client, patient, holdsKeys, name, version],
  )
  const titleId = `cared-records-${patient}`
  return (
    <div className="columns columns-main">
      <section className="card" aria-labelledby={titleId}>
        <div className="section-head">
          <h2 id={titleId}>{name}'s records</h2>
          <button
            type="button"
            className="button button-ghost"
            aria-label={`Refresh ${name}'s records`}
            onClick={changed}
          >
            Refresh
          </button>
        </div>
        {records.loading && (
          <Pending>
            {holdsKeys
              ? `Fetching, verifying and decrypting ${name}'s records…`
              : `Reading ${name}'s record list…`}
          </Pending>
        )}
        <ErrorNote error={records.error} />
        {records.data && (
          <RecordsTimeline
            opened={records.data.opened}
            locked={records.data.locked}
            emptyText="Nothing yet."
          />
        )}
      </section>
      <div className="stack">
        <AccessInbox
          medchain={medchain}
          version={version}
          onChange={changed}
          actingFor={actingFor}
        />
        <ActiveGrants
          medchain={medchain}
          version={version}
          onChange={changed}
          actingFor={actingFor}
        />
      </div>
    </div>
  )
}
