import { type FormEvent, useState } from 'react'
import type { Address } from 'viem'
import { ActionStatus, FieldError } from '../../components/Feedback.js'
import { Field } from '../../components/Field.js'
import { ScopeChoices } from '../../components/ScopeChoices.js'
import { useAction } from '../../components/useAction.js'
import type { MedChainSession } from '../../lib/medchain.js'
import { checkScopes } from '../../lib/validation.js'

/**
 * Why the glass was broken: the contract takes any non-zero code and logs it in the patient's audit
 * trail; these are the app's own codes.
 */
export const emergencyReasons = [
  { code: 1, label: 'Emergency treatment' },
  { code: 2, label: 'Patient unconscious or unable to consent' },
  { code: 3, label: 'Life-threatening condition' },
] as const

/**
 * Break-glass access for a patient who opted in: 24 hours of on-chain read access to the chosen
 * categories, logged; the records open once the patient's emergency custodian releases the keys.
 */
export function BreakGlass(props: {
  medchain: MedChainSession
  patient: Address
  onOpened: () => void
}) {
  const [scopes, setScopes] = useState<number[]>([5])
  const [reason, setReason] = useState('1')
  const [scopesError, setScopesError] = useState<string>()
  const action = useAction()
  const submit = async (event: FormEvent) => {
    event.preventDefault()
    const checked = checkScopes(scopes)
    setScopesError(checked.ok ? undefined : checked.message)
    if (!checked.ok) return
    const result = await action.run(
      'Opening emergency access: confirm the transaction in your wallet…',
      () =>
        props.medchain.client.emergencyAccess({
          patient: props.patient,
          scopes: checked.value,
          reasonCode: Number(reason),
        }),
      "Emergency access is open for 24 hours and logged. The records open once the patient's emergency custodian releases the keys.",
    )
    if (result) props.onOpened()
  }
  return (
    <section className="card" aria-labelledby="break-glass-title">
      <h2 id="break-glass-title">Break-glass access</h2>
      <p className="hint">
        This patient allows emergency access. Use it only when you cannot ask them: it lasts 24
        hours, the patient sees it in their audit trail, and their emergency custodian releases the
        keys.
      </p>
      <form className="stack" onSubmit={submit} noValidate>
        <ScopeChoices
          legend="Categories needed"
          name="break-glass-scopes"
          value={scopes}
          onChange={setScopes}
          describedBy={scopesError ? 'break-glass-scopes-error' : undefined}
        />
        <FieldError id="break-glass-scopes-error" message={scopesError} />
        <Field id="break-glass-reason" label="Reason">
          {(control) => (
            <select {...control} value={reason} onChange={(e) => setReason(e.target.value)}>
              {emergencyReasons.map((r) => (
                <option key={r.code} value={r.code}>
                  {r.label}
                </option>
              ))}
            </select>
          )}
        </Field>
        <button type="submit" className="button button-danger" disabled={action.busy}>
          Break the glass
        </button>
      </form>
      <ActionStatus action={action} />
    </section>
  )
}
