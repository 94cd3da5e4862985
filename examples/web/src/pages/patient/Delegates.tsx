import type { AuditEntry } from '@medchain/sdk'
import { type FormEvent, useState } from 'react'
import type { Address } from 'viem'
import { ActionStatus } from '../../components/Feedback.js'
import { Field } from '../../components/Field.js'
import { useAction } from '../../components/useAction.js'
import { findError } from '../../lib/errorMessage.js'
import { shortAddress } from '../../lib/format.js'
import type { MedChainSession } from '../../lib/medchain.js'
import { newKeysSentence } from '../../lib/newKeys.js'
import { checkAddress } from '../../lib/validation.js'

/** A delegate as the last `delegate-updated` event set it: whether it holds the record keys. */
export type CurrentDelegate = { address: Address; kind: string; holdsKeys: boolean }

/** The current delegates, from the last `delegate-updated` event of each address. */
export function currentDelegates(entries: readonly AuditEntry[]): CurrentDelegate[] {
  const latest = new Map<string, CurrentDelegate>()
  for (const entry of entries)
    if (entry.kind === 'delegate-updated' && entry.counterpart)
      latest.set(entry.counterpart.toLowerCase(), {
        address: entry.counterpart,
        kind: String(entry.details.kind),
        // The SDK gives the CID of the key envelope wrapped to the delegate, null without keys.
        holdsKeys: typeof entry.details.envelopeCid === 'string',
      })
  return [...latest.values()].filter((d) => d.kind !== 'none')
}

/** A delegate without an account has no encryption key to wrap the record keys to: say what to do. */
function delegateError(error: unknown): unknown {
  return findError(error, 'NotRegisteredError')
    ? 'This person has no MedChain account yet, so your keys cannot be shared with them. Ask them to register first, or add them without sharing your keys.'
    : error
}

/** Guardians and caregivers who may manage consent for the patient. */
export function Delegates(props: {
  medchain: MedChainSession
  entries: readonly AuditEntry[] | undefined
  onChange: () => void
}) {
  const [address, setAddress] = useState('')
  const [kind, setKind] = useState<'guardian' | 'caregiver'>('caregiver')
  const [shareKeys, setShareKeys] = useState(true)
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
      () => props.medchain.client.setDelegate({ delegate: checked.value, kind, shareKeys }),
      shareKeys ? 'Delegate added, with your record keys.' : 'Delegate added, without keys.',
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
      ({ rotations }) =>
        `Delegate removed. ${newKeysSentence(rotations.length, 'the former delegate')}`.trim(),
    )
    if (result) props.onChange()
  }

  return (
    <section className="card" aria-labelledby="delegates-title">
      <h2 id="delegates-title">Delegates</h2>
      <p className="hint">
        A guardian or caregiver can answer access requests and revoke access on your behalf. With
        your record keys they can also grant, revoke and read your records for you.
      </p>
      {delegates.length === 0 ? (
        <p className="muted">No delegates.</p>
      ) : (
        <ul className="plain-list">
          {delegates.map((d) => (
            <li key={d.address} className="grant">
              <span>
                <code className="address">{shortAddress(d.address)}</code> · {d.kind} ·{' '}
                {d.holdsKeys ? 'holds your keys' : 'no keys'}
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
        <label className="choice">
          <input
            type="checkbox"
            checked={shareKeys}
            aria-describedby="delegate-keys-hint"
            onChange={(e) => setShareKeys(e.target.checked)}
          />
          Share my record keys
        </label>
        <p className="hint" id="delegate-keys-hint">
          A delegate with keys can grant, revoke and read for you; without, it only manages consent.
        </p>
        <button type="submit" className="button button-secondary" disabled={action.busy}>
          Add delegate
        </button>
      </form>
      <ActionStatus action={{ ...action, error: delegateError(action.error) }} />
    </section>
  )
}
