// medchain emergency enable|disable|access: break-glass access. A patient opts in (or out); a
// verified provider then takes 24-hour read access in an emergency, loudly recorded on chain.
import { type Command, string } from '../command.js'
import { info, printJson } from '../output.js'

const patientOption = {
  type: 'string',
  value: '<address>',
  description: 'The patient you act for as a delegate (default: yourself)',
} as const

/** `emergency enable` and `emergency disable`: the patient's opt-in. */
function toggle(enabled: boolean): Command {
  const word = enabled ? 'enable' : 'disable'
  return {
    name: `emergency ${word}`,
    summary: enabled
      ? 'Let verified providers take break-glass access in an emergency (patients, delegates)'
      : 'Turn break-glass access off again (patients, delegates)',
    maxArgs: 0,
    details: [
      enabled
        ? 'Any verified provider may then read the scopes it names for 24 hours, without asking first.\nEvery use is an event in your audit trail.'
        : 'Access already taken stays until it ends; revoke it with `medchain consent revoke`.',
      '',
      'Example:',
      `  medchain emergency ${word}`,
    ].join('\n'),
    options: { patient: patientOption },
    async run(ctx) {
      const { openClient } = await import('../client.js')
      const { parseAddress } = await import('../parse.js')
      const patientFlag = string(ctx, 'patient')
      const patient = patientFlag ? parseAddress(patientFlag, '--patient') : undefined
      const { client, close } = await openClient(ctx.config, { needsAccount: true })
      try {
        const result = await client.setEmergencyAccess({ enabled, patient })
        if (ctx.json) return printJson(result)
        info(
          enabled
            ? 'Emergency access is on: verified providers can take 24-hour read access.'
            : 'Emergency access is off.',
        )
        process.stdout.write(`tx ${result.transactionHash}\n`)
      } finally {
        await close()
      }
    },
  }
}

export const emergencyEnable = toggle(true)
export const emergencyDisable = toggle(false)

export const emergencyAccess: Command = {
  name: 'emergency access',
  summary: "Take 24-hour break-glass read access to a patient's scopes (verified providers)",
  args: '<patient>',
  minArgs: 1,
  maxArgs: 1,
  details: [
    'Only where the patient enabled emergency access. The access and its reason are recorded on',
    "chain and shown in the patient's audit trail. It authorises and records the access; the record",
    'keys must come from a key service that honours it.',
    '',
    'Example:',
    '  medchain emergency access 0x3C44…93BC --scopes diagnoses,prescriptions --reason 1',
  ].join('\n'),
  options: {
    scopes: {
      type: 'string',
      value: '<list>',
      description: 'Comma-separated scopes, e.g. diagnoses,prescriptions (required)',
    },
    reason: {
      type: 'string',
      value: '<code>',
      description: "Your application's non-zero reason code (required)",
    },
  },
  async run(ctx) {
    const { openClient } = await import('../client.js')
    const { parseAddress, parsePositiveInt, parseScopes, scopeName } = await import('../parse.js')
    const patient = parseAddress(ctx.args[0], 'patient')
    const scopes = parseScopes(string(ctx, 'scopes'))
    const reasonCode = parsePositiveInt(string(ctx, 'reason'), '--reason')
    const { client, close } = await openClient(ctx.config, { needsAccount: true })
    try {
      const result = await client.emergencyAccess({ patient, scopes, reasonCode })
      if (ctx.json) return printJson(result)
      const until = result.events[0]?.args.until
      info(
        `Emergency access to ${scopes.map(scopeName).join(', ')} of ${patient}${until ? ` until ${new Date(Number(until) * 1000).toISOString()}` : ''}. The patient sees it in the audit trail.`,
      )
      process.stdout.write(`tx ${result.transactionHash}\n`)
    } finally {
      await close()
    }
  },
}
