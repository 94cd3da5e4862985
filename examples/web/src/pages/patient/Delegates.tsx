import type { AuditEntry } from '@medchain/sdk'
import { type FormEvent, useState } from 'react'
import type { Address } from 'viem'
import { ActionStatus } from '../../components/Feedback.js'
import { Field } from '../../components/Field.js'
import { useAction } from '../../components/useAction.js'
import { shortAddress } from '../../lib/format.js'
import type { MedChainSession } from '../../lib/medchain.js'
import { checkAddress } from '../../lib/validation.js'

/** The current delegates, from the last `delegate-updated` event of each address. */
export function currentDelegates(
  entries: readonly AuditEntry[],
): { address: Address; kind: string }[] {
  const latest = new Map<string, { address: Address; kind: string }>()
  for (const entry of entries)
    if (entry.kind === 'delegate-updated' && entry.counterpart)
      latest.set(entry.counterpart.toLowerCase(), {
        address: entry.counterpart,
        kind: String(entry.details.kind),
      })
  return [...latest.values()].filter((d) => d.kind !== 'none')
}

/** Guardians and caregivers who may manage consent for the patient. */
export function Delegates(props: {
  medchain: MedChainSession
  entries: readonly AuditEntry[] | undefined
  onChange: () => void
}) {
  const [address, setAddress] = useState('')
  const [kind, setKind] = useState<'guardian' | 'caregiver'>('caregiver')
  const [fieldError, setFieldError] = useState<string>()
  const action = useAction()
  const delegates = currentDelegates(props.entries ?? [])

  const add = async (event: FormEvent) => {
    event.preventDefault()
    const checked = checkAddress(address)
    setFieldError(checked.ok ? undefined : checked.message)
    if (!checked.ok) return
    const result = await action.run(
      'Adding the delegate: confirm the transaction in your wallet…',
      () => props.medchain.client.setDelegate({ delegate: checked.value, kind }),
      'Delegate added.',
    )
    if (result) {
      setAddress('')
      props.onChange()
    }
  }
  const remove = async (delegate: Address) => {
    const result = await action.run(
      'Removing the delegate: confirm the transaction in your wallet…',
      () => props.medchain.client.setDelegate({ delegate, kind: 'none' }),
      'Delegate removed.',
    )
    if (result) props.onChange()
  }

  return (
    <section className="card" aria-labelledby="delegates-title">
      <h2 id="delegates-title">Delegates</h2>
      <p className="hint">
        A guardian or caregiver can answer access requests and revoke access on your behalf. They
        cannot read your records unless you also grant them access.
      </p>
      {delegates.length === 0 ? (
        <p className="muted">No delegates.</p>
      ) : (
        <ul className="plain-list">
          {delegates.map((d) => (
            <li key={d.address} className="grant">
              <span>
                <code className="address">{shortAddress(d.address)}</code> · {d.kind}
              </span>
              <button
                type="button"
                className="button button-ghost"
                disabled={action.busy}
                onClick={() => remove(d.address)}
              >
                Remove
              </button>
            </li>
          ))}
        </ul>
      )}
      <form className="inline-form" onSubmit={add} noValidate>
        <Field id="delegate-address" label="Delegate's account address" error={fieldError}>
          {(control) => (
            <input
              {...control}
              value={address}
              onChange={(e) => setAddress(e.target.value)}
              spellCheck={false}
            />
          )}
        </Field>
        <Field id="delegate-kind" label="Relationship">
          {(control) => (
            <select
              {...control}
              value={kind}
              onChange={(e) => setKind(e.target.value as typeof kind)}
            >
              <option value="caregiver">Caregiver</option>
              <option value="guardian">Guardian</option>
            </select>
          )}
        </Field>
        <button type="submit" className="button button-secondary" disabled={action.busy}>
          Add delegate
        </button>
      </form>
      <ActionStatus action={action} />
    </section>
  )
}
