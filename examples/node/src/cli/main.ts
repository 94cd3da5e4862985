// `medchain`: a command-line client for MedChain. Finds the command from the first words, parses its
// flags with node:util parseArgs (unknown flags are errors), merges settings and runs it.
import { parseArgs } from 'node:util'
import type { Command, Option } from './command.js'
import { commands } from './commands/index.js'
import { envNames, loadConfig } from './config.js'
import { reportError, UsageError } from './output.js'

/** Flags every command accepts. */
export const globalOptions: Record<string, Option> = {
  config: {
    type: 'string',
    value: '<file>',
    description: `Config file (default ./medchain.config.json; env ${envNames.config})`,
  },
  'rpc-url': {
    type: 'string',
    value: '<url>',
    description: `JSON-RPC URL of the chain (env ${envNames.rpcUrl})`,
  },
  contract: {
    type: 'string',
    value: '<address>',
    description: `MedChain contract address (env ${envNames.contract})`,
  },
  store: {
    type: 'string',
    value: '<dir|url>',
    description: `Record store: a folder, or a Kubo RPC URL (env ${envNames.store})`,
  },
  keystore: {
    type: 'string',
    value: '<file>',
    description: `Encrypted X25519 keystore (env ${envNames.keystore})`,
  },
  json: { type: 'boolean', description: 'Print machine-readable JSON' },
  verbose: { type: 'boolean', description: 'Print error details and stack traces' },
  help: { type: 'boolean', short: 'h', description: 'Show help' },
}

function optionLines(options: Record<string, Option>): string[] {
  const entries = Object.entries(options).map(([name, o]) => [
    `${o.short ? `-${o.short}, ` : '    '}--${name}${o.value ? ` ${o.value}` : ''}`,
    o.description,
  ])
  const width = Math.max(...entries.map(([left]) => left!.length))
  return entries.map(([left, right]) => `  ${left!.padEnd(width)}  ${right}`)
}

export function rootHelp(): string {
  const width = Math.max(...commands.map((c) => `${c.name} ${c.args ?? ''}`.length))
  return [
    'medchain: encrypted, patient-controlled health records on an EVM chain and IPFS.',
    '',
    'Usage: medchain <command> [arguments] [flags]',
    '',
    'Commands:',
    ...commands.map((c) => `  ${`${c.name} ${c.args ?? ''}`.padEnd(width)}  ${c.summary}`),
    '',
    'Flags of every command:',
    ...optionLines(globalOptions),
    '',
    `Environment: ${Object.values(envNames).join(', ')}.`,
    "Run 'medchain <command> --help' for a command's flags.",
  ].join('\n')
}

export function commandHelp(command: Command): string {
  return [
    `Usage: medchain ${command.name}${command.args ? ` ${command.args}` : ''} [flags]`,
    '',
    command.summary,
    ...(command.details ? ['', command.details] : []),
    ...(command.options ? ['', 'Flags:', ...optionLines(command.options)] : []),
    '',
    'Global flags:',
    ...optionLines(globalOptions),
  ].join('\n')
}

/** Help for a group word (`medchain consent`): its subcommands. */
function groupHelp(group: string, members: Command[]): string {
  const width = Math.max(...members.map((c) => `${c.name} ${c.args ?? ''}`.length))
  return [
    `Usage: medchain ${group} <command> [flags]`,
    '',
    ...members.map((c) => `  ${`${c.name} ${c.args ?? ''}`.padEnd(width)}  ${c.summary}`),
    '',
    `Run 'medchain ${group} <command> --help' for a command's flags.`,
  ].join('\n')
}

/** Finds the command named by the first (one or two) words. */
function findCommand(words: string[]): { command: Command | undefined; rest: string[] } {
  for (const length of [2, 1]) {
    const name = words.slice(0, length).join(' ')
    const command = commands.find((c) => c.name === name)
    if (command && words.length >= length) return { command, rest: words.slice(length) }
  }
  return { command: undefined, rest: words }
}

/** Runs the CLI with `argv` (without `node` and the script) and returns the exit code. */
export async function main(argv: string[]): Promise<number> {
  const verbose = argv.includes('--verbose')
  // The command words are the arguments before the first flag.
  const firstFlag = argv.findIndex((a) => a.startsWith('-'))
  const words = firstFlag === -1 ? argv : argv.slice(0, firstFlag)
  const { command, rest } = findCommand(words)
  let commandName: string | undefined
  try {
    if (!command) {
      const group = words[0]
      const members = commands.filter((c) => c.name.startsWith(`${group} `))
      if (group && members.length > 0) {
        if (argv.includes('--help') || argv.includes('-h') || words.length === 1) {
          process.stdout.write(`${groupHelp(group, members)}\n`)
          return words.length === 1 && !argv.includes('--help') && !argv.includes('-h') ? 2 : 0
        }
        throw new UsageError(
          `Unknown command 'medchain ${words.slice(0, 2).join(' ')}'.`,
          `Run 'medchain ${group} --help' for its commands.`,
        )
      }
      if (!group) {
        process.stdout.write(`${rootHelp()}\n`)
        return argv.includes('--help') || argv.includes('-h') ? 0 : 2
      }
      throw new UsageError(
        `Unknown command '${group}'.`,
        "Run 'medchain --help' for the list of commands.",
      )
    }
    commandName = command.name
    const options = { ...globalOptions, ...command.options }
    let parsed: ReturnType<typeof parseArgs>
    try {
      parsed = parseArgs({
        args: [...rest, ...argv.slice(words.length)],
        options: Object.fromEntries(
          Object.entries(options).map(([name, o]) => [
            name,
            o.short ? { type: o.type, short: o.short } : { type: o.type },
          ]),
        ),
        allowPositionals: true,
        strict: true,
      })
    } catch (error) {
      // parseArgs says e.g. "Unknown option '--foo'"; keep its words, drop Node's suggestion.
      throw new UsageError(
        `${String((error as Error).message)
          .split('. To specify')[0]!
          .replace(/\.$/, '')}.`,
      )
    }
    const flags = parsed.values as Record<string, string | boolean | undefined>
    if (flags.help) {
      process.stdout.write(`${commandHelp(command)}\n`)
      return 0
    }
    const args = parsed.positionals
    if (args.length < (command.minArgs ?? 0))
      throw new UsageError(`'medchain ${command.name}' needs ${command.args ?? 'more arguments'}.`)
    if (args.length > (command.maxArgs ?? command.minArgs ?? 0))
      throw new UsageError(
        `Unexpected argument '${args[command.maxArgs ?? command.minArgs ?? 0]}'.`,
      )
    const config = await loadConfig(flags, process.env, process.cwd(), {
      ignoreFile: command.ignoreConfigFile === true,
    })
    await command.run({ flags, args, config, verbose, json: flags.json === true })
    return 0
  } catch (error) {
    return await reportError(error, { verbose, command: commandName })
  }
}
