import type { CheckAccessReturnType } from '@medchain/sdk'
import { purposeOfUseCodes } from '@medchain/sdk/fhir'
import { type FormEvent, useCallback, useEffect, useState } from 'react'
import type { Address } from 'viem'
import {
  ActionStatus,
  ErrorNote,
  FieldError,
  InfoNote,
  Pending,
} from '../../components/Feedback.js'
import { Field } from '../../components/Field.js'
import { RecordsTimeline } from '../../components/RecordsTimeline.js'
import { ScopeChoices } from '../../components/ScopeChoices.js'
import { UploadRecord } from '../../components/UploadRecord.js'
import { useAction } from '../../components/useAction.js'
import { useLoad } from '../../components/useLoad.js'
import { recordScopes } from '../../lib/categories.js'
import { emergencyAccessEnabled } from '../../lib/chainReads.js'
import { findError } from '../../lib/errorMessage.js'
import {
  formatDate,
  formatDuration,
  joinWords,
  purposeLabel,
  scopeLabel,
  scopeNoun,
} from '../../lib/format.js'
import type { MedChainSession } from '../../lib/medchain.js'
import { openRecords } from '../../lib/records.js'
import { checkDurationDays, checkScopes, fieldErrors } from '../../lib/validation.js'
import { BreakGlass } from './BreakGlass.js'

/** How often the open chart re-checks consent, so expired or revoked records disappear. */
const recheckMs = 15_000

type Access = Map<number, CheckAccessReturnType>

/** One patient's chart as this provider may see it: access, records (verified), requests, writing. */
export function PatientChart({
  medchain,
  patient,
}: {
  medchain: MedChainSession
  patient: Address
}) {
  const [version, setVersion] = useState(0)
  const refresh = useCallback(() => setVersion((v) => v + 1), [])
  const chart = useLoad(async () => {
    const access: Access = new Map()
    for (const scope of recordScopes)
      access.set(scope, await medchain.client.checkAccess({ patient, scope }))
    const readable = new Set([...access].filter(([, a]) => a.read).map(([scope]) => scope))
    const records = waitingForCustodian(
      await openRecords(medchain.client, patient, readable),
      access,
    )
    const pending = (await medchain.client.listPendingRequests({ patient })).filter(
      (r) => r.provider.toLowerCase() === medchain.address.toLowerCase(),
    )
    const emergencyEnabled = await emergencyAccessEnabled(medchain, patient)
    return { access, readable, records, pending, emergencyEnabled }
  }, [medchain, patient, version])

  // Re-check consent regularly and at the next expiry: decrypted records of a scope whose access
  // ended are dropped from the page.
  const readable = chart.data?.readable
  useEffect(() => {
    if (!readable) return
    const timer = setInterval(async () => {
      for (const scope of readable) {
        const now = await medchain.client.checkAccess({ patient, scope }).catch(() => undefined)
        if (now && !now.read) return refresh()
      }
    }, recheckMs)
    return () => clearInterval(timer)
  }, [readable, medchain, patient, refresh])

  const writable = chart.data
    ? [...chart.data.access].filter(([, a]) => a.write).map(([scope]) => scope)
    : []

  return (
    <div className="stack">
      <section className="card" aria-labelledby="chart-title">
        <div className="section-head">
          <h2 id="chart-title">
            Patient <code className="address">{patient}</code>
          </h2>
          <button type="button" className="button button-ghost" onClick={refresh}>
            Refresh
          </button>
        </div>
        {chart.loading && (
          <Pending>Checking consent, then fetching, verifying and decrypting records…</Pending>
        )}
        <ErrorNote error={chart.error} />
        {chart.data && <AccessSummary access={chart.data.access} />}
        {chart.data && (
          <RecordsTimeline
            opened={chart.data.records.opened}
            locked={chart.data.records.locked}
            emptyText="No records you can see."
          />
        )}
      </section>
      {chart.data && chart.data.pending.length > 0 && (
        <InfoNote>
          {chart.data.pending.map((r) => (
            <span key={String(r.requestId)}>
              Your request for {joinWords(r.scopes.map(scopeNoun))} ({formatDuration(r.duration)})
              is waiting for the patient's answer.{' '}
            </span>
          ))}
        </InfoNote>
      )}
      <RequestAccess medchain={medchain} patient={patient} onRequested={refresh} />
      {chart.data?.emergencyEnabled && (
        <BreakGlass medchain={medchain} patient={patient} onOpened={refresh} />
      )}
      {writable.length > 0 && (
        <section className="card" aria-labelledby="write-title">
          <h2 id="write-title">Add to the chart</h2>
          <p className="hint">
            The patient allowed you to add {joinWords(writable.map(scopeNoun))}. Records are
            encrypted under the patient's keys: the patient and those they allow can read them.
          </p>
          <UploadRecord medchain={medchain} patient={patient} onPublished={refresh} />
        </section>
      )}
    </div>
  )
}

/**
 * After break-glass access the chain lets this provider read, but the keys come from the patient's
 * emergency custodian: until it releases them, reading fails with `ScopeKeyNotFoundError`. Say that,
 * rather than "ask the patient to grant access".
 */
function waitingForCustodian(
  records: Awaited<ReturnType<typeof openRecords>>,
  access: Access,
): Awaited<ReturnType<typeof openRecords>> {
  const locked = records.locked.map((l) =>
    access.get(l.scope)?.emergencyUntil && findError(l.error, 'ScopeKeyNotFoundError')
      ? {
          ...l,
          reason:
            "Emergency access is open: waiting for the patient's emergency custodian to release the keys. Refresh in a moment.",
        }
      : l,
  )
  return { ...records, locked }
}

function AccessSummary({ access }: { access: Access }) {
  const open = [...access].filter(([, a]) => a.read)
  return (
    <div className="access-summary">
      <h3>Your access</h3>
      {open.length === 0 ? (
        <p className="muted">You have no active access to this patient's records.</p>
      ) : (
        <ul className="plain-list">
          {open.map(([scope, a]) => (
            <li key={scope}>
              <strong>{scopeLabel(scope)}</strong>: {a.write ? 'read and add' : 'read'}
              {a.expiresAt ? ` until ${formatDate(a.expiresAt)}` : ''}
              {a.emergencyUntil ? ` (emergency access until ${formatDate(a.emergencyUntil)})` : ''}
            </li>
          ))}
        </ul>
      )}
    </div>
  )
}

const purposes = [1, 8, 2, 6, 4, 5] as const

function RequestAccess(props: {
  medchain: MedChainSession
  patient: Address
  onRequested: () => void
}) {
  const [scopes, setScopes] = useState<number[]>([5])
  const [purpose, setPurpose] = useState('1')
  const [days, setDays] = useState('30')
  const [errors, setErrors] = useState<{ scopes?: string | undefined; days?: string | undefined }>(
    {},
  )
  const action = useAction()
  const submit = async (event: FormEvent) => {
    event.preventDefault()
    const checkedScopes = checkScopes(scopes)
    const checkedDays = checkDurationDays(days)
    setErrors(fieldErrors({ scopes: checkedScopes, days: checkedDays }))
    if (!checkedScopes.ok || !checkedDays.ok) return
    const result = await action.run(
      'Sending the request: confirm the transaction in your wallet…',
      () =>
        props.medchain.client.requestAccess({
          patient: props.patient,
          scopes: checkedScopes.value,
          purpose: Number(purpose),
          duration: BigInt(checkedDays.value * 86_400),
        }),
      'Request sent. The patient sees it in their inbox.',
    )
    if (result) props.onRequested()
  }
  return (
    <section className="card" aria-labelledby="request-title">
      <h2 id="request-title">Request access</h2>
      <form className="stack" onSubmit={submit} noValidate>
        <ScopeChoices
          legend="Categories"
          name="request-scopes"
          value={scopes}
          onChange={setScopes}
          describedBy={errors.scopes ? 'request-scopes-error' : undefined}
        />
        <FieldError id="request-scopes-error" message={errors.scopes} />
        <div className="columns">
          <Field id="request-purpose" label="Purpose">
            {(control) => (
              <select {...control} value={purpose} onChange={(e) => setPurpose(e.target.value)}>
                {purposes
                  .filter((p) => purposeOfUseCodes[p])
                  .map((p) => (
                    <option key={p} value={p}>
                      {purposeLabel(p)}
                    </option>
                  ))}
              </select>
            )}
          </Field>
          <Field id="request-days" label="Duration (days)" error={errors.days}>
            {(control) => (
              <input
                {...control}
                inputMode="numeric"
                value={days}
                onChange={(e) => setDays(e.target.value)}
              />
            )}
          </Field>
        </div>
        <button type="submit" className="button" disabled={action.busy}>
          Send request
        </button>
      </form>
      <ActionStatus action={action} />
    </section>
  )
}
