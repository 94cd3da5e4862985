import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { generateEncryptionKeyPair, rawKeyProvider } from '../../src/exports/crypto.js'
import type { MedChainTransaction } from '../../src/exports/index.js'
import { days, now, startWorld, verifiedProvider, type World } from './setup.js'

describe('write actions that send several transactions return every one of them', () => {
  let w: World
  beforeAll(async () => {
    w = await startWorld()
    await verifiedProvider(w, w.doctor, 'Dr. A')
    await w.patient.registerPatient({ profile: { name: 'P', age: 30 } })
  })
  afterAll(() => w?.stop())

  const kinds = (transactions: readonly MedChainTransaction[]) =>
    transactions.map((t) => t.events[0]?.eventName)

  /** Each listed transaction is mined, successful, in send order, with the receipt's gas. */
  async function expectMined(transactions: readonly MedChainTransaction[]) {
    let previous = -1n
    for (const tx of transactions) {
      const receipt = await w.local.publicClient.getTransactionReceipt({
        hash: tx.transactionHash,
      })
      expect(receipt.status).toBe('success')
      expect(receipt.gasUsed).toBe(tx.gasUsed)
      expect(receipt.blockNumber).toBe(tx.blockNumber)
      expect(receipt.blockNumber).toBeGreaterThan(previous)
      previous = receipt.blockNumber
    }
  }

  it('publishRecord: the first record of a scope lists the key rotation, then the anchor', async () => {
    const first = await w.patient.publishRecord({ scope: 2, data: 'first diagnosis' })
    expect(kinds(first.transactions)).toEqual(['ScopeKeyRotated', 'RecordAnchored'])
    expect(first.transactions.at(-1)!.transactionHash).toBe(first.transactionHash)
    await expectMined(first.transactions)
    const second = await w.patient.publishRecord({ scope: 2, data: 'second diagnosis' })
    expect(kinds(second.transactions)).toEqual(['RecordAnchored'])
    const repeated = await w.patient.publishRecord({ scope: 2, data: 'second diagnosis' })
    expect(repeated.alreadyAnchored).toBe(true)
    expect(repeated.transactions).toEqual([])
    const batch = await w.patient.publishRecords({ scope: 3, records: ['a', 'b'] })
    expect(kinds(batch.transactions)).toEqual(['ScopeKeyRotated', 'RecordsAnchored'])
  })

  it('grantAccess and signGrant list the key rotation of a scope granted before any record', async () => {
    const expiry = (await now(w)) + days(1)
    const granted = await w.patient.grantAccess({ grantee: w.doctor.address!, scopes: [6], expiry })
    expect(kinds(granted.transactions)).toEqual(['ScopeKeyRotated', 'AccessGranted'])
    expect(granted.transactions[1]!.transactionHash).toBe(granted.transactionHash)
    await expectMined(granted.transactions)
    const signedNew = await w.patient.signGrant({ grantee: w.doctor.address!, scopes: [7], expiry })
    expect(kinds(signedNew.transactions)).toEqual(['ScopeKeyRotated'])
    await w.doctor.relayGrant(signedNew)
    const signedAgain = await w.patient.signGrant({
      grantee: w.doctor.address!,
      scopes: [7],
      expiry: expiry + 1n,
    })
    expect(signedAgain.transactions).toEqual([])
  })

  it('rotateEncryptionKey lists the key change, then one rotation per scope in use', async () => {
    const result = await w.patient.rotateEncryptionKey({
      keyProvider: rawKeyProvider({ privateKey: generateEncryptionKeyPair().privateKey }),
    })
    expect(kinds(result.transactions)).toEqual([
      'EncryptionKeyRotated',
      ...result.rotatedScopes.map(() => 'ScopeKeyRotated'),
    ])
    expect(result.rotatedScopes.length).toBeGreaterThanOrEqual(5)
    await expectMined(result.transactions)
    // The client itself switched to the new key provider: it still reads its records.
    expect((await w.patient.readRecord({ seq: 1n })).text()).toBe('first diagnosis')
  })
})
