import { bytesToHex, type Hex, toHex } from 'viem'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { days, now, startWorld, verifiedProvider, type World } from './setup.js'

describe('no health data on chain; grant cost is flat', () => {
  let w: World
  beforeAll(async () => {
    w = await startWorld()
  })
  afterAll(() => w?.stop())

  it('runs the whole flow with marker strings and finds none in any calldata or log', async () => {
    const markers = [
      'NAME-MARKER-7f3a',
      'AGE-MARKER-91',
      'RECORD-MARKER-c0ffee',
      'FILE-MARKER-b4d',
      'EMERGENCY-MARKER-5e',
    ]
    await verifiedProvider(w, w.doctor, 'Dr. Scan')
    await w.patient.registerPatient({ profile: { name: markers[0]!, age: 42, note: markers[1] } })
    await w.patient.publishRecord({
      scope: 5,
      data: {
        resourceType: 'Observation',
        status: 'final',
        code: { text: 'HbA1c' },
        subject: { reference: 'Patient/example' },
        note: [{ text: markers[2]! }],
      },
    })
    await w.patient.publishRecord({
      scope: 7,
      data: new TextEncoder().encode(`%PDF ${markers[3]}`),
    })
    const { requestId } = await w.doctor.requestAccess({
      patient: w.patient.address!,
      scopes: [5, 7],
      purpose: 1,
      duration: days(1),
    })
    await w.patient.grantAccess({
      grantee: w.doctor.address!,
      scopes: [5, 7],
      expiry: (await now(w)) + days(1),
      requestId,
    })
    expect((await w.doctor.readRecord({ patient: w.patient.address!, seq: 1n })).text()).toContain(
      markers[2],
    )
    await w.patient.revokeAccess({ grantee: w.doctor.address!, scopes: [5] })
    // Key holders: a delegate with keys, and break-glass access with keys released by a custodian.
    const delegate = w.clientFor(w.local.accounts.delegate)
    await delegate.registerPatient({ profile: { name: `${markers[0]} (parent)`, age: 40 } })
    await w.patient.setDelegate({ delegate: delegate.address!, kind: 'guardian' })
    await verifiedProvider(w, w.otherDoctor, 'Key service')
    await w.patient.setEmergencyAccess({ enabled: true, custodian: w.otherDoctor.address! })
    const { anchor } = await w.patient.publishRecord({ scope: 5, data: markers[4]! })
    await w.doctor.emergencyAccess({ patient: w.patient.address!, scopes: [5], reasonCode: 1 })
    await w.otherDoctor.releaseEmergencyKeys({
      patient: w.patient.address!,
      provider: w.doctor.address!,
    })
    expect(
      (await w.doctor.readRecord({ patient: w.patient.address!, seq: anchor.seq })).text(),
    ).toBe(markers[4])
    await w.patient.setDelegate({ delegate: delegate.address!, kind: 'none' })
    const last = await w.local.publicClient.getBlockNumber()
    const blobs: string[] = []
    for (let n = 0n; n <= last; n++) {
      const block = await w.local.publicClient.getBlock({
        blockNumber: n,
        includeTransactions: true,
      })
      for (const tx of block.transactions) {
        blobs.push(tx.input.toLowerCase())
        const receipt = await w.local.publicClient.getTransactionReceipt({ hash: tx.hash })
        for (const log of receipt.logs)
          blobs.push(log.data.toLowerCase(), ...log.topics.map((t) => t.toLowerCase()))
      }
    }
    expect(blobs.length).toBeGreaterThan(20)
    const needles = markers.flatMap((m) => [
      m,
      toHex(m).slice(2).toLowerCase(),
      bytesToHex(new TextEncoder().encode(m)).slice(2),
    ])
    const hits = needles.filter((needle) =>
      blobs.some(
        (blob) =>
          blob.includes(needle.toLowerCase()) ||
          Buffer.from(blob.replace(/^0x/, ''), 'hex').toString('latin1').includes(needle),
      ),
    )
    expect(hits).toEqual([])
  })

  it('grants a scope with 1 record and a scope with 1,000 records for the same execution gas', async () => {
    const patient = w.otherPatient
    await patient.registerPatient({ profile: { name: 'Bulk', age: 50 } })
    await patient.publishRecord({ scope: 2, data: 'one diagnosis' })
    const { anchors } = await patient.publishRecords({
      scope: 3,
      records: Array.from({ length: 1000 }, (_, i) => `treatment ${i}`),
    })
    expect(anchors).toHaveLength(1000)
    expect((await patient.listRecords()).verified).toBe(true)
    const expiry = (await now(w)) + days(1)
    const one = await patient.grantAccess({ grantee: w.doctor.address!, scopes: [2], expiry })
    const thousand = await patient.grantAccess({ grantee: w.doctor.address!, scopes: [3], expiry })
    const calldataGas = async (hash: Hex) => {
      const { input } = await w.local.publicClient.getTransaction({ hash })
      const bytes = Buffer.from(input.slice(2), 'hex')
      return BigInt([...bytes].reduce((sum, b) => sum + (b === 0 ? 4 : 16), 0))
    }
    const execution = async (r: { gasUsed: bigint; transactionHash: Hex }) =>
      r.gasUsed - (await calldataGas(r.transactionHash))
    expect(await execution(one)).toBe(await execution(thousand))
    // And the whole transaction differs only by the calldata cost of two different CIDs.
    expect(Math.abs(Number(one.gasUsed - thousand.gasUsed))).toBeLessThanOrEqual(12 * 36)
  })
})
