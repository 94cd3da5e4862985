import { describe, expect, test } from 'vitest'
import { InvalidStorageInputError, StorageAbortedError } from '../errors/storage.js'
import { byteChunks, SharedExclusiveLock, teeAsyncIterable } from './utils.js'

function countingSource(total: number) {
  const state = { pulled: 0, returned: false }
  async function* source() {
    try {
      for (let i = 0; i < total; i++) {
        state.pulled++
        yield i
      }
    } finally {
      state.returned = true
    }
  }
  return { state, source: source() }
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 1))

describe('teeAsyncIterable', () => {
  test('every branch sees every value, and the source runs at most maxBuffered ahead of the slowest', async () => {
    const { state, source } = countingSource(50)
    const [fast, slow] = teeAsyncIterable(source, 2, { maxBuffered: 3 }) as [
      AsyncGenerator<number>,
      AsyncGenerator<number>,
    ]
    const fastSeen: number[] = []
    const fastDone = (async () => {
      for await (const value of fast) fastSeen.push(value)
    })()
    await tick()
    await tick()
    expect(state.pulled).toBeLessThanOrEqual(4) // 3 queued for `slow` (+1 being pulled)
    const slowSeen: number[] = []
    for await (const value of slow) {
      slowSeen.push(value)
      await tick()
    }
    await fastDone
    expect(fastSeen).toEqual([...Array(50).keys()])
    expect(slowSeen).toEqual(fastSeen)
    expect(state.returned).toBe(true)
  })

  test('a source error reaches every branch', async () => {
    async function* failing() {
      yield 1
      throw new InvalidStorageInputError({ received: 'x' })
    }
    const branches = teeAsyncIterable(failing(), 2)
    for (const branch of branches)
      await expect(
        (async () => {
          for await (const _ of branch);
        })(),
      ).rejects.toBeInstanceOf(InvalidStorageInputError)
  })

  test('abort fails the branches and closes the source, even if one branch was never read', async () => {
    const { state, source } = countingSource(1_000)
    const controller = new AbortController()
    const [, local] = teeAsyncIterable(source, 2, { signal: controller.signal, maxBuffered: 2 })
    const reading = (async () => {
      for await (const _ of local as AsyncGenerator<number>);
    })()
    await tick()
    controller.abort(new StorageAbortedError({ operation: 'put' }))
    await expect(reading).rejects.toBeInstanceOf(StorageAbortedError)
    await tick()
    expect(state.returned).toBe(true)
    expect(state.pulled).toBeLessThan(10)
  })
})

describe('byteChunks', () => {
  test('skips empty chunks and refuses non-bytes', async () => {
    async function* source() {
      yield new Uint8Array(0)
      yield new Uint8Array([1])
    }
    const out: Uint8Array[] = []
    for await (const chunk of byteChunks(source(), { operation: 'put' })) out.push(chunk)
    expect(out).toEqual([new Uint8Array([1])])
    await expect(
      (async () => {
        for await (const _ of byteChunks(null as never, { operation: 'put' }));
      })(),
    ).rejects.toBeInstanceOf(InvalidStorageInputError)
  })

  test('cancels a ReadableStream it stops reading', async () => {
    let cancelled = false
    const stream = new ReadableStream<Uint8Array>({
      pull: (controller) => controller.enqueue(new Uint8Array([1])),
      cancel: () => {
        cancelled = true
      },
    })
    for await (const _ of byteChunks(stream, { operation: 'put' })) break
    expect(cancelled).toBe(true)
  })
})

describe('SharedExclusiveLock', () => {
  test('exclusive waits for shared sections and holds new ones back', async () => {
    const lock = new SharedExclusiveLock()
    const log: string[] = []
    let releaseShared!: () => void
    const shared = lock.shared(async () => {
      log.push('shared start')
      await new Promise<void>((resolve) => {
        releaseShared = resolve
      })
      log.push('shared end')
    })
    const exclusive = lock.exclusive(async () => {
      log.push('exclusive')
      await tick()
    })
    await tick()
    const later = lock.shared(async () => {
      log.push('later shared')
    })
    await tick()
    releaseShared()
    await Promise.all([shared, exclusive, later])
    expect(log).toEqual(['shared start', 'shared end', 'exclusive', 'later shared'])
  })
})
