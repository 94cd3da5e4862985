// medchain emergency serve: a small emergency-custodian service. Each pass lists the providers that
// broke the glass and still wait for keys, and releases to each; one line per release. A failed
// release is logged and the service goes on (the next pass tries it again). SIGINT or SIGTERM stop
// it after the release in progress.
import { setTimeout as sleep } from 'node:timers/promises'
import type { MedChainClient } from '@medchain/sdk'
import { type Command, string } from '../command.js'
import { CliError, errorLine } from '../output.js'

export const emergencyServe: Command = {
  name: 'emergency serve',
  summary:
    'Release keys to every provider that broke the glass, as they come (emergency custodians)',
  maxArgs: 0,
  details: [
    'Runs until SIGINT (Ctrl-C) or SIGTERM, polling every --interval seconds. Releases go to stdout,',
    'one line each (one JSON object per line with --json); failures go to stderr and are tried',
    'again on the next pass. With --once it does a single pass and exits 1 if a release failed',
    '(for cron and tests).',
    '',
    'Examples:',
    '  medchain emergency serve --interval 10',
    '  medchain emergency serve --once',
  ].join('\n'),
  options: {
    interval: {
      type: 'string',
      value: '<seconds>',
      description: 'Seconds between passes (default 15)',
    },
    once: { type: 'boolean', description: 'One pass, then exit' },
  },
  async run(ctx) {
    const { openClient } = await import('../client.js')
    const { parsePositiveInt, scopeName } = await import('../parse.js')
    const intervalFlag = string(ctx, 'interval')
    const interval = intervalFlag === undefined ? 15 : parsePositiveInt(intervalFlag, '--interval')
    const once = ctx.flags.once === true
    const { client, close } = await openClient(ctx.config, { needsKey: true })
    const stop = new AbortController()
    const onSignal = (signal: NodeJS.Signals) => {
      log('stderr', `${signal}: stopping after the release in progress.`)
      stop.abort()
    }
    process.on('SIGINT', onSignal)
    process.on('SIGTERM', onSignal)
    try {
      if (!once)
        log('stderr', `Serving emergency key requests as ${client.address}, every ${interval} s.`)
      while (!stop.signal.aborted) {
        const pass = await servePass(client, {
          signal: stop.signal,
          json: ctx.json,
          scopeName,
          // A pass that cannot even list (the node is down) fails a one-shot run; the service retries.
          throwOnListError: once,
        })
        if (once) {
          if (pass.failed > 0)
            throw new CliError(`${pass.failed} of ${pass.failed + pass.released} releases failed.`)
          if (pass.released === 0) log('stderr', 'No provider is waiting for keys.')
          return
        }
        await sleep(interval * 1000, undefined, { signal: stop.signal }).catch(() => {})
      }
      log('stderr', 'Stopped.')
    } finally {
      process.off('SIGINT', onSignal)
      process.off('SIGTERM', onSignal)
      await close()
    }
  },
}

/** One line of the service's log, time-stamped. */
function log(stream: 'stdout' | 'stderr', message: string): void {
  process[stream].write(`${new Date().toISOString()} ${message}\n`)
}

/** Lists the waiting providers once and releases to each; counts what went right and wrong. */
async function servePass(
  client: MedChainClient,
  options: {
    signal: AbortSignal
    json: boolean
    scopeName: (scope: number) => string
    throwOnListError: boolean
  },
): Promise<{ released: number; failed: number }> {
  const { signal, json, scopeName } = options
  let requests: Awaited<ReturnType<MedChainClient['listEmergencyKeyRequests']>>
  try {
    requests = await client.listEmergencyKeyRequests()
  } catch (error) {
    if (options.throwOnListError) throw error
    log('stderr', `listing requests failed: ${await errorLine(error)}`)
    return { released: 0, failed: 0 }
  }
  let released = 0
  let failed = 0
  for (const { patient, provider, scopes } of requests) {
    if (signal.aborted) break
    const what = `${scopes.map(scopeName).join(',')} of ${patient} to ${provider}`
    try {
      const result = await client.releaseEmergencyKeys({ patient, provider, scopes })
      released++
      if (json)
        process.stdout.write(
          `${JSON.stringify({
            time: new Date().toISOString(),
            patient,
            provider,
            scopes: result.scopes,
            envelopeCid: result.envelopeCid,
            transactionHash: result.transactionHash,
          })}\n`,
        )
      else
        log(
          'stdout',
          `released ${what} (envelope ${result.envelopeCid}, tx ${result.transactionHash})`,
        )
    } catch (error) {
      failed++
      log('stderr', `failed to release ${what}: ${await errorLine(error)}`)
    }
  }
  return { released, failed }
}
