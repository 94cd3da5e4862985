import type { ChildProcess } from 'node:child_process'

const running = new Set<ChildProcess>()
let exitHookInstalled = false

/**
 * Kills `child` when this process exits, unless it has already exited: a test worker that dies
 * without calling `stop()` must not leave anvil or Kubo daemons behind.
 *
 * @example
 * ```ts
 * const child = spawn(anvilBinaryPath(), args)
 * killOnExit(child)
 * ```
 */
export function killOnExit(child: ChildProcess): void {
  running.add(child)
  child.once('exit', () => running.delete(child))
  if (exitHookInstalled) return
  exitHookInstalled = true
  process.once('exit', () => {
    for (const child of running) child.kill('SIGKILL')
  })
}
