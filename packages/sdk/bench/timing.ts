/** The median of a non-empty list of numbers. */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = sorted.length >> 1
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2
}

const collectGarbage = (globalThis as { gc?: () => void }).gc

/** Milliseconds `fn` takes, starting from a collected heap when `--expose-gc` is on. */
export async function timeMs(fn: () => unknown): Promise<number> {
  collectGarbage?.()
  const start = performance.now()
  await fn()
  return performance.now() - start
}
