import { useState } from 'react'
import type { Address } from 'viem'
import { ActionStatus, ErrorNote } from '../../components/Feedback.js'
import { Field } from '../../components/Field.js'
import { useAction } from '../../components/useAction.js'
import { useLoad } from '../../components/useLoad.js'
import { emergencyAccessEnabled, emergencyCustodian } from '../../lib/chainReads.js'
import { shortAddress } from '../../lib/format.js'
import type { MedChainSession } from '../../lib/medchain.js'
import { newKeysSentence } from '../../lib/newKeys.js'

/** A verified provider the patient can choose as emergency custodian. */
type Custodian = { address: Address; label: string }

async function loadEmergencyState(medchain: MedChainSession) {
  const [enabled, custodian, providers] = await Promise.all([
    emergencyAccessEnabled(medchain, medchain.address),
    emergencyCustodian(medchain, medchain.address),
    medchain.client.listProviders({ status: 'verified', withProfiles: true }),
  ])
  const candidates: Custodian[] = providers.map((p) => ({
    address: p.provider,
    label: p.profile
      ? `${p.profile.name}${p.profile.institution ? `, ${p.profile.institution}` : ''}`
      : shortAddress(p.provider),
  }))
  const current = custodian
    ? (candidates.find((c) => c.address.toLowerCase() === custodian.toLowerCase()) ?? {
        address: custodian,
        label: shortAddress(custodian),
      })
    : undefined
  return { enabled, custodian: current, candidates }
}

/**
 * The break-glass opt-in. Turning it on names an emergency custodian (a verified provider) that holds
 * the patient's keys and releases them only to a provider that breaks the glass; turning it off
 * gives every started record category a new key so the former custodian is cut off.
 */
export function EmergencyAccess({
  medchain,
  onChange,
}: {
  medchain: MedChainSession
  onChange: () => void
}) {
  const { data, error, reload } = useLoad(() => loadEmergencyState(medchain), [medchain])
  const [choice, setChoice] = useState('')
  const [choiceError, setChoiceError] = useState<string>()
  const action = useAction()

  const turnOn = async () => {
    const custodian = data?.candidates.find((c) => c.address === choice)
    setChoiceError(custodian ? undefined : 'Choose an emergency custodian first.')
    if (!custodian) return
    const result = await action.run(
      'Turning emergency access on and sharing your keys with the custodian: confirm in your wallet…',
      () => medchain.client.setEmergencyAccess({ enabled: true, custodian: custodian.address }),
      `Emergency access is on. ${custodian.label} holds your keys for emergencies.`,
    )
    if (result) {
      reload()
      onChange()
    }
  }
  const turnOff = async () => {
    const result = await action.run(
      'Turning emergency access off: confirm the transactions in your wallet…',
      () => medchain.client.setEmergencyAccess({ enabled: false }),
      ({ rotations }) =>
        `Emergency access is off. ${newKeysSentence(rotations.length, 'your former custodian')}`.trim(),
    )
    if (result) {
      reload()
      onChange()
    }
  }

  return (
    <section className="card" aria-labelledby="emergency-title">
      <h2 id="emergency-title">Emergency access</h2>
      <p className="hint">
        When on, a verified provider can open your records for 24 hours in an emergency, without
        asking first. Every such access appears in your audit trail.
      </p>
      <p className="hint">
        Your <strong>emergency custodian</strong> is a verified provider you trust, such as your
        hospital's emergency key service. It holds your record keys and releases them only to a
        provider that breaks the glass; every release is on your audit trail.
      </p>
      <ErrorNote error={error} />
      {data?.enabled && (
        <p>
          Your emergency custodian: <strong>{data.custodian?.label ?? 'none'}</strong>
        </p>
      )}
      {data && !data.enabled && data.candidates.length === 0 && (
        <p className="muted">
          No verified provider can be your emergency custodian yet, so emergency access cannot be
          turned on.
        </p>
      )}
      {data && !data.enabled && data.candidates.length > 0 && (
        <Field id="emergency-custodian" label="Emergency custodian" error={choiceError}>
          {(control) => (
            <select {...control} value={choice} onChange={(e) => setChoice(e.target.value)}>
              <option value="">Choose a verified provider…</option>
              {data.candidates.map((c) => (
                <option key={c.address} value={c.address}>
                  {c.label}
                </option>
              ))}
            </select>
          )}
        </Field>
      )}
      {data && (data.enabled || data.candidates.length > 0) && (
        <label className="choice switch">
          <input
            type="checkbox"
            checked={data.enabled}
            disabled={action.busy}
            onChange={data.enabled ? turnOff : turnOn}
          />
          Allow emergency access
        </label>
      )}
      {data?.enabled && (
        <p className="hint">
          Turning it off gives your record categories new keys, so the custodian cannot open records
          added afterwards.
        </p>
      )}
      <ActionStatus action={action} />
    </section>
  )
}
