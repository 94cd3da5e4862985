// The demo data `pnpm dev` starts with, written through the SDK exactly as the app would write it:
// a verified doctor, a patient with a few FHIR R4 records (and a PDF), a pending access request,
// and a second doctor waiting for verification (so the Admin page has work to show).

import { createDocumentReference, medChainScopes, purposeOfUseCodes } from '@medchain/sdk/fhir'
import { type Address, type Hex, keccak256, toHex } from 'viem'
import type { MedChainWebConfig } from '../src/config'
import { createStackClient } from './sdkClient'
import {
  diabetesCondition,
  dischargeSummaryPdf,
  hba1cObservation,
  metforminRequest,
} from './seedRecords'
import type { StackAccounts } from './stack'

/** One record the seed published. */
export type SeededRecord = { title: string; seq: bigint; scope: number; cid: string }

/** What {@link seedDemo} created. */
export type SeedResult = {
  doctor: { address: Address; name: string; credentialRef: Hex }
  patient: { address: Address; name: string; age: number }
  /** Registered, not verified. */
  otherDoctor: { address: Address; name: string; credentialRef: Hex }
  records: SeededRecord[]
  /** The doctor's pending request for the patient's test results. */
  request: { requestId: bigint; scopes: number[]; purpose: number; duration: bigint }
}

const scopeId = (name: (typeof medChainScopes)[number]['name']): number => {
  const scope = medChainScopes.find((entry) => entry.name === name)
  if (!scope) throw new Error(`unknown scope ${name}`)
  return scope.id
}
const TREATMENT = Number(
  Object.entries(purposeOfUseCodes).find(([, purpose]) => purpose.code === 'TREAT')?.[0],
)
const THIRTY_DAYS = 30n * 86_400n

/**
 * Seeds the demo: Dr. Amara Okafor (St. Mary's Hospital, verified by the admin), Maria Lopez (42)
 * with an HbA1c result, a type 2 diabetes diagnosis, a metformin prescription and a discharge
 * summary PDF, Dr. Okafor's pending 30-day request for her test results, and Dr. Jonas Weber
 * (registered, not verified).
 *
 * @example
 * ```ts
 * const stack = await startWebStack()
 * const seed = await seedDemo(stack)
 * console.log(seed.records.map((record) => record.cid))
 * ```
 */
export async function seedDemo(stack: {
  config: MedChainWebConfig
  accounts: StackAccounts
}): Promise<SeedResult> {
  const { config, accounts } = stack
  const admin = createStackClient(config, accounts.admin.privateKey)
  const doctor = createStackClient(config, accounts.doctor.privateKey)
  const patient = createStackClient(config, accounts.patient.privateKey)
  const otherDoctor = createStackClient(config, accounts.otherDoctor.privateKey)

  // A credential reference is the hash of the licence document the administrator checks off chain.
  const doctorProfile = {
    name: 'Dr. Amara Okafor',
    institution: "St. Mary's Hospital",
    credentialRef: keccak256(toHex('GMC licence 4417203 - Dr. Amara Okafor (synthetic)')),
  }
  const otherDoctorProfile = {
    name: 'Dr. Jonas Weber',
    institution: 'Klinikum Nord',
    credentialRef: keccak256(toHex('Approbation 0815-2291 - Dr. Jonas Weber (synthetic)')),
  }
  const patientProfile = { name: 'Maria Lopez', age: 42 }

  await doctor.registerProvider({ profile: doctorProfile })
  await admin.verifyProvider({
    provider: accounts.doctor.address,
    credentialRef: doctorProfile.credentialRef,
  })
  await patient.registerPatient({ profile: patientProfile })

  const discharge = createDocumentReference({
    data: dischargeSummaryPdf(),
    contentType: 'application/pdf',
    title: 'Discharge summary, 4 March 2026',
    patientRef: 'Patient/maria-lopez',
    type: {
      coding: [{ system: 'http://loinc.org', code: '18842-5', display: 'Discharge summary' }],
    },
    date: new Date('2026-03-04T16:00:00Z'),
    description: "Discharge summary from St. Mary's Hospital",
  })
  const records: SeededRecord[] = []
  for (const [title, data] of [
    ['HbA1c 7.2 %', hba1cObservation],
    ['Type 2 diabetes mellitus', diabetesCondition],
    ['Metformin 500 mg', metforminRequest],
    ['Discharge summary (PDF)', discharge],
  ] as const) {
    const { anchor } = await patient.publishRecord({ data })
    records.push({ title, seq: anchor.seq, scope: anchor.scope, cid: anchor.cid })
  }

  const request = {
    scopes: [scopeId('lab-results')],
    purpose: TREATMENT,
    duration: THIRTY_DAYS,
  }
  const { requestId } = await doctor.requestAccess({
    patient: accounts.patient.address,
    ...request,
  })

  await otherDoctor.registerProvider({ profile: otherDoctorProfile })

  return {
    doctor: { address: accounts.doctor.address, ...doctorProfile },
    patient: { address: accounts.patient.address, ...patientProfile },
    otherDoctor: { address: accounts.otherDoctor.address, ...otherDoctorProfile },
    records,
    request: { requestId, ...request },
  }
}
