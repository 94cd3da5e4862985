import { medChainAbi } from '@medchain/contracts'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { InvalidFhirResourceError, ScopeConflictError } from '../../src/exports/fhir.js'
import { startWorld, type World } from './setup.js'

const subject = { reference: 'Patient/example' }
const observation = {
  resourceType: 'Observation',
  status: 'final',
  code: { text: 'HbA1c' },
  subject,
}
const prescription = {
  resourceType: 'MedicationRequest',
  status: 'active',
  intent: 'order',
  subject,
  medicationCodeableConcept: { text: 'Metformin 500 mg' },
}

describe('records are FHIR R4, checked before anything is encrypted, stored or anchored', () => {
  let w: World
  beforeAll(async () => {
    w = await startWorld()
    await w.patient.registerPatient({ profile: { name: 'Grace', age: 40 } })
  })
  afterAll(() => w?.stop())

  const anchorCount = () =>
    w.local.publicClient.readContract({
      address: w.local.medChain,
      abi: medChainAbi,
      functionName: 'anchorCount',
      args: [w.patient.address!],
    })

  it('takes the scope from the resource type when none is given', async () => {
    const lab = await w.patient.publishRecord({ data: observation })
    const rx = await w.patient.publishRecord({ data: prescription })
    expect([lab.anchor.scope, rx.anchor.scope]).toEqual([5, 4])
  })

  it('refuses an invalid resource with the problems listed, and anchors and stores nothing', async () => {
    const before = await anchorCount()
    const pinsBefore = (await w.store.pins()).length
    const error = await w.patient
      .publishRecord({ data: { resourceType: 'Observation', status: 'final', subject } })
      .catch((e) => e)
    expect(error).toBeInstanceOf(InvalidFhirResourceError)
    expect(error.name).toBe('InvalidFhirResourceError')
    expect(error.message).toContain('Observation.code')
    expect(await anchorCount()).toBe(before)
    expect((await w.store.pins()).length).toBe(pinsBefore)
  })

  it('refuses a batch whose resources belong to different scopes', async () => {
    const error = await w.patient
      .publishRecords({ records: [observation, prescription] })
      .catch((e) => e)
    expect(error).toBeInstanceOf(ScopeConflictError)
  })
})
