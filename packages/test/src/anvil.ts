import { type ChildProcess, spawn } from 'node:child_process'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { killOnExit } from './killOnExit.js'

/** A running anvil node started by {@link startAnvil}. */
export type Anvil = {
  /** `http://127.0.0.1:<port>` */
  rpcUrl: string
  port: number
  pid: number
  /** Stops the node by its PID and waits until it has exited. */
  stop: () => Promise<void>
}

export type StartAnvilOptions = {
  /** Seconds between blocks; default: a block per transaction (automine). */
  blockTime?: number
  /** How long to wait for anvil to listen before failing. Default 20 s. */
  timeoutMs?: number
}

const platformPackages: Record<string, string> = {
  'linux-x64': 'linux-amd64',
  'linux-arm64': 'linux-arm64',
  'darwin-x64': 'darwin-amd64',
  'darwin-arm64': 'darwin-arm64',
  'win32-x64': 'win32-amd64',
}

/**
 * Path of the native anvil binary inside the npm Foundry package. Spawning it directly (rather than
 * the package's node shim) means the PID we hold is anvil's own, so stopping it cannot orphan it.
 */
export function anvilBinaryPath(): string {
  const platform = platformPackages[`${process.platform}-${process.arch}`]
  if (!platform) throw new Error(`anvil: no npm build for ${process.platform}-${process.arch}`)
  // The platform package is a dependency of @foundry-rs/anvil, so resolve it from there.
  const shimPackage = createRequire(import.meta.url).resolve('@foundry-rs/anvil/package.json')
  const packageJson = createRequire(shimPackage).resolve(
    `@foundry-rs/anvil-${platform}/package.json`,
  )
  return join(dirname(packageJson), 'bin', process.platform === 'win32' ? 'anvil.exe' : 'anvil')
}

/**
 * Starts a real anvil on a free loopback port (chain id 31337, the ten default funded accounts).
 *
 * @example
 * ```ts
 * const anvil = await startAnvil()
 * try { ... } finally { await anvil.stop() }
 * ```
 */
export async function startAnvil(options: StartAnvilOptions = {}): Promise<Anvil> {
  const args = ['--host', '127.0.0.1', '--port', '0', '--chain-id', '31337']
  if (options.blockTime) args.push('--block-time', String(options.blockTime))
  const child = spawn(anvilBinaryPath(), args, { stdio: ['ignore', 'pipe', 'pipe'] })
  killOnExit(child)
  const port = await waitForListening(child, options.timeoutMs ?? 20_000)
  return {
    rpcUrl: `http://127.0.0.1:${port}`,
    port,
    pid: child.pid!,
    stop: () => stopProcess(child),
  }
}

function waitForListening(child: ChildProcess, timeoutMs: number): Promise<number> {
  return new Promise((resolve, reject) => {
    let output = ''
    const timer = setTimeout(() => {
      child.kill('SIGKILL')
      reject(new Error(`anvil did not listen within ${timeoutMs} ms:\n${output}`))
    }, timeoutMs)
    const onData = (chunk: Buffer) => {
      output += chunk.toString()
      const match = /Listening on 127\.0\.0\.1:(\d+)/.exec(output)
      if (match) {
        clearTimeout(timer)
        child.stdout?.off('data', onData)
        // Keep draining output so a full pipe never blocks anvil.
        child.stdout?.resume()
        child.stderr?.resume()
        resolve(Number(match[1]))
      }
    }
    child.stdout?.on('data', onData)
    child.stderr?.on('data', (chunk: Buffer) => {
      output += chunk.toString()
    })
    child.once('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`anvil exited with code ${code} before listening:\n${output}`))
    })
  })
}

async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  child.kill('SIGTERM')
  const timer = setTimeout(() => child.kill('SIGKILL'), 5_000)
  await exited
  clearTimeout(timer)
}
