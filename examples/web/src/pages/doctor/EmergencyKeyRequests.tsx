import type { EmergencyKeyRequest } from '@medchain/sdk'
import { ActionStatus, ErrorNote, Pending } from '../../components/Feedback.js'
import { providerName } from '../../components/names.js'
import { useAction } from '../../components/useAction.js'
import { useLoad } from '../../components/useLoad.js'
import { formatDateTime, joinWords, scopeNoun, shortAddress } from '../../lib/format.js'
import type { MedChainSession } from '../../lib/medchain.js'

/** A request with the provider's display name. */
type NamedRequest = EmergencyKeyRequest & { providerName: string }

async function loadRequests(medchain: MedChainSession): Promise<NamedRequest[]> {
  const requests = await medchain.client.listEmergencyKeyRequests()
  return Promise.all(
    requests.map(async (r) => ({
      ...r,
      providerName: await providerName(medchain.client, r.provider),
    })),
  )
}

/**
 * For a provider that is some patients' emergency custodian: the providers that broke the glass and
 * wait for keys, each with a button that releases the keys of those categories to them (logged on
 * chain, on the patient's audit trail).
 */
export function EmergencyKeyRequests({ medchain }: { medchain: MedChainSession }) {
  const requests = useLoad(() => loadRequests(medchain), [medchain])
  const action = useAction()
  const release = async (request: NamedRequest) => {
    const result = await action.run(
      `Releasing the keys to ${request.providerName}: confirm the transaction in your wallet…`,
      () =>
        medchain.client.releaseEmergencyKeys({
          patient: request.patient,
          provider: request.provider,
          scopes: request.scopes,
        }),
      `Keys released to ${request.providerName}.`,
    )
    if (result) requests.reload()
  }
  return (
    <section className="card" aria-labelledby="key-requests-title">
      <div className="section-head">
        <h2 id="key-requests-title">Emergency key requests</h2>
        <button type="button" className="button button-ghost" onClick={requests.reload}>
          Check again
        </button>
      </div>
      <p className="hint">
        Patients who chose you as their emergency custodian trust you with their keys. When a
        provider breaks the glass, release the keys here: each release is on the patient's audit
        trail.
      </p>
      {requests.loading && !requests.data && <Pending>Looking for emergency requests…</Pending>}
      <ErrorNote error={requests.error} />
      {requests.data?.length === 0 && (
        <p className="muted">No provider is waiting for emergency keys from you.</p>
      )}
      {requests.data && requests.data.length > 0 && (
        <ul className="plain-list">
          {requests.data.map((r) => (
            <li key={`${r.patient}-${r.provider}`} className="grant">
              <span>
                <strong>{r.providerName}</strong> broke the glass for patient{' '}
                <code className="address">{shortAddress(r.patient)}</code> and needs the keys to{' '}
                {joinWords(r.scopes.map(scopeNoun))} (until {formatDateTime(r.until)}).
              </span>
              <button
                type="button"
                className="button"
                disabled={action.busy}
                onClick={() => release(r)}
              >
                Release keys
              </button>
            </li>
          ))}
        </ul>
      )}
      <ActionStatus action={action} />
    </section>
  )
}
