// medchain consent deny <request-id>: the patient (or a delegate, with --patient) closes a pending
// request without granting anything. The provider sees the denial in the audit trail.
import { type Command, string } from '../command.js'
import { info, printJson } from '../output.js'

export const consentDeny: Command = {
  name: 'consent deny',
  summary: 'Deny a pending access request (patients and delegates)',
  args: '<request-id>',
  minArgs: 1,
  maxArgs: 1,
  details: [
    'The request id is the first column of `medchain consent inbox`.',
    '',
    'Examples:',
    '  medchain consent deny 3',
    '  medchain consent deny 3 --patient 0x3C44…93BC     # as a delegate of that patient',
  ].join('\n'),
  options: {
    patient: {
      type: 'string',
      value: '<address>',
      description: 'The patient you act for as a delegate (default: yourself)',
    },
  },
  async run(ctx) {
    const { openClient } = await import('../client.js')
    const { parseAddress, parseBigInt } = await import('../parse.js')
    const requestId = parseBigInt(ctx.args[0], 'request id')
    const patientFlag = string(ctx, 'patient')
    const patient = patientFlag ? parseAddress(patientFlag, '--patient') : undefined
    const { client, close } = await openClient(ctx.config, { needsAccount: true })
    try {
      const result = await client.denyRequest({ requestId, patient })
      if (ctx.json) return printJson(result)
      const provider = result.events[0]?.args.provider
      info(`Denied request ${requestId}${provider ? ` from ${provider}` : ''}; it is closed.`)
      process.stdout.write(`tx ${result.transactionHash}\n`)
    } finally {
      await close()
    }
  },
}
