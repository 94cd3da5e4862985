// The shape of a CLI command: its words, help text, flags (for node:util parseArgs) and run().
// Command files import the SDK and viem inside run(), so `--help` and usage errors answer at once
// instead of loading (and, under tsx, compiling) the whole SDK first.
import type { Config } from './config.js'

export type Option = {
  type: 'string' | 'boolean'
  short?: string
  /** Shown in --help. */
  description: string
  /** Placeholder of the value in --help, e.g. `<address>`. */
  value?: string
}

export type Context = {
  /** Flag values by name (strings, or booleans for boolean flags). */
  flags: Record<string, string | boolean | undefined>
  /** Words after the command name. */
  args: string[]
  /** Settings merged from flags, environment, config file and defaults. */
  config: Config
  verbose: boolean
  /** `--json`: machine-readable output. */
  json: boolean
}

export type Command = {
  /** The words that select it: `record publish`. */
  name: string
  summary: string
  /** Positional arguments for the usage line, e.g. `<file>`. */
  args?: string
  /** Longer help text (examples). */
  details?: string
  options?: Record<string, Option>
  /** At least this many positional arguments. */
  minArgs?: number
  maxArgs?: number
  /** Settings from flags and environment only: the command writes the config file (init). */
  ignoreConfigFile?: boolean
  run: (context: Context) => Promise<void>
}

export const string = (ctx: Context, name: string): string | undefined => {
  const value = ctx.flags[name]
  return typeof value === 'string' ? value : undefined
}
