import { medChainAbi } from '@medchain/contracts'
import { extractAttachment } from '@medchain/sdk/fhir'
import { createPublicClient, http } from 'viem'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createStackClient } from './sdkClient'
import { dischargeSummaryPdf } from './seedRecords'
import { startWebStack, type WebStack } from './stack'

let stack: WebStack
let seedMs = 0

beforeAll(async () => {
  const started = performance.now()
  stack = await startWebStack({ seed: true })
  seedMs = performance.now() - started
})

afterAll(async () => {
  await stack?.stop()
})

describe('seedDemo (checked through the SDK, as the app reads it)', () => {
  it('the patient reads her profile and all four records', async () => {
    console.log(`startWebStack({ seed: true }) took ${seedMs.toFixed(0)} ms`)
    const seed = stack.seed!
    const patient = createStackClient(stack.config, stack.accounts.patient.privateKey)
    const { profile, role } = await patient.getProfile()
    expect(role).toBe('patient')
    expect(profile).toMatchObject({ name: 'Maria Lopez', age: 42 })

    const { records, verified } = await patient.listRecords()
    expect(verified).toBe(true)
    expect(records.map((record) => [record.seq, record.scope, record.cid])).toEqual(
      seed.records.map((record) => [record.seq, record.scope, record.cid]),
    )
    expect(records.map((record) => record.scope)).toEqual([5, 2, 4, 7])

    const resources = await Promise.all(
      records.map(async (record) =>
        (await patient.readRecord({ record })).json<Record<string, unknown>>(),
      ),
    )
    expect(resources.map((resource) => resource.resourceType)).toEqual([
      'Observation',
      'Condition',
      'MedicationRequest',
      'DocumentReference',
    ])
    expect(resources[0]).toMatchObject({
      code: { text: 'HbA1c' },
      valueQuantity: { value: 7.2, unit: '%' },
      referenceRange: [{ low: { value: 4 }, high: { value: 5.6 } }],
    })
    expect(resources[1]).toMatchObject({ code: { text: 'Type 2 diabetes mellitus' } })
    expect(resources[2]).toMatchObject({
      medicationCodeableConcept: { text: 'Metformin 500 mg tablet' },
    })
    // biome-ignore lint/suspicious/noExplicitAny: checked as a DocumentReference by extractAttachment
    const pdf = extractAttachment(resources[3] as any)
    expect(pdf.contentType).toBe('application/pdf')
    expect(new TextDecoder().decode(pdf.data.subarray(0, 8))).toBe('%PDF-1.4')
    expect(Buffer.from(pdf.data).equals(Buffer.from(dischargeSummaryPdf()))).toBe(true)
  })

  it("the doctor's request for test results is pending, and the doctor cannot read yet", async () => {
    const seed = stack.seed!
    const patient = createStackClient(stack.config, stack.accounts.patient.privateKey)
    const pending = await patient.listPendingRequests()
    expect(pending).toHaveLength(1)
    expect(pending[0]).toMatchObject({
      requestId: seed.request.requestId,
      provider: stack.accounts.doctor.address,
      patient: stack.accounts.patient.address,
      scopes: [5],
      purpose: 1,
      duration: 30n * 86_400n,
    })
    const doctor = createStackClient(stack.config, stack.accounts.doctor.privateKey)
    const { records } = await doctor.listRecords({ patient: stack.accounts.patient.address })
    await expect(doctor.readRecord({ record: records[0]! })).rejects.toMatchObject({
      name: 'ConsentRequiredError',
    })
  })

  it('Dr. Okafor is verified; Dr. Weber is registered and waits for verification', async () => {
    const admin = createStackClient(stack.config, stack.accounts.admin.privateKey)
    const doctor = await admin.getProfile({ account: stack.accounts.doctor.address })
    expect(doctor).toMatchObject({
      role: 'provider',
      profile: { name: 'Dr. Amara Okafor', institution: "St. Mary's Hospital" },
    })
    const other = await admin.getProfile({ account: stack.accounts.otherDoctor.address })
    expect(other).toMatchObject({
      role: 'provider',
      profile: { name: 'Dr. Jonas Weber', credentialRef: stack.seed!.otherDoctor.credentialRef },
    })
    const client = createPublicClient({ transport: http(stack.config.rpcUrl) })
    const status = (account: `0x${string}`) =>
      client.readContract({
        address: stack.config.contractAddress,
        abi: medChainAbi,
        functionName: 'providerStatusOf',
        args: [account],
      })
    expect(await status(stack.accounts.doctor.address)).toBe(1) // Verified
    expect(await status(stack.accounts.otherDoctor.address)).toBe(0) // Unverified
  })
})
