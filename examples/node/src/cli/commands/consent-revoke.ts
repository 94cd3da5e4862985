// medchain consent revoke <provider>: clears the grant and starts a new scope-key epoch, so records
// published from now on are unreadable to the provider. What it already read cannot be taken back.
import { type Command, string } from '../command.js'
import { info, printJson } from '../output.js'

export const consentRevoke: Command = {
  name: 'consent revoke',
  summary: "Revoke a provider's access to scopes and rotate their keys (patients)",
  args: '<provider>',
  minArgs: 1,
  options: {
    scopes: { type: 'string', value: '<list>', description: 'Comma-separated scopes (required)' },
  },
  async run(ctx) {
    const { openClient } = await import('../client.js')
    const { parseAddress, parseScopes, scopeName } = await import('../parse.js')
    const grantee = parseAddress(ctx.args[0], 'provider')
    const scopes = parseScopes(string(ctx, 'scopes'))
    const { client, close } = await openClient(ctx.config, { needsKey: true })
    try {
      const result = await client.revokeAccess({ grantee, scopes })
      if (ctx.json) return printJson(result)
      info(
        `Revoked ${grantee}: ${scopes.map(scopeName).join(', ')}. New records use new keys; what it already decrypted cannot be taken back.`,
      )
      process.stdout.write(`tx ${result.transactionHash}\n`)
      for (const r of result.rotations)
        process.stdout.write(`scope ${scopeName(r.scope)} now at epoch ${r.epoch}\n`)
    } finally {
      await close()
    }
  },
}
