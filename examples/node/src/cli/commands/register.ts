// medchain register patient|provider: registers the account with its X25519 key and an encrypted
// (patient) or public (provider) profile. Only CIDs and keys go on chain.
import { type Command, string } from '../command.js'
import { info, printJson, UsageError } from '../output.js'

export const registerPatient: Command = {
  name: 'register patient',
  summary:
    'Register this account as a patient (name and age are encrypted; only a CID goes on chain)',
  options: {
    name: { type: 'string', value: '<name>', description: 'Full name (required)' },
    age: { type: 'string', value: '<years>', description: 'Age in years (required)' },
  },
  async run(ctx) {
    const { openClient } = await import('../client.js')
    const { parsePositiveInt } = await import('../parse.js')
    const name = string(ctx, 'name')
    if (!name) throw new UsageError('--name is required.')
    const age = parsePositiveInt(string(ctx, 'age'), '--age')
    const { client, close } = await openClient(ctx.config, { needsKey: true })
    try {
      const result = await client.registerPatient({ profile: { name, age } })
      if (ctx.json) printJson({ account: client.address, ...result })
      else {
        info(`Registered patient ${client.address}`)
        process.stdout.write(`profile ${result.profileCid}\ntx      ${result.transactionHash}\n`)
      }
    } finally {
      await close()
    }
  },
}

export const registerProvider: Command = {
  name: 'register provider',
  summary: 'Register this account as a healthcare provider (an administrator must verify it)',
  options: {
    name: { type: 'string', value: '<name>', description: 'Name (required)' },
    institution: { type: 'string', value: '<name>', description: 'Institution (required)' },
    credential: {
      type: 'string',
      value: '<ref>',
      description: 'Licence reference: 32-byte hex, or any text (hashed with keccak256) (required)',
    },
  },
  async run(ctx) {
    const { openClient } = await import('../client.js')
    const { credentialRef } = await import('../parse.js')
    const name = string(ctx, 'name')
    const institution = string(ctx, 'institution')
    const credential = string(ctx, 'credential')
    if (!name || !institution || !credential)
      throw new UsageError('--name, --institution and --credential are required.')
    const { client, close } = await openClient(ctx.config, { needsKey: true })
    try {
      const result = await client.registerProvider({
        profile: { name, institution, credentialRef: credentialRef(credential) },
      })
      if (ctx.json) printJson({ account: client.address, ...result })
      else {
        info(
          `Registered provider ${client.address}; ask an administrator to run 'medchain verify ${client.address}'`,
        )
        process.stdout.write(`profile ${result.profileCid}\ntx      ${result.transactionHash}\n`)
      }
    } finally {
      await close()
    }
  },
}
