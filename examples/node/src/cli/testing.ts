// Test helpers for the CLI tests: run `medchain` as a user would, as a subprocess in the user's own
// folder with only MedChain's variables set, either to completion or as a long-running service.
import { execFile, spawn } from 'node:child_process'
import { resolve } from 'node:path'
import { anvilAccount } from '@medchain/test'
import { bytesToHex } from 'viem'

export const bin = resolve(import.meta.dirname, '../../bin/medchain.mjs')
export const passphrase = 'correct horse battery staple'

export type Result = { code: number; stdout: string; stderr: string }

export type RunOptions = {
  /** The working directory: the user's folder with its config and keystore. */
  cwd: string
  /** Anvil's account index whose private key goes into MEDCHAIN_PRIVATE_KEY (none if undefined). */
  account?: number | undefined
  env?: Record<string, string> | undefined
}

/** The environment of one user: PATH and HOME, its account key and the keystore passphrase. */
function environment({ account, env }: RunOptions): NodeJS.ProcessEnv {
  const { PATH, HOME, SystemRoot } = process.env
  const privateKey =
    account === undefined ? undefined : bytesToHex(anvilAccount(account).getHdKey().privateKey!)
  return {
    PATH,
    HOME,
    ...(SystemRoot && { SystemRoot }),
    ...(privateKey && { MEDCHAIN_PRIVATE_KEY: privateKey }),
    MEDCHAIN_PASSPHRASE: passphrase,
    ...env,
  }
}

/** Runs `medchain <args>` to completion. */
export function runMedchain(args: string[], options: RunOptions): Promise<Result> {
  return new Promise((done) =>
    execFile(
      process.execPath,
      [bin, ...args],
      { cwd: options.cwd, env: environment(options), maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) =>
        done({
          code: error ? (typeof error.code === 'number' ? error.code : 1) : 0,
          stdout,
          stderr,
        }),
    ),
  )
}

/** The result, or an error with the command's stderr when it did not exit 0. */
export const ok = (r: Result) => {
  if (r.code !== 0) throw new Error(`exit ${r.code}\n${r.stderr}`)
  return r
}

/**
 * Starts `medchain <args>` and leaves it running (a service such as `emergency serve`): its output
 * so far, a wait for a pattern in it, and its exit.
 */
export function startMedchain(args: string[], options: RunOptions) {
  const child = spawn(process.execPath, [bin, ...args], {
    cwd: options.cwd,
    env: environment(options),
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const output = { stdout: '', stderr: '' }
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    output.stdout += chunk
  })
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    output.stderr += chunk
  })
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) =>
    child.on('exit', (code, signal) => done({ code, signal })),
  )
  return {
    child,
    output,
    exited,
    /** Resolves when `test` holds for the output so far; rejects after `timeoutMs` or on exit. */
    async waitFor(test: (o: typeof output) => boolean, timeoutMs = 60_000): Promise<void> {
      const deadline = Date.now() + timeoutMs
      while (!test(output)) {
        if (child.exitCode !== null)
          throw new Error(`exited ${child.exitCode} before the output expected\n${output.stderr}`)
        if (Date.now() > deadline)
          throw new Error(
            `timed out waiting for output\nstdout:\n${output.stdout}\nstderr:\n${output.stderr}`,
          )
        await new Promise((r) => setTimeout(r, 100))
      }
    },
  }
}
