import { createMedChainClient, type MedChainClient } from '@medchain/sdk'
import { generateEncryptionKeyPair, rawKeyProvider } from '@medchain/sdk/crypto'
import { createMemoryStore } from '@medchain/sdk/storage'
import { type LocalMedChain, startLocalMedChain } from '@medchain/test'
import { http } from 'viem'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { publishWithProgress, type UploadProgress, uploadProgress } from './publishProgress.js'

/** Stages in the order they were first shown. */
const stagesOf = (seen: readonly UploadProgress[]) =>
  seen.map((p) => p.stage).filter((stage, i, all) => stage !== all[i - 1])

function expectNeverBack(seen: readonly UploadProgress[]) {
  const fractions = seen.map((p) => p.fraction)
  expect(fractions).toEqual([...fractions].sort((a, b) => a - b))
}

describe('publishWithProgress against anvil', () => {
  let local: LocalMedChain
  let patient: MedChainClient

  beforeAll(async () => {
    local = await startLocalMedChain()
    patient = createMedChainClient({
      chain: local.chain,
      transport: http(local.anvil.rpcUrl),
      account: local.accounts.patient,
      address: local.medChain,
      startBlock: local.startBlock,
      storage: createMemoryStore(),
      keyProvider: rawKeyProvider({ privateKey: generateEncryptionKeyPair().privateKey }),
    })
    await patient.registerPatient({ profile: { name: 'Progress Patient', age: 30 } })
  })
  afterAll(() => local?.stop())

  it('shows preparing, the SDK stages by bytes, then anchoring until the transaction is mined', async () => {
    const file = new Uint8Array(3 * 1024 * 1024).map((_, i) => i % 251)
    const seen: UploadProgress[] = []
    const result = await publishWithProgress(patient, { scope: 7, data: file }, (p) => seen.push(p))
    expect(result.anchor.seq).toBeGreaterThan(0n)
    expect(stagesOf(seen)).toEqual(['preparing', 'encrypting', 'storing', 'verifying', 'anchoring'])
    // Nothing follows anchoring: the bar stays there until the transaction is mined.
    expect(seen.at(-1)!.stage).toBe('anchoring')
    expectNeverBack(seen)
    // Encryption is reported segment by segment, not only at its start and end.
    const encrypting = seen.filter((p) => p.stage === 'encrypting').map((p) => p.fraction)
    expect(new Set(encrypting).size).toBeGreaterThan(2)
    expect(seen.every((p) => p.fraction > 0 && p.fraction < 1)).toBe(true)
    expect(seen.at(-1)!.label).toMatch(/^Anchoring on chain/)
  })

  it('a small record in a category that already has its key goes through the same stages', async () => {
    const seen: UploadProgress[] = []
    await publishWithProgress(patient, { scope: 7, data: 'a short note' }, (p) => seen.push(p))
    expect(stagesOf(seen)).toEqual(['preparing', 'encrypting', 'storing', 'verifying', 'anchoring'])
    expectNeverBack(seen)
  })
})

describe('uploadProgress', () => {
  it('numbers the records of a batch and only anchors after the last one', () => {
    const record = (index: number, stage: 'storing' | 'verifying', bytes: number) =>
      uploadProgress({ stage, record: index, records: 2, bytes, totalBytes: 100 })
    const first = record(0, 'verifying', 100)
    expect(first.stage).toBe('verifying')
    expect(first.label).toMatch(/\(record 1 of 2\)$/)
    const second = record(1, 'storing', 50)
    expect(second.fraction).toBeGreaterThan(first.fraction)
    expect(record(1, 'verifying', 100).stage).toBe('anchoring')
  })
})
