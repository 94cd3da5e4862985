import { ActionStatus, ErrorNote, Pending } from '../../components/Feedback.js'
import { addressBook } from '../../components/names.js'
import { useAction } from '../../components/useAction.js'
import { useLoad } from '../../components/useLoad.js'
import { formatDate, nameOf, scopeLabel } from '../../lib/format.js'
import type { MedChainSession } from '../../lib/medchain.js'

/** Who can read the patient's records now, until when, with a revoke button per grant. */
export function ActiveGrants(props: {
  medchain: MedChainSession
  version: number
  onChange: () => void
}) {
  const { medchain } = props
  const { data, error, loading } = useLoad(async () => {
    const grants = await medchain.client.listActiveGrants()
    const book = await addressBook(
      medchain.client,
      grants.map((g) => g.grantee),
    )
    return { grants, book }
  }, [medchain, props.version])
  const action = useAction()
  const revoke = async (grantee: `0x${string}`, scope: number) => {
    const result = await action.run(
      'Revoking: confirm the transactions in your wallet (the category gets a new key, so future records stay closed)…',
      () => medchain.client.revokeAccess({ grantee, scopes: [scope] }),
    )
    if (result) props.onChange()
  }
  return (
    <section className="card" aria-labelledby="grants-title">
      <h2 id="grants-title">Who has access</h2>
      {loading && !data && <Pending>Loading grants…</Pending>}
      <ErrorNote error={error} />
      {data && data.grants.length === 0 && (
        <p className="muted">Nobody has access to your records.</p>
      )}
      <ul className="plain-list grants">
        {data?.grants.map((grant) => {
          const who = nameOf(grant.grantee, data.book)
          const what = scopeLabel(grant.scope)
          return (
            <li key={`${grant.grantee}-${grant.scope}`} className="grant">
              <div>
                <strong>{who}</strong>
                <span className="muted">
                  {' '}
                  · {what} · {grant.write ? 'read and add' : 'read only'}
                  {grant.expiresAt ? ` · until ${formatDate(grant.expiresAt)}` : ''}
                  {grant.emergencyUntil
                    ? ` · emergency access until ${formatDate(grant.emergencyUntil)}`
                    : ''}
                </span>
              </div>
              <button
                type="button"
                className="button button-danger"
                disabled={action.busy}
                onClick={() => revoke(grant.grantee, grant.scope)}
                aria-label={`Revoke ${what.toLowerCase()} access of ${who}`}
              >
                Revoke
              </button>
            </li>
          )
        })}
      </ul>
      <p className="hint">
        Revoking stops future access. What a provider already read cannot be taken back.
      </p>
      <ActionStatus action={action} />
    </section>
  )
}
