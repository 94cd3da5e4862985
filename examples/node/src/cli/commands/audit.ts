// medchain audit: every on-chain event about a patient (or provider), as a timeline or as FHIR
// AuditEvent resources (a Bundle of type collection).
import { type Command, string } from '../command.js'
import { printJson, printTable } from '../output.js'

export const audit: Command = {
  name: 'audit',
  summary:
    'Print the audit trail (every request, grant, revocation, anchor, ...) or export it as FHIR',
  options: {
    patient: {
      type: 'string',
      value: '<address>',
      description: 'Whose trail (default: this account)',
    },
    fhir: { type: 'boolean', description: 'Print a FHIR R4 Bundle of AuditEvent resources' },
  },
  async run(ctx) {
    const { toFhirAuditEvent } = await import('@medchain/sdk/fhir')
    const { openClient } = await import('../client.js')
    const { parseAddress, scopeName } = await import('../parse.js')
    const patientFlag = string(ctx, 'patient')
    const { client, close, chainId } = await openClient(ctx.config, { needsAccount: !patientFlag })
    try {
      const { entries } = await client.getAuditTimeline({
        subject: patientFlag ? parseAddress(patientFlag, '--patient') : undefined,
      })
      if (ctx.flags.fhir) {
        const context = { chainId, contract: ctx.config.contract }
        return printJson({
          resourceType: 'Bundle',
          type: 'collection',
          entry: entries.map((entry) => ({ resource: toFhirAuditEvent(entry, context) })),
        })
      }
      if (ctx.json) return printJson(entries)
      printTable(
        ['TIME', 'EVENT', 'ACTOR', 'COUNTERPART', 'SCOPES', 'BLOCK'],
        entries.map((e) => [
          e.timestamp.toISOString(),
          e.kind,
          e.actor,
          e.counterpart,
          e.scopes.map(scopeName).join(','),
          e.blockNumber,
        ]),
      )
    } finally {
      await close()
    }
  },
}
