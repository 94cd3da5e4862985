import { MedChainError } from '../errors/base.js'
import {
  ContentNotFoundError,
  InvalidStorageInputError,
  StorageAbortedError,
  StorageUnavailableError,
} from '../errors/storage.js'
import type { PutInput, StorageProgress } from './types.js'

/** Throws `StorageAbortedError` if the signal has fired. @internal */
export function throwIfAborted(signal: AbortSignal | undefined, operation: string): void {
  if (signal?.aborted) throw new StorageAbortedError({ operation, cause: signal.reason })
}

/**
 * Turns any failure inside a storage operation into a typed MedChain error: typed errors pass
 * through, an aborted signal becomes `StorageAbortedError`, a store's `NotFoundError` becomes
 * `ContentNotFoundError`, anything else `StorageUnavailableError`.
 *
 * @internal
 */
export function toStorageError(
  error: unknown,
  context: { operation: string; store: string; signal?: AbortSignal | undefined; cid?: string },
): MedChainError {
  if (error instanceof MedChainError) return error
  if (context.signal?.aborted)
    return new StorageAbortedError({ operation: context.operation, cause: error })
  const name = error instanceof Error ? error.name : ''
  if (name === 'NotFoundError' && context.cid !== undefined)
    return new ContentNotFoundError({ cid: context.cid, store: context.store, cause: error })
  const message = error instanceof Error ? error.message : String(error)
  return new StorageUnavailableError({
    store: context.store,
    reason: `${context.operation} failed (${message || name || 'unknown error'})`,
    cause: error,
  })
}

function isAsyncIterable(value: unknown): value is AsyncIterable<unknown> {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { [Symbol.asyncIterator]?: unknown })[Symbol.asyncIterator] === 'function'
  )
}

function isReadableStream(value: unknown): value is ReadableStream<unknown> {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { getReader?: unknown }).getReader === 'function'
  )
}

/** Reads a web `ReadableStream` as an async iterable (Safari's streams are not iterable). */
export async function* readStream<T>(stream: ReadableStream<T>): AsyncGenerator<T> {
  const reader = stream.getReader()
  let done = false
  try {
    while (true) {
      const result = await reader.read()
      if (result.done) {
        done = true
        return
      }
      yield result.value
    }
  } finally {
    if (!done) await reader.cancel().catch(() => {})
    reader.releaseLock()
  }
}

/**
 * Validates `put` input and yields its chunks, checking the signal between chunks and reporting
 * progress as chunks are consumed. Empty chunks are skipped.
 *
 * @internal
 */
export async function* byteChunks(
  input: PutInput,
  options: {
    operation: string
    signal?: AbortSignal | undefined
    onProgress?: ((progress: StorageProgress) => void) | undefined
  },
): AsyncGenerator<Uint8Array> {
  const { operation, signal, onProgress } = options
  throwIfAborted(signal, operation)
  if (input instanceof Uint8Array) {
    onProgress?.({ bytes: 0, totalBytes: input.byteLength })
    if (input.byteLength > 0) yield input
    throwIfAborted(signal, operation)
    onProgress?.({ bytes: input.byteLength, totalBytes: input.byteLength })
    return
  }
  let source: AsyncIterable<unknown>
  if (isReadableStream(input)) source = readStream(input)
  else if (isAsyncIterable(input)) source = input
  else throw new InvalidStorageInputError({ received: input })
  let bytes = 0
  for await (const chunk of source) {
    throwIfAborted(signal, operation)
    if (!(chunk instanceof Uint8Array)) throw new InvalidStorageInputError({ received: chunk })
    if (chunk.byteLength === 0) continue
    yield chunk
    bytes += chunk.byteLength
    onProgress?.({ bytes })
  }
  throwIfAborted(signal, operation)
}

/** Concatenates chunks into one array. @internal */
export function concatBytes(chunks: Uint8Array[], totalBytes: number): Uint8Array {
  if (chunks.length === 1 && chunks[0]?.byteLength === totalBytes) return chunks[0]
  const out = new Uint8Array(totalBytes)
  let offset = 0
  for (const chunk of chunks) {
    out.set(chunk, offset)
    offset += chunk.byteLength
  }
  return out
}

/**
 * Wraps a pull-based async generator as a web `ReadableStream` with no read-ahead of its own
 * (`highWaterMark: 0`): the generator only runs when the consumer reads, and cancelling the
 * stream returns the generator (so it releases what it holds).
 *
 * @internal
 */
export function toReadableStream(source: AsyncGenerator<Uint8Array>): ReadableStream<Uint8Array> {
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        try {
          const next = await source.next()
          if (next.done) controller.close()
          else controller.enqueue(next.value)
        } catch (error) {
          controller.error(error)
        }
      },
      async cancel() {
        await source.return(undefined)
      },
    },
    { highWaterMark: 0 },
  )
}

/**
 * Splits one async iterable into `count` branches that each see every chunk, in bounded memory:
 * the source is only read while every live branch has fewer than `maxBuffered` chunks queued, so
 * the slowest branch sets the pace. A branch that stops early stops counting; an error from the
 * source reaches every branch. Aborting `signal` fails every branch and closes the source, even
 * if a branch was never read (for example an upload that failed before sending its body).
 *
 * @internal
 */
export function teeAsyncIterable<T>(
  source: AsyncIterable<T>,
  count: number,
  options: { maxBuffered?: number; signal?: AbortSignal | undefined } = {},
): AsyncGenerator<T>[] {
  const { maxBuffered = 4, signal } = options
  const iterator = source[Symbol.asyncIterator]()
  const queues: T[][] = Array.from({ length: count }, () => [])
  const live = Array.from({ length: count }, () => true)
  let ended = false
  let closed = false
  let failure: { error: unknown } | undefined
  let pulling: Promise<void> | undefined
  let waiters: (() => void)[] = []

  const wake = () => {
    const current = waiters
    waiters = []
    for (const resolve of current) resolve()
  }
  const full = () => queues.some((queue, index) => live[index] && queue.length >= maxBuffered)
  const close = async () => {
    if (closed || ended) return
    closed = true
    await pulling
    await iterator.return?.()
  }

  const pull = (): Promise<void> => {
    pulling ??= (async () => {
      try {
        const next = await iterator.next()
        if (next.done) ended = true
        else for (const [index, queue] of queues.entries()) if (live[index]) queue.push(next.value)
      } catch (error) {
        failure ??= { error }
      } finally {
        pulling = undefined
        wake()
      }
    })()
    return pulling
  }

  const onAbort = () => {
    failure ??= { error: signal?.reason }
    wake()
    void close().catch(() => {})
  }
  if (signal?.aborted) onAbort()
  else signal?.addEventListener('abort', onAbort, { once: true })

  const branch = async function* (index: number): AsyncGenerator<T> {
    const queue = queues[index] as T[]
    try {
      while (true) {
        if (failure) throw failure.error
        const value = queue.shift()
        if (value !== undefined) {
          wake()
          yield value
          continue
        }
        if (ended) return
        if (full()) await new Promise<void>((resolve) => waiters.push(resolve))
        else await pull()
      }
    } finally {
      live[index] = false
      queue.length = 0
      wake()
      if (live.every((alive) => !alive)) {
        signal?.removeEventListener('abort', onAbort)
        if (!failure) await close()
      }
    }
  }
  return queues.map((_, index) => branch(index))
}

/**
 * A readers-writer lock: any number of `shared` sections run together; an `exclusive` section
 * waits for them to finish and holds new ones back until it is done. Used so `gc()` never deletes
 * blocks of a `put` that has not been pinned yet.
 *
 * @internal
 */
export class SharedExclusiveLock {
  #shared = 0
  #exclusive: Promise<void> | undefined
  #drained: (() => void) | undefined

  async shared<T>(fn: () => Promise<T>): Promise<T> {
    while (this.#exclusive) await this.#exclusive
    this.#shared++
    try {
      return await fn()
    } finally {
      this.#shared--
      if (this.#shared === 0) this.#drained?.()
    }
  }

  async exclusive<T>(fn: () => Promise<T>): Promise<T> {
    while (this.#exclusive) await this.#exclusive
    let release!: () => void
    this.#exclusive = new Promise<void>((resolve) => {
      release = resolve
    })
    try {
      if (this.#shared > 0)
        await new Promise<void>((resolve) => {
          this.#drained = resolve
        })
      this.#drained = undefined
      return await fn()
    } finally {
      this.#exclusive = undefined
      release()
    }
  }
}

/** Describes a URL for messages without credentials or query. @internal */
export function describeUrl(url: URL): string {
  return `${url.protocol}//${url.host}${url.pathname === '/' ? '' : url.pathname}`
}

/** Whether an error is a network-level fetch failure (refused, DNS, reset, TLS). @internal */
export function isNetworkError(error: unknown): boolean {
  if (!(error instanceof Error)) return false
  if (error.name === 'TypeError') return true // undici "fetch failed", browsers "Failed to fetch"
  const code = (error as { code?: unknown }).code
  return (
    typeof code === 'string' &&
    ['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'EPIPE'].includes(code)
  )
}
