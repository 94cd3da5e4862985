import { CryptoAbortedError } from '../../errors/crypto.js'

/** Throws {@link CryptoAbortedError} (with the signal's reason as cause) if `signal` is aborted. */
export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new CryptoAbortedError({ cause: signal.reason })
}

/**
 * Ties `signal` to a stream that transforms `source`: on abort the stream errors with
 * {@link CryptoAbortedError} and `source` is cancelled. Call `start` from the stream's `start` and
 * `cleanup` once the stream ends, so a long-lived signal does not keep the stream alive.
 */
export function linkAbortSignal(
  signal: AbortSignal | undefined,
  source: ReadableStreamDefaultReader<Uint8Array>,
): {
  start: (controller: ReadableStreamDefaultController<Uint8Array>) => void
  cleanup: () => void
} {
  let onAbort: (() => void) | undefined
  return {
    start(controller) {
      if (!signal) return
      onAbort = () => {
        const error = new CryptoAbortedError({ cause: signal.reason })
        controller.error(error)
        source.cancel(error).catch(() => {})
      }
      if (signal.aborted) onAbort()
      else signal.addEventListener('abort', onAbort, { once: true })
    },
    cleanup() {
      if (onAbort) signal?.removeEventListener('abort', onAbort)
    },
  }
}
