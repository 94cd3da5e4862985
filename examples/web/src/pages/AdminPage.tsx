import type { RegisteredProvider } from '@medchain/sdk'
import type { Auth } from '../App.js'
import { ActionStatus, ErrorNote, Pending } from '../components/Feedback.js'
import { useAction } from '../components/useAction.js'
import { useLoad } from '../components/useLoad.js'

/** The administrator's worklist: providers waiting for verification, and the verified ones. */
export function AdminPage({ auth }: { auth: Auth }) {
  const { medchain } = auth
  // Newest registration first; a profile that cannot be loaded only disables its Verify button.
  const { data, error, loading, reload } = useLoad(
    async () => (await medchain.client.listProviders({ withProfiles: true })).reverse(),
    [medchain],
  )
  const action = useAction()

  const verify = async (row: RegisteredProvider) => {
    if (!row.profile) return
    const credentialRef = row.profile.credentialRef
    const result = await action.run(
      `Verifying ${row.profile.name}: confirm the transaction in your wallet…`,
      () => medchain.client.verifyProvider({ provider: row.provider, credentialRef }),
      `${row.profile.name} is verified and can now request access.`,
    )
    if (result) reload()
  }
  const suspend = async (row: RegisteredProvider) => {
    const name = row.profile?.name ?? row.provider
    const result = await action.run(
      `Suspending ${name}: confirm the transaction in your wallet…`,
      () => medchain.client.suspendProvider({ provider: row.provider, reasonCode: 1 }),
      `${name} is suspended: its access stops at once.`,
    )
    if (result) reload()
  }

  const pending = data?.filter((p) => p.status === 'pending') ?? []
  const others = data?.filter((p) => p.status !== 'pending') ?? []

  return (
    <div className="stack">
      <h1>Provider verification</h1>
      <p className="lead">
        Check each provider's credential reference against the licensing register before you verify
        it: a verified provider can ask patients for their records.
      </p>
      {loading && !data && <Pending>Loading providers…</Pending>}
      <ErrorNote error={error} />
      <ActionStatus action={action} />
      <section className="card" aria-labelledby="pending-title">
        <h2 id="pending-title">Waiting for verification</h2>
        {data && pending.length === 0 && <p className="muted">No provider is waiting.</p>}
        <ul className="plain-list">
          {pending.map((row) => (
            <ProviderItem key={row.provider} row={row} busy={action.busy} onVerify={verify} />
          ))}
        </ul>
      </section>
      <section className="card" aria-labelledby="verified-title">
        <h2 id="verified-title">Verified and suspended</h2>
        {data && others.length === 0 && <p className="muted">None yet.</p>}
        <ul className="plain-list">
          {others.map((row) => (
            <ProviderItem
              key={row.provider}
              row={row}
              busy={action.busy}
              onSuspend={suspend}
              onVerify={verify}
            />
          ))}
        </ul>
      </section>
    </div>
  )
}

function ProviderItem(props: {
  row: RegisteredProvider
  busy: boolean
  onVerify: (row: RegisteredProvider) => void
  onSuspend?: ((row: RegisteredProvider) => void) | undefined
}) {
  const { row } = props
  const name = row.profile?.name ?? 'Unknown provider'
  return (
    <li className="provider">
      <div className="provider-info">
        <h3>{name}</h3>
        <p className="muted">{row.profile?.institution ?? 'Profile could not be loaded'}</p>
        <dl className="facts">
          <div className="fact">
            <dt>Credential reference</dt>
            <dd>{row.profile?.credential ? String(row.profile.credential) : '—'}</dd>
          </div>
          <div className="fact">
            <dt>Credential hash</dt>
            <dd>
              <code className="address">{row.profile?.credentialRef ?? '—'}</code>
            </dd>
          </div>
          <div className="fact">
            <dt>Account</dt>
            <dd>
              <code className="address">{row.provider}</code>
            </dd>
          </div>
          <div className="fact">
            <dt>Status</dt>
            <dd>
              <span className={`badge badge-${row.status}`}>{row.status}</span>
            </dd>
          </div>
        </dl>
      </div>
      <div className="actions">
        {row.status !== 'verified' && (
          <button
            type="button"
            className="button"
            disabled={props.busy || !row.profile}
            onClick={() => props.onVerify(row)}
            aria-label={`Verify ${name}`}
          >
            Verify
          </button>
        )}
        {row.status === 'verified' && props.onSuspend && (
          <button
            type="button"
            className="button button-danger"
            disabled={props.busy}
            onClick={() => props.onSuspend?.(row)}
            aria-label={`Suspend ${name}`}
          >
            Suspend
          </button>
        )}
      </div>
    </li>
  )
}
