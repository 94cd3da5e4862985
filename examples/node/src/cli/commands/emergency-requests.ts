// medchain emergency requests: for an emergency custodian, the providers that broke the glass for a
// patient in its care and still wait for the keys.
import { type Command, string } from '../command.js'
import { printJson, printTable } from '../output.js'

export const emergencyRequests: Command = {
  name: 'emergency requests',
  summary: 'List providers waiting for emergency keys from you (emergency custodians)',
  maxArgs: 0,
  details: [
    'One row per provider and patient: the scopes whose keys it has not received since it last',
    "took break-glass access, and when that access ends. Answer with 'medchain emergency release',",
    "or run 'medchain emergency serve' to answer every request as it comes.",
    '',
    'Examples:',
    '  medchain emergency requests',
    '  medchain emergency requests --patient 0x3C44…93BC --json',
  ].join('\n'),
  options: {
    patient: {
      type: 'string',
      value: '<address>',
      description: 'Only this patient (default: every patient whose custodian you are)',
    },
  },
  async run(ctx) {
    const { openClient } = await import('../client.js')
    const { parseAddress, scopeName } = await import('../parse.js')
    const patientFlag = string(ctx, 'patient')
    const patient = patientFlag ? parseAddress(patientFlag, '--patient') : undefined
    const { client, close } = await openClient(ctx.config, { needsAccount: true })
    try {
      const requests = await client.listEmergencyKeyRequests({ patient })
      if (ctx.json) return printJson(requests)
      printTable(
        ['PATIENT', 'PROVIDER', 'SCOPES', 'UNTIL'],
        requests.map((r) => [
          r.patient,
          r.provider,
          r.scopes.map(scopeName).join(','),
          r.until.toISOString(),
        ]),
      )
    } finally {
      await close()
    }
  },
}
