// medchain consent list: active grants of a patient (default: yours).
import { type Command, string } from '../command.js'
import { printJson, printTable } from '../output.js'

export const consentList: Command = {
  name: 'consent list',
  summary: 'List the active grants of a patient (default: you)',
  options: {
    patient: {
      type: 'string',
      value: '<address>',
      description: 'The patient (default: this account)',
    },
    grantee: { type: 'string', value: '<address>', description: 'Only grants to this provider' },
  },
  async run(ctx) {
    const { openClient } = await import('../client.js')
    const { parseAddress, scopeName } = await import('../parse.js')
    const patientFlag = string(ctx, 'patient')
    const granteeFlag = string(ctx, 'grantee')
    const { client, close } = await openClient(ctx.config, { needsAccount: !patientFlag })
    try {
      const grants = await client.listActiveGrants({
        patient: patientFlag ? parseAddress(patientFlag, '--patient') : undefined,
        grantee: granteeFlag ? parseAddress(granteeFlag, '--grantee') : undefined,
      })
      if (ctx.json) return printJson(grants)
      printTable(
        ['GRANTEE', 'SCOPE', 'ACCESS', 'EXPIRES', 'GRANTED'],
        grants.map((g) => [
          g.grantee,
          scopeName(g.scope),
          g.emergencyUntil ? 'emergency' : g.write ? 'read+write' : 'read',
          (g.expiresAt ?? g.emergencyUntil)?.toISOString(),
          g.grantedAt.toISOString(),
        ]),
      )
    } finally {
      await close()
    }
  },
}
