// Everything the CLI prints: results on stdout (tables or JSON), progress and errors on stderr.

/** Where MedChain's error pages live (`error.docsPath` is relative to it). */
export const docsBaseUrl = 'https://medchain.dev'

/** A mistake in how the CLI was called: unknown command or flag, missing argument. Exit code 2. */
export class UsageError extends Error {
  override name = 'UsageError'
  constructor(
    message: string,
    readonly hint?: string,
  ) {
    super(message)
  }
}

/** An expected failure with a message for the user (no stack trace). Exit code 1. */
export class CliError extends Error {
  override name = 'CliError'
}

/** JSON that survives bigints and byte arrays. */
export function toJson(value: unknown): string {
  return JSON.stringify(
    value,
    (_key, v) =>
      typeof v === 'bigint'
        ? v.toString()
        : v instanceof Uint8Array
          ? Buffer.from(v).toString('hex')
          : v,
    2,
  )
}

export function printJson(value: unknown): void {
  process.stdout.write(`${toJson(value)}\n`)
}

/** A plain text table: one header row, columns padded to the widest cell. */
export function printTable(
  headers: string[],
  rows: (string | number | bigint | undefined)[][],
): void {
  if (rows.length === 0) {
    process.stdout.write('(none)\n')
    return
  }
  const cells = [
    headers,
    ...rows.map((row) => row.map((cell) => (cell === undefined ? '' : String(cell)))),
  ]
  const widths = headers.map((_, i) => Math.max(...cells.map((row) => (row[i] ?? '').length)))
  for (const row of cells)
    process.stdout.write(
      `${row
        .map((cell, i) => (cell ?? '').padEnd(widths[i]!))
        .join('  ')
        .trimEnd()}\n`,
    )
}

/**
 * One line per scope that a call rotated to a new key epoch, with the rotation's transaction.
 * `transactions` is in send order and ends with one rotation per entry of `rotations`.
 */
export function printRotations(
  result: {
    rotations: readonly { scope: number; epoch: number }[]
    transactions: readonly { transactionHash: string }[]
  },
  scopeName: (scope: number) => string,
): void {
  const first = result.transactions.length - result.rotations.length
  result.rotations.forEach((rotation, i) => {
    const tx = result.transactions[first + i]?.transactionHash
    process.stdout.write(
      `scope ${scopeName(rotation.scope)} now at epoch ${rotation.epoch}${tx ? `  tx ${tx}` : ''}\n`,
    )
  })
}

/** A line of information for people (stderr, so stdout stays clean for pipes). */
export function info(message: string): void {
  process.stderr.write(`${message}\n`)
}

const formatBytes = (n: number) =>
  n < 1024
    ? `${n} B`
    : n < 1024 ** 2
      ? `${(n / 1024).toFixed(1)} KiB`
      : `${(n / 1024 ** 2).toFixed(1)} MiB`

/**
 * A progress bar on stderr. On a terminal it redraws one line; elsewhere (logs, CI) it prints a line
 * every 25%. `update` takes the SDK's `{ bytes, totalBytes }` progress objects.
 */
export function progressBar(label: string) {
  const tty = process.stderr.isTTY === true
  let lastQuarter = -1
  let done = false
  return {
    get done() {
      return done
    },
    update({ bytes, totalBytes }: { bytes: number; totalBytes?: number | undefined }) {
      if (done) return
      const total = totalBytes ?? 0
      const ratio = total > 0 ? Math.min(1, bytes / total) : 0
      const percent = Math.floor(ratio * 100)
      const width = 30
      const filled = Math.round(ratio * width)
      const line = `${label.padEnd(10)} [${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${String(percent).padStart(3)}%  ${formatBytes(bytes)}${total ? ` / ${formatBytes(total)}` : ''}`
      if (tty) process.stderr.write(`\r${line}`)
      else if (Math.floor(percent / 25) > lastQuarter) {
        lastQuarter = Math.floor(percent / 25)
        process.stderr.write(`${line}\n`)
      }
      if (total > 0 && bytes >= total) this.finish()
    },
    finish() {
      if (done) return
      done = true
      if (tty) process.stderr.write('\n')
    },
  }
}

/**
 * One line for an error, for logs of a command that goes on after it (`emergency serve`): the SDK's
 * `shortMessage` and its docs page, else the message.
 */
export async function errorLine(error: unknown): Promise<string> {
  const { MedChainError } = await import('@medchain/sdk')
  if (error instanceof MedChainError)
    return `${error.shortMessage}${error.docsPath ? ` (docs: ${docsBaseUrl}${error.docsPath})` : ''}`
  const e = error as { shortMessage?: unknown; message?: unknown }
  return typeof e?.shortMessage === 'string' ? e.shortMessage : String(e?.message ?? error)
}

/**
 * Prints an error the way a user wants to read it and returns the exit code: the SDK's
 * `shortMessage` and its docs page, no stack trace unless `verbose`.
 */
export async function reportError(
  error: unknown,
  options: { verbose: boolean; command?: string | undefined },
): Promise<number> {
  const { verbose, command } = options
  if (error instanceof UsageError) {
    info(`medchain: ${error.message}`)
    info(error.hint ?? `Run 'medchain ${command ? `${command} ` : ''}--help' for usage.`)
    return 2
  }
  // Loaded here, not at the top, so that --help and usage errors never load the SDK.
  const { MedChainError } = await import('@medchain/sdk')
  if (error instanceof MedChainError) {
    info(`error: ${error.shortMessage}`)
    for (const line of error.metaMessages ?? []) if (line) info(`  ${line}`)
    if (error.docsPath) info(`  docs: ${docsBaseUrl}${error.docsPath}`)
    if (verbose) {
      if (error.details) info(`  details: ${error.details}`)
      info(error.stack ?? '')
    }
    return 1
  }
  // viem's errors have the same shape (shortMessage, docsPath relative to viem's own site).
  const e = error as { shortMessage?: unknown; message?: unknown; stack?: unknown }
  const message = typeof e?.shortMessage === 'string' ? e.shortMessage : String(e?.message ?? error)
  info(`error: ${message}`)
  if (verbose && typeof e?.stack === 'string') info(e.stack)
  else if (!(error instanceof CliError)) info('  (run again with --verbose for details)')
  return 1
}
