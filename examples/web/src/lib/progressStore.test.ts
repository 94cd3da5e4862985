import { createMemoryStore } from '@medchain/sdk/storage'
import { describe, expect, it } from 'vitest'
import { createProgressStore, type PublishProgress } from './progressStore.js'

describe('createProgressStore', () => {
  it('reports encrypting, storing by bytes, anchoring and done, never going back', async () => {
    const inner = createMemoryStore()
    const { store, track } = createProgressStore(inner)
    const seen: PublishProgress[] = []
    const data = new Uint8Array(256 * 1024).fill(7)
    const cid = await track(
      (p) => seen.push(p),
      async () => {
        const first = await store.put(data)
        await store.put(new Uint8Array([1, 2, 3])) // e.g. a key bundle after the record
        return first
      },
    )
    expect(await inner.get(cid)).toEqual(data)
    const stages = [...new Set(seen.map((p) => p.stage))]
    expect(stages).toEqual(['encrypting', 'storing', 'anchoring', 'done'])
    const fractions = seen.map((p) => p.fraction)
    expect(fractions).toEqual([...fractions].sort((a, b) => a - b))
    expect(fractions.at(-1)).toBe(1)
  })
  it('reports nothing outside a tracked publish', async () => {
    const { store } = createProgressStore(createMemoryStore())
    await expect(store.put(new Uint8Array([1]))).resolves.toBeDefined()
  })
})
