import { ActionStatus, ErrorNote } from '../../components/Feedback.js'
import { useAction } from '../../components/useAction.js'
import { useLoad } from '../../components/useLoad.js'
import { emergencyAccessEnabled } from '../../lib/chainReads.js'
import type { MedChainSession } from '../../lib/medchain.js'

/** The break-glass opt-in: verified providers may open records in an emergency, and it is logged. */
export function EmergencyAccess({
  medchain,
  onChange,
}: {
  medchain: MedChainSession
  onChange: () => void
}) {
  const {
    data: enabled,
    error,
    reload,
  } = useLoad(() => emergencyAccessEnabled(medchain, medchain.address), [medchain])
  const action = useAction()
  const toggle = async () => {
    const result = await action.run(
      `Turning emergency access ${enabled ? 'off' : 'on'}: confirm the transaction in your wallet…`,
      () => medchain.client.setEmergencyAccess({ enabled: !enabled }),
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
        When on, a verified provider can open your records for a limited time in an emergency,
        without asking first. Every such access appears in your audit trail.
      </p>
      <ErrorNote error={error} />
      {enabled !== undefined && (
        <label className="choice switch">
          <input type="checkbox" checked={enabled} disabled={action.busy} onChange={toggle} />
          Allow emergency access
        </label>
      )}
      <ActionStatus action={action} />
    </section>
  )
}
