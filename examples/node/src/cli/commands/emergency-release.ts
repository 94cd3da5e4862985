// medchain emergency release <patient> <provider>: the patient's emergency custodian wraps the keys
// of the scopes the provider took break-glass access to (every epoch) to the provider's key and
// records the release on chain. The chain refuses anyone but the custodian, and any time outside
// the provider's 24 hours.
import { type Command, string } from '../command.js'
import { info, printJson } from '../output.js'

export const emergencyRelease: Command = {
  name: 'emergency release',
  summary: "Release a patient's keys to a provider that broke the glass (emergency custodians)",
  args: '<patient> <provider>',
  minArgs: 2,
  maxArgs: 2,
  details: [
    "Only while the provider's break-glass access lasts. The release is an event in the patient's",
    "audit trail (emergency-keys-released). The provider's `medchain record read` then decrypts.",
    '',
    'Examples:',
    '  medchain emergency release 0x3C44…93BC 0x90F7…b906',
    '  medchain emergency release 0x3C44…93BC 0x90F7…b906 --scopes 2,4',
  ].join('\n'),
  options: {
    scopes: {
      type: 'string',
      value: '<list>',
      description: 'Comma-separated scopes (default: every scope of its unexpired access)',
    },
  },
  async run(ctx) {
    const { openClient } = await import('../client.js')
    const { parseAddress, parseScopes, scopeName } = await import('../parse.js')
    const patient = parseAddress(ctx.args[0], 'patient')
    const provider = parseAddress(ctx.args[1], 'provider')
    const scopesFlag = string(ctx, 'scopes')
    const scopes = scopesFlag === undefined ? undefined : parseScopes(scopesFlag)
    const { client, close } = await openClient(ctx.config, { needsKey: true })
    try {
      const result = await client.releaseEmergencyKeys({ patient, provider, scopes })
      if (ctx.json) return printJson(result)
      info(
        `Released the keys of ${result.scopes.map(scopeName).join(', ')} of ${patient} to ${provider}.`,
      )
      process.stdout.write(`envelope ${result.envelopeCid}\ntx       ${result.transactionHash}\n`)
    } finally {
      await close()
    }
  },
}
