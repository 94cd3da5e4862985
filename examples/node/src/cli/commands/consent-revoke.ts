// medchain consent revoke <provider>: clears the grant and starts a new scope-key epoch, so records
// published from now on are unreadable to the provider. What it already read cannot be taken back.
// A delegate holding the patient's keys does the same with --patient.
import { type Command, string } from '../command.js'
import { info, printJson, printRotations } from '../output.js'

export const consentRevoke: Command = {
  name: 'consent revoke',
  summary: "Revoke a provider's access to scopes and rotate their keys (patients, delegates)",
  args: '<provider>',
  minArgs: 1,
  maxArgs: 1,
  details: [
    'A delegate without keys cannot rotate: it passes --no-rotate and leaves the rotation to the',
    'patient (until then the provider can still open new records of the current epoch, but holds',
    'no consent to be served them).',
    '',
    'Examples:',
    '  medchain consent revoke 0x7099…79C8 --scopes labs',
    '  medchain consent revoke 0x7099…79C8 --scopes labs --patient 0x3C44…93BC   # as a delegate',
  ].join('\n'),
  options: {
    scopes: { type: 'string', value: '<list>', description: 'Comma-separated scopes (required)' },
    patient: {
      type: 'string',
      value: '<address>',
      description: 'The patient you act for as a delegate (default: yourself)',
    },
    'no-rotate': {
      type: 'boolean',
      description: 'Revoke without starting new key epochs (delegates without keys)',
    },
  },
  async run(ctx) {
    const { openClient } = await import('../client.js')
    const { parseAddress, parseScopes, scopeName } = await import('../parse.js')
    const grantee = parseAddress(ctx.args[0], 'provider')
    const scopes = parseScopes(string(ctx, 'scopes'))
    const patientFlag = string(ctx, 'patient')
    const patient = patientFlag ? parseAddress(patientFlag, '--patient') : undefined
    const rotate = ctx.flags['no-rotate'] !== true
    const { client, close } = await openClient(ctx.config, { needsKey: rotate, needsAccount: true })
    try {
      const result = await client.revokeAccess({ patient, grantee, scopes, rotate })
      if (ctx.json) return printJson(result)
      info(
        rotate
          ? `Revoked ${grantee}: ${scopes.map(scopeName).join(', ')}. New records use new keys; what it already decrypted cannot be taken back.`
          : `Revoked ${grantee}: ${scopes.map(scopeName).join(', ')}. Keys not rotated: the patient should rotate them.`,
      )
      process.stdout.write(`tx ${result.transactionHash}\n`)
      printRotations(result, scopeName)
    } finally {
      await close()
    }
  },
}
