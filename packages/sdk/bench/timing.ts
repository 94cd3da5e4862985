/** The median of a non-empty list of numbers. */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = sorted.length >> 1
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2
}

const collectGarbage = (globalThis as { gc?: () => void }).gc

/**
 * Milliseconds `fn` takes. With `collect` (and `--expose-gc`, as `pnpm bench` runs) a bulk call
 * starts from a collected heap, so no variant pays for the garbage of the one before it.
 */
export async function timeMs(fn: () => unknown, collect = false): Promise<number> {
  if (collect) collectGarbage?.()
  const start = performance.now()
  await fn()
  return performance.now() - start
}
