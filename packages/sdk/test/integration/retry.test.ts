import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { StorageUnavailableError } from '../../src/exports/index.js'
import type { RecordStore } from '../../src/exports/storage.js'
import { startWorld, type World } from './setup.js'

describe('retry safety', () => {
  let w: World
  let patient: ReturnType<World['clientFor']>
  beforeAll(async () => {
    w = await startWorld()
  })
  afterAll(() => w?.stop())

  it('a store failure mid-publish anchors nothing; repeating succeeds once; a repeat returns the existing anchor', async () => {
    let failNext = false
    const flaky: RecordStore = {
      ...w.store,
      put: async (data, options) => {
        if (failNext) {
          failNext = false
          await w.store.put(new Uint8Array([1, 2, 3])) // something was written...
          throw new StorageUnavailableError({
            operation: 'put',
            reason: 'disk full (simulated)',
          } as never)
        }
        return w.store.put(data, options)
      },
      get: (cid, options) => w.store.get(cid, options),
      has: (cid, options) => w.store.has(cid, options),
      stream: (cid, options) => w.store.stream(cid, options),
      pin: (cid, options) => w.store.pin(cid, options),
      unpin: (cid, options) => w.store.unpin(cid, options),
    }
    patient = w.clientFor(w.local.accounts.patient, { storage: flaky })
    await patient.registerPatient({ profile: { name: 'Retry', age: 30 } })
    await patient.publishRecord({ scope: 5, data: 'warm up the scope key' })
    const before = (await patient.listRecords()).count
    failNext = true
    await expect(patient.publishRecord({ scope: 5, data: 'lab result' })).rejects.toThrow()
    expect((await patient.listRecords()).count).toBe(before)
    const first = await patient.publishRecord({ scope: 5, data: 'lab result' })
    expect(first.alreadyAnchored).toBe(false)
    expect((await patient.listRecords()).count).toBe(before + 1n)
    const again = await patient.publishRecord({ scope: 5, data: 'lab result' })
    expect(again.alreadyAnchored).toBe(true)
    expect(again.anchor).toEqual(first.anchor)
    expect((await patient.listRecords()).count).toBe(before + 1n)
  })

  it('a retried anchor with a stale expected count returns the anchor that already landed', async () => {
    const { anchor } = await patient.publishRecord({ scope: 5, data: 'landed once' })
    const retry = await patient.anchorRecord({
      scope: 5,
      epoch: anchor.epoch,
      cid: anchor.cid,
      expectedCount: anchor.seq - 1n,
    })
    expect(retry.alreadyAnchored).toBe(true)
    expect(retry.anchors[0]).toEqual(anchor)
    expect((await patient.listRecords()).count).toBe(anchor.seq)
  })
})
