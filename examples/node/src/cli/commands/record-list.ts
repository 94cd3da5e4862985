// medchain record list: a patient's anchored records, with the on-chain head check.
import { type Command, string } from '../command.js'
import { info, printJson, printTable } from '../output.js'

export const recordList: Command = {
  name: 'record list',
  summary: "List a patient's records (default: your own); only CIDs and scopes, nothing decrypted",
  options: {
    patient: {
      type: 'string',
      value: '<address>',
      description: 'The patient (default: this account)',
    },
    scope: { type: 'string', value: '<scope>', description: 'Only this scope' },
  },
  async run(ctx) {
    const { openClient } = await import('../client.js')
    const { parseAddress, parseScope, scopeName } = await import('../parse.js')
    const patientFlag = string(ctx, 'patient')
    const scopeFlag = string(ctx, 'scope')
    const { client, close } = await openClient(ctx.config, { needsAccount: !patientFlag })
    try {
      const result = await client.listRecords({
        patient: patientFlag ? parseAddress(patientFlag, '--patient') : undefined,
        scope: scopeFlag ? parseScope(scopeFlag) : undefined,
      })
      if (ctx.json) return printJson(result)
      printTable(
        ['SEQ', 'SCOPE', 'EPOCH', 'AUTHOR', 'CID', 'NOTE'],
        result.records.map((r) => [
          r.seq,
          scopeName(r.scope),
          r.epoch,
          r.author,
          r.cid,
          r.supersededBy
            ? `superseded by ${r.supersededBy}`
            : r.supersedes
              ? `corrects ${r.supersedes}`
              : '',
        ]),
      )
      info(
        result.verified
          ? `${result.records.length} record(s); the history matches the on-chain head.`
          : `Warning: the history does not match the on-chain head (gaps: ${result.gaps.map((g) => `${g.fromSeq}-${g.toSeq}`).join(', ') || 'none'}).`,
      )
    } finally {
      await close()
    }
  },
}
