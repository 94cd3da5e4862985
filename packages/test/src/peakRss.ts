import { readFileSync } from 'node:fs'

/**
 * Peak RSS of this process in MiB. On Linux it is `VmHWM` from /proc/self/status: getrusage's
 * `maxRSS` also keeps the high-water mark of the address space before exec, which for a spawned
 * child is a fork of its parent, so it reported the parent's RSS whenever that was larger.
 * Exported as `@medchain/test/peakRss` on its own, so a measuring child process loads nothing else.
 *
 * @example
 * ```ts
 * import { peakRssMiB } from '@medchain/test/peakRss'
 *
 * console.log(JSON.stringify({ peakRssMiB: peakRssMiB() }))
 * ```
 */
export function peakRssMiB(): number {
  try {
    const match = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync('/proc/self/status', 'utf8'))
    if (match) return Number(match[1]) / 1024
  } catch {}
  return process.resourceUsage().maxRSS / 1024
}
