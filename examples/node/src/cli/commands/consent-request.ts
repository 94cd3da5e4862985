// medchain consent request <patient>: a verified provider asks a patient for scopes, a purpose, a time.
import { type Command, string } from '../command.js'
import { info, printJson } from '../output.js'

export const consentRequest: Command = {
  name: 'consent request',
  summary: 'Ask a patient for access (verified providers)',
  args: '<patient>',
  minArgs: 1,
  details:
    'Example:\n  medchain consent request 0x3C44…93BC --scopes labs,prescriptions --days 30 --purpose treatment',
  options: {
    scopes: {
      type: 'string',
      value: '<list>',
      description: 'Comma-separated scopes, e.g. labs,prescriptions (required)',
    },
    days: {
      type: 'string',
      value: '<n>',
      description: 'How long the access should last (default 30)',
    },
    purpose: {
      type: 'string',
      value: '<purpose>',
      description: 'treatment (default), emergency-treatment, research, ... or a code',
    },
  },
  async run(ctx) {
    const { openClient } = await import('../client.js')
    const { parseAddress, parsePositiveInt, parsePurpose, parseScopes, purposeName } = await import(
      '../parse.js'
    )
    const patient = parseAddress(ctx.args[0], 'patient')
    const scopes = parseScopes(string(ctx, 'scopes'))
    const days = parsePositiveInt(string(ctx, 'days') ?? '30', '--days')
    const purpose = parsePurpose(string(ctx, 'purpose'))
    const { client, close } = await openClient(ctx.config, { needsAccount: true })
    try {
      const result = await client.requestAccess({
        patient,
        scopes,
        purpose,
        duration: BigInt(days) * 86_400n,
      })
      if (ctx.json) return printJson(result)
      info(
        `Asked ${patient} for ${scopes.length} scope(s), ${days} days, purpose ${purposeName(purpose)}`,
      )
      process.stdout.write(`request ${result.requestId}\ntx      ${result.transactionHash}\n`)
    } finally {
      await close()
    }
  },
}
