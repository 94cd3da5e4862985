import { CryptoAbortedError } from '../../errors/crypto.js'

/** Throws {@link CryptoAbortedError} (with the signal's reason as cause) if `signal` is aborted. */
export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new CryptoAbortedError({ cause: signal.reason })
}
