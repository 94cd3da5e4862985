// medchain emergency enable|disable|access: break-glass access. A patient opts in by naming an
// emergency custodian (a verified provider that holds the patient's keys, e.g. a hospital's key
// service) or opts out; a verified provider then takes 24-hour read access in an emergency, loudly
// recorded on chain, and the custodian releases the keys to it (emergency-release.ts, -serve.ts).
import { type Command, string } from '../command.js'
import { info, printJson, printRotations, UsageError } from '../output.js'

const patientOption = {
  type: 'string',
  value: '<address>',
  description: 'The patient you act for as a delegate (default: yourself)',
} as const

export const emergencyEnable: Command = {
  name: 'emergency enable',
  summary:
    'Let verified providers take break-glass access; a custodian holds your keys (patients, delegates)',
  maxArgs: 0,
  details: [
    'Any verified provider may then read the scopes it names for 24 hours, without asking first.',
    'Every use is an event in your audit trail. The custodian (a verified provider you trust, such',
    "as a hospital's break-glass key service) receives all your scope keys now and every new epoch",
    "later, and releases them to a provider that broke the glass ('medchain emergency serve').",
    'The chain records each release; it cannot stop a dishonest custodian from sharing keys off chain.',
    '',
    'Examples:',
    '  medchain emergency enable --custodian 0x2361…1E8f',
    '  medchain emergency enable --custodian 0x2361…1E8f --patient 0x3C44…93BC   # as a delegate with keys',
  ].join('\n'),
  options: {
    custodian: {
      type: 'string',
      value: '<address>',
      description: 'The verified provider that holds your keys for emergencies (required)',
    },
    patient: patientOption,
  },
  async run(ctx) {
    const { parseAddress, scopeName } = await import('../parse.js')
    const custodianFlag = string(ctx, 'custodian')
    if (!custodianFlag)
      throw new UsageError(
        '--custodian is required: the verified provider that holds your keys and releases them in an emergency.',
      )
    const custodian = parseAddress(custodianFlag, '--custodian')
    const patientFlag = string(ctx, 'patient')
    const patient = patientFlag ? parseAddress(patientFlag, '--patient') : undefined
    const { openClient } = await import('../client.js')
    // The X25519 key: this account unwraps the patient's scope keys to wrap them to the custodian.
    const { client, close } = await openClient(ctx.config, { needsKey: true })
    try {
      const result = await client.setEmergencyAccess({ enabled: true, custodian, patient })
      if (ctx.json) return printJson(result)
      info(
        `Emergency access is on: verified providers can take 24-hour read access; ${custodian} holds the keys and releases them to a provider that does.`,
      )
      process.stdout.write(
        `custodian ${custodian}\nenvelope  ${result.envelopeCid}\ntx        ${result.transactionHash}\n`,
      )
      printRotations(result, scopeName)
    } finally {
      await close()
    }
  },
}

export const emergencyDisable: Command = {
  name: 'emergency disable',
  summary:
    'Turn break-glass access off and rotate keys away from the custodian (patients, delegates)',
  maxArgs: 0,
  details: [
    'Every started scope gets a new key epoch that the former custodian does not receive, so it',
    'cannot open records published from now on (what it could already open stays open to it).',
    'Access already taken stays until it ends; revoke it with `medchain consent revoke`.',
    'A delegate without keys passes --no-rotate and leaves the rotation to the patient.',
    '',
    'Examples:',
    '  medchain emergency disable',
    '  medchain emergency disable --patient 0x3C44…93BC --no-rotate   # as a consent-only delegate',
  ].join('\n'),
  options: {
    patient: patientOption,
    'no-rotate': {
      type: 'boolean',
      description: 'Do not start new key epochs (the former custodian keeps the current keys)',
    },
  },
  async run(ctx) {
    const { openClient } = await import('../client.js')
    const { parseAddress } = await import('../parse.js')
    const patientFlag = string(ctx, 'patient')
    const patient = patientFlag ? parseAddress(patientFlag, '--patient') : undefined
    const rotate = ctx.flags['no-rotate'] !== true
    // Rotating wraps new scope keys, so it needs the X25519 key; turning off alone only signs.
    const { client, close } = await openClient(ctx.config, { needsKey: rotate, needsAccount: true })
    try {
      const result = await client.setEmergencyAccess({ enabled: false, patient, rotate })
      if (ctx.json) return printJson(result)
      info(
        rotate
          ? 'Emergency access is off. The former custodian cannot open records published from now on.'
          : 'Emergency access is off. Keys not rotated: the former custodian can still open records of the current epochs.',
      )
      process.stdout.write(`tx ${result.transactionHash}\n`)
      const { scopeName } = await import('../parse.js')
      printRotations(result, scopeName)
    } finally {
      await close()
    }
  },
}

export const emergencyAccess: Command = {
  name: 'emergency access',
  summary: "Take 24-hour break-glass read access to a patient's scopes (verified providers)",
  args: '<patient>',
  minArgs: 1,
  maxArgs: 1,
  details: [
    'Only where the patient enabled emergency access. The access and its reason are recorded on',
    "chain and shown in the patient's audit trail. The record keys come from the patient's emergency",
    "custodian, which sees the request in 'medchain emergency requests' and releases them; until",
    "then 'medchain record read' fails with ScopeKeyNotFoundError.",
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
        `Emergency access to ${scopes.map(scopeName).join(', ')} of ${patient}${until ? ` until ${new Date(Number(until) * 1000).toISOString()}` : ''}. The patient sees it in the audit trail; the keys come from its emergency custodian.`,
      )
      process.stdout.write(`tx ${result.transactionHash}\n`)
    } finally {
      await close()
    }
  },
}
