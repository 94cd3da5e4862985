// medchain consent inbox: the patient's pending access requests.
import { type Command, string } from '../command.js'
import { printJson, printTable } from '../output.js'

export const consentInbox: Command = {
  name: 'consent inbox',
  summary: 'List pending access requests to a patient (default: you)',
  options: {
    patient: {
      type: 'string',
      value: '<address>',
      description: 'The patient (default: this account)',
    },
  },
  async run(ctx) {
    const { openClient } = await import('../client.js')
    const { parseAddress, purposeName, scopeName } = await import('../parse.js')
    const patientFlag = string(ctx, 'patient')
    const { client, close } = await openClient(ctx.config, { needsAccount: !patientFlag })
    try {
      const requests = await client.listPendingRequests({
        patient: patientFlag ? parseAddress(patientFlag, '--patient') : undefined,
      })
      if (ctx.json) return printJson(requests)
      printTable(
        ['REQUEST', 'PROVIDER', 'SCOPES', 'PURPOSE', 'DAYS'],
        requests.map((r) => [
          r.requestId,
          r.provider,
          r.scopes.map(scopeName).join(','),
          purposeName(r.purpose),
          (Number(r.duration) / 86_400).toString(),
        ]),
      )
    } finally {
      await close()
    }
  },
}
