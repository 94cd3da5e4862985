// medchain verify <provider>: an administrator (VERIFIER_ROLE) verifies a registered provider.
import { type Command, string } from '../command.js'
import { CliError, info, printJson } from '../output.js'

export const verify: Command = {
  name: 'verify',
  summary:
    "Verify a provider (administrator); the credential defaults to the one in the provider's profile",
  args: '<provider>',
  minArgs: 1,
  options: {
    credential: {
      type: 'string',
      value: '<ref>',
      description: 'Credential checked (32-byte hex, or text hashed)',
    },
  },
  async run(ctx) {
    const { openClient } = await import('../client.js')
    const { credentialRef, parseAddress } = await import('../parse.js')
    const provider = parseAddress(ctx.args[0], 'provider')
    const { client, close } = await openClient(ctx.config, { needsAccount: true })
    try {
      const flag = string(ctx, 'credential')
      let ref: `0x${string}`
      if (flag) ref = credentialRef(flag)
      else {
        const { role, profile } = await client.getProfile({ account: provider })
        if (role !== 'provider')
          throw new CliError(`${provider} is registered as a ${role}, not a provider.`)
        ref = profile.credentialRef
        info(`Verifying ${profile.name} (${profile.institution}), credential ${ref}`)
      }
      const result = await client.verifyProvider({ provider, credentialRef: ref })
      if (ctx.json) printJson(result)
      else process.stdout.write(`verified ${provider}\ntx       ${result.transactionHash}\n`)
    } finally {
      await close()
    }
  },
}
