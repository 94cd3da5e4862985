import type { PendingRequest } from '@medchain/sdk'
import { type FormEvent, useState } from 'react'
import { ActionStatus, ErrorNote, FieldError, Pending } from '../../components/Feedback.js'
import { Field } from '../../components/Field.js'
import { addressBook } from '../../components/names.js'
import { RadioChoices } from '../../components/RadioChoices.js'
import { ScopeChoices } from '../../components/ScopeChoices.js'
import { useAction } from '../../components/useAction.js'
import { useLoad } from '../../components/useLoad.js'
import {
  formatDate,
  formatDuration,
  joinWords,
  nameOf,
  purposeLabel,
  scopeNoun,
} from '../../lib/format.js'
import type { MedChainSession } from '../../lib/medchain.js'
import { checkExpiryDate, checkScopes, dateInputValue, fieldErrors } from '../../lib/validation.js'
import { type ActingFor, cannotApproveText, delegateActionError } from './actingFor.js'

/**
 * Access requests waiting for the patient's answer: approve (scopes, read/write, expiry) or deny.
 * With `actingFor`, a delegate answers for that patient (a consent-only delegate can only deny).
 */
export function AccessInbox({
  medchain,
  version,
  onChange,
  actingFor,
}: {
  medchain: MedChainSession
  /** Changes when the page refreshes: the inbox reloads too. */
  version: number
  onChange: () => void
  actingFor?: ActingFor | undefined
}) {
  const { data, error, loading, reload } = useLoad(async () => {
    const requests = await medchain.client.listPendingRequests({ patient: actingFor?.patient })
    const book = await addressBook(
      medchain.client,
      requests.map((r) => r.provider),
    )
    return { requests, book }
  }, [medchain, version, actingFor?.patient])
  const changed = () => {
    reload()
    onChange()
  }
  const titleId = actingFor ? `inbox-title-${actingFor.patient}` : 'inbox-title'
  return (
    <section className="card" aria-labelledby={titleId}>
      <h2 id={titleId}>{actingFor ? `${actingFor.name}'s access requests` : 'Access requests'}</h2>
      {loading && !data && <Pending>Loading requests…</Pending>}
      <ErrorNote error={error} />
      {data && data.requests.length === 0 && <p className="muted">No pending requests.</p>}
      <ul className="plain-list">
        {data?.requests.map((request) => (
          <li key={String(request.requestId)}>
            <RequestCard
              medchain={medchain}
              request={request}
              providerName={nameOf(request.provider, data.book)}
              onAnswered={changed}
              actingFor={actingFor}
            />
          </li>
        ))}
      </ul>
    </section>
  )
}

const permissions = [
  ['read', 'Read only'],
  ['write', 'Read and add records'],
] as const

function RequestCard(props: {
  medchain: MedChainSession
  request: PendingRequest
  providerName: string
  onAnswered: () => void
  actingFor?: ActingFor | undefined
}) {
  const { request, medchain, actingFor } = props
  // Request ids count per patient: a delegate's inbox for another patient needs its own ids.
  const id = actingFor
    ? `request-${actingFor.patient}-${request.requestId}`
    : `request-${request.requestId}`
  const canApprove = !actingFor || actingFor.holdsKeys
  const days = Math.max(1, Math.round(Number(request.duration) / 86_400))
  const [scopes, setScopes] = useState<number[]>([...request.scopes])
  const [access, setAccess] = useState<'read' | 'write'>('read')
  const [expiry, setExpiry] = useState(dateInputValue(new Date(), days))
  const [errors, setErrors] = useState<{
    scopes?: string | undefined
    expiry?: string | undefined
  }>({})
  const action = useAction()

  const approve = async (event: FormEvent) => {
    event.preventDefault()
    if (!canApprove) return
    const checkedScopes = checkScopes(scopes)
    const checkedExpiry = checkExpiryDate(expiry)
    setErrors(fieldErrors({ scopes: checkedScopes, expiry: checkedExpiry }))
    if (!checkedScopes.ok || !checkedExpiry.ok) return
    const result = await action.run(
      'Approving: your wallet signs to unlock your keys, then confirm the transaction…',
      () =>
        medchain.client.grantAccess({
          patient: actingFor?.patient,
          grantee: request.provider,
          scopes: checkedScopes.value,
          expiry: checkedExpiry.value,
          write: access === 'write',
          requestId: request.requestId,
        }),
    )
    if (result) props.onAnswered()
  }
  const deny = async () => {
    const result = await action.run('Denying: confirm the transaction in your wallet…', () =>
      medchain.client.denyRequest({ patient: actingFor?.patient, requestId: request.requestId }),
    )
    if (result) props.onAnswered()
  }

  return (
    <form className="request" onSubmit={approve} noValidate aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{props.providerName}</h3>
      <p>
        Asks for <strong>{joinWords(request.scopes.map(scopeNoun))}</strong> for{' '}
        {purposeLabel(request.purpose).toLowerCase()}, for {formatDuration(request.duration)}.
      </p>
      {canApprove ? (
        <>
          <ScopeChoices
            legend="Share these categories"
            name={`${id}-scopes`}
            value={scopes}
            onChange={setScopes}
            describedBy={errors.scopes ? `${id}-scopes-error` : undefined}
          />
          <FieldError id={`${id}-scopes-error`} message={errors.scopes} />
          <RadioChoices
            legend="Permission"
            name={`${id}-access`}
            options={permissions}
            value={access}
            onChange={setAccess}
          />
          <Field
            id={`${id}-expiry`}
            label="Access ends on"
            error={errors.expiry}
            hint={
              <>
                Access stops at the end of that day{expiry ? ` (${safeDate(expiry)})` : ''}. You can
                revoke it earlier at any time.
              </>
            }
          >
            {(control) => (
              <input
                {...control}
                type="date"
                value={expiry}
                onChange={(e) => setExpiry(e.target.value)}
              />
            )}
          </Field>
        </>
      ) : (
        <p className="hint">{cannotApproveText(actingFor?.name ?? 'the patient')}</p>
      )}
      <div className="actions">
        {canApprove && (
          <button type="submit" className="button" disabled={action.busy}>
            Approve
          </button>
        )}
        <button
          type="button"
          className="button button-danger"
          disabled={action.busy}
          onClick={deny}
        >
          Deny
        </button>
      </div>
      <ActionStatus action={{ ...action, error: delegateActionError(action.error, actingFor) }} />
    </form>
  )
}

function safeDate(value: string): string {
  const date = new Date(`${value}T12:00:00`)
  return Number.isNaN(date.getTime()) ? value : formatDate(date)
}
