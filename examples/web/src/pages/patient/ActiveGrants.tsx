import { ActionStatus, ErrorNote, Pending } from '../../components/Feedback.js'
import { addressBook } from '../../components/names.js'
import { useAction } from '../../components/useAction.js'
import { useLoad } from '../../components/useLoad.js'
import { formatDate, nameOf, scopeLabel } from '../../lib/format.js'
import type { MedChainSession } from '../../lib/medchain.js'
import type { ActingFor } from './actingFor.js'

/**
 * Who can read the patient's records now, until when, with a revoke button per grant. With
 * `actingFor`, a delegate revokes for that patient; without its keys, without a new scope key.
 */
export function ActiveGrants(props: {
  medchain: MedChainSession
  version: number
  onChange: () => void
  actingFor?: ActingFor | undefined
}) {
  const { medchain, actingFor } = props
  // A consent-only delegate cannot start a new key epoch (it holds no keys): revoke on chain only.
  const rotate = !actingFor || actingFor.holdsKeys
  const { data, error, loading } = useLoad(async () => {
    const grants = await medchain.client.listActiveGrants({ patient: actingFor?.patient })
    const book = await addressBook(
      medchain.client,
      grants.map((g) => g.grantee),
    )
    return { grants, book }
  }, [medchain, props.version, actingFor?.patient])
  const action = useAction()
  const revoke = async (grantee: `0x${string}`, scope: number) => {
    const result = await action.run(
      rotate
        ? 'Revoking: confirm the transactions in your wallet (the category gets a new key, so future records stay closed)…'
        : 'Revoking: confirm the transaction in your wallet…',
      () =>
        medchain.client.revokeAccess({
          patient: actingFor?.patient,
          grantee,
          scopes: [scope],
          rotate,
        }),
      rotate ? undefined : notRotatedText(actingFor?.name ?? 'the patient'),
    )
    if (result) props.onChange()
  }
  const titleId = actingFor ? `grants-title-${actingFor.patient}` : 'grants-title'
  return (
    <section className="card" aria-labelledby={titleId}>
      <h2 id={titleId}>
        {actingFor ? `Who has access to ${actingFor.name}'s records` : 'Who has access'}
      </h2>
      {loading && !data && <Pending>Loading grants…</Pending>}
      <ErrorNote error={error} />
      {data && data.grants.length === 0 && (
        <p className="muted">
          {actingFor ? 'Nobody has access to their records.' : 'Nobody has access to your records.'}
        </p>
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
        {rotate
          ? ''
          : ` Without ${actingFor?.name ?? 'the patient'}'s record keys, you revoke on chain only: the category keeps its current key.`}
      </p>
      <ActionStatus action={action} />
    </section>
  )
}

/** What a revocation without a new scope key leaves open, said plainly. */
const notRotatedText = (name: string) =>
  `Access revoked on chain. You do not hold ${name}'s record keys, so the category keeps its current key: a provider that kept it could still decrypt records added from now on if it got them, until the category gets a new key (the next time ${name} revokes access to it).`
