import { randomBytes } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { PublishProgress } from '../../src/exports/index.js'
import { startWorld, type World } from './setup.js'

describe('publishRecord onProgress', () => {
  let w: World
  beforeAll(async () => {
    w = await startWorld()
    await w.patient.registerPatient({ profile: { name: 'P', age: 30 } })
  })
  afterAll(() => w?.stop())

  /** Events of one record: stages in order, bytes never going back, each stage ending at 100%. */
  function expectWellFormed(events: readonly PublishProgress[], plaintextLength: number) {
    const stages = events.map((e) => e.stage).filter((s, i, all) => s !== all[i - 1])
    expect(stages).toEqual(['encrypting', 'storing', 'verifying'])
    for (const stage of stages) {
      const ofStage = events.filter((e) => e.stage === stage)
      const bytes = ofStage.map((e) => e.bytes)
      expect(bytes).toEqual([...bytes].sort((a, b) => a - b))
      expect(bytes[0]).toBe(0)
      expect(ofStage.at(-1)!.bytes).toBe(ofStage.at(-1)!.totalBytes)
      expect(new Set(ofStage.map((e) => e.totalBytes)).size).toBe(1)
    }
    expect(events.find((e) => e.stage === 'encrypting')!.totalBytes).toBe(plaintextLength)
    // The stored record object is the ciphertext plus its header and wrapped key.
    expect(events.find((e) => e.stage === 'storing')!.totalBytes).toBeGreaterThan(plaintextLength)
  }

  it('reports encryption segment by segment, then storing and the read-back, for a 3 MiB file', async () => {
    const file = new Uint8Array(randomBytes(3 * 1024 * 1024))
    const events: PublishProgress[] = []
    const { anchor } = await w.patient.publishRecord({
      scope: 7,
      data: file,
      onProgress: (p) => events.push(p),
    })
    expectWellFormed(events, file.length)
    const encrypting = events.filter((e) => e.stage === 'encrypting')
    // More than start and end: the envelope is encrypted in segments and each one is reported.
    expect(new Set(encrypting.map((e) => e.bytes)).size).toBeGreaterThan(2)
    expect(events.every((e) => e.record === 0 && e.records === 1)).toBe(true)
    const read = await w.patient.readRecord({ record: anchor })
    expect(read.data).toEqual(file)
  })

  it('numbers the records of a batch', async () => {
    const events: PublishProgress[] = []
    await w.patient.publishRecords({
      scope: 7,
      records: ['first note', 'second note'],
      onProgress: (p) => events.push(p),
    })
    for (const record of [0, 1])
      expectWellFormed(
        events.filter((e) => e.record === record),
        `${record === 0 ? 'first' : 'second'} note`.length,
      )
    expect(events.every((e) => e.records === 2)).toBe(true)
    // Record 0 is finished before record 1 starts.
    const order = events.map((e) => e.record)
    expect(order).toEqual([...order].sort((a, b) => a - b))
  })
})
