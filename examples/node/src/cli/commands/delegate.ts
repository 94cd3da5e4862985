// medchain delegate add|remove: the patient appoints a guardian or caregiver, who then manages
// consent for it. By default the delegate receives the patient's scope keys, so it can grant, revoke
// with rotation and read for the patient; --no-keys appoints one that manages consent only.
import { type Command, string } from '../command.js'
import { info, printJson, printRotations, UsageError } from '../output.js'

const kinds = ['guardian', 'caregiver'] as const

export const delegateAdd: Command = {
  name: 'delegate add',
  summary: 'Appoint a guardian or caregiver, with your keys unless --no-keys (patients)',
  args: '<address>',
  minArgs: 1,
  maxArgs: 1,
  details: [
    'With keys (the default) the delegate must be registered (it needs an encryption key); it then',
    "holds every scope key and every later epoch, and acts for you with '--patient <you>':",
    'consent grant, consent revoke, consent deny, record read, emergency enable/disable.',
    'Without keys it can deny requests, revoke with --no-rotate and turn emergency access off.',
    'Appointing the same address again updates it (kind, keys).',
    '',
    'Examples:',
    '  medchain delegate add 0x9965…A4dc --kind guardian',
    '  medchain delegate add 0x9965…A4dc --no-keys       # consent only',
  ].join('\n'),
  options: {
    kind: {
      type: 'string',
      value: '<kind>',
      description: 'guardian or caregiver (default caregiver)',
    },
    'no-keys': {
      type: 'boolean',
      description: 'Do not give it your keys: it manages consent but cannot grant or read',
    },
  },
  async run(ctx) {
    const { parseAddress } = await import('../parse.js')
    const delegate = parseAddress(ctx.args[0], 'delegate')
    const kind = string(ctx, 'kind') ?? 'caregiver'
    if (!kinds.includes(kind as (typeof kinds)[number]))
      throw new UsageError(`--kind must be ${kinds.join(' or ')}, not '${kind}'.`)
    const shareKeys = ctx.flags['no-keys'] !== true
    const { openClient } = await import('../client.js')
    // Sharing keys unwraps the patient's scope keys with its X25519 key.
    const { client, close } = await openClient(ctx.config, {
      needsKey: shareKeys,
      needsAccount: true,
    })
    try {
      const result = await client.setDelegate({
        delegate,
        kind: kind as (typeof kinds)[number],
        shareKeys,
      })
      if (ctx.json) return printJson(result)
      info(
        shareKeys
          ? `${delegate} is your ${kind} and holds your keys: it can grant, revoke and read for you.`
          : `${delegate} is your ${kind} without keys: it manages consent but cannot grant or read.`,
      )
      process.stdout.write(
        `delegate ${delegate}\nkind     ${kind}\nenvelope ${result.envelopeCid ?? 'none'}\ntx       ${result.transactionHash}\n`,
      )
    } finally {
      await close()
    }
  },
}

export const delegateRemove: Command = {
  name: 'delegate remove',
  summary: 'Remove a delegate and rotate your keys away from it (patients)',
  args: '<address>',
  minArgs: 1,
  maxArgs: 1,
  details: [
    'If the delegate held your keys, every started scope gets a new key epoch that it does not',
    'receive, so it cannot open records published from now on (what it could already open stays',
    'open to it). --no-rotate skips that.',
    '',
    'Example:',
    '  medchain delegate remove 0x9965…A4dc',
  ].join('\n'),
  options: {
    'no-rotate': {
      type: 'boolean',
      description: 'Do not start new key epochs (it keeps the current keys)',
    },
  },
  async run(ctx) {
    const { parseAddress, scopeName } = await import('../parse.js')
    const delegate = parseAddress(ctx.args[0], 'delegate')
    const rotate = ctx.flags['no-rotate'] !== true
    const { openClient } = await import('../client.js')
    const { client, close } = await openClient(ctx.config, { needsKey: rotate, needsAccount: true })
    try {
      const result = await client.setDelegate({ delegate, kind: 'none', rotate })
      if (ctx.json) return printJson(result)
      info(
        result.rotations.length > 0
          ? `${delegate} is no longer your delegate; it cannot open records published from now on.`
          : `${delegate} is no longer your delegate.`,
      )
      process.stdout.write(`tx ${result.transactionHash}\n`)
      printRotations(result, scopeName)
    } finally {
      await close()
    }
  },
}
