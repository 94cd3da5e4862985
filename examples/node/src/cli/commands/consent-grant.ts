// medchain consent grant <provider>: the patient wraps the scope keys to the provider's key and
// records the grant on chain. With --request, scopes and duration default to the request's. A delegate
// holding the patient's keys grants for it with --patient.
import { type Command, string } from '../command.js'
import { CliError, info, printJson } from '../output.js'

export const consentGrant: Command = {
  name: 'consent grant',
  summary: 'Grant a provider access to scopes (patients, delegates with keys)',
  args: '<provider>',
  minArgs: 1,
  maxArgs: 1,
  details: [
    'Examples:',
    '  medchain consent grant 0x7099…79C8 --request 1            # what request 1 asked for',
    '  medchain consent grant 0x7099…79C8 --scopes labs --days 7',
    '  medchain consent grant 0x7099…79C8 --scopes labs --days 7 --patient 0x3C44…93BC   # as a delegate',
  ].join('\n'),
  options: {
    scopes: {
      type: 'string',
      value: '<list>',
      description: "Comma-separated scopes (default: the request's)",
    },
    days: {
      type: 'string',
      value: '<n>',
      description: "Days until the grant expires (default: the request's)",
    },
    request: {
      type: 'string',
      value: '<id>',
      description: 'The request this answers (from consent inbox)',
    },
    write: { type: 'boolean', description: 'Also allow the provider to add records' },
    patient: {
      type: 'string',
      value: '<address>',
      description: 'The patient you act for as a delegate holding its keys (default: yourself)',
    },
  },
  async run(ctx) {
    const { openClient } = await import('../client.js')
    const { parseAddress, parseBigInt, parsePositiveInt, parseScopes, scopeName } = await import(
      '../parse.js'
    )
    const grantee = parseAddress(ctx.args[0], 'provider')
    const requestFlag = string(ctx, 'request')
    const requestId = requestFlag === undefined ? undefined : parseBigInt(requestFlag, '--request')
    const patientFlag = string(ctx, 'patient')
    const patient = patientFlag ? parseAddress(patientFlag, '--patient') : undefined
    const { client, close } = await openClient(ctx.config, { needsKey: true })
    try {
      let scopes = string(ctx, 'scopes') ? parseScopes(string(ctx, 'scopes')) : undefined
      let seconds = string(ctx, 'days')
        ? BigInt(parsePositiveInt(string(ctx, 'days'), '--days')) * 86_400n
        : undefined
      if (requestId !== undefined && (!scopes || !seconds)) {
        const request = (await client.listPendingRequests({ patient })).find(
          (r) => r.requestId === requestId,
        )
        if (!request)
          throw new CliError(
            `Request ${requestId} is not pending for this patient (see 'medchain consent inbox').`,
          )
        scopes ??= [...request.scopes]
        seconds ??= request.duration
      }
      if (!scopes || !seconds) throw new CliError('Give --scopes and --days, or --request <id>.')
      const now = (await client.client.publicClient.getBlock()).timestamp
      const result = await client.grantAccess({
        patient,
        grantee,
        scopes,
        expiry: now + seconds,
        requestId,
        write: ctx.flags.write === true,
      })
      if (ctx.json) return printJson(result)
      info(
        `Granted ${grantee} ${scopes.map(scopeName).join(', ')} until ${new Date(Number(now + seconds) * 1000).toISOString()}`,
      )
      process.stdout.write(`envelope ${result.envelopeCid}\ntx       ${result.transactionHash}\n`)
    } finally {
      await close()
    }
  },
}
