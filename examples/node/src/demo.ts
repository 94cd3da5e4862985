// The original design's story, end to end, on the embedded defaults: a local anvil started from the
// npm Foundry package, MedChain deployed on it, and the on-disk IPFS store in a data folder. Every
// party uses MedChainClient through the SDK's public entry points, as a vendor's service would.
//
//   setup     admin verifies a doctor; the patient registers (name and age, encrypted)
//   1 upload  the patient's device validates and encrypts a lab result and a prescription
//   2 store   ciphertext into the store by CID, CID anchored on chain
//   3 request the doctor asks for the lab results, for treatment, for 30 days
//   4 grant   the patient signs a 30-day grant, the doctor relays it and reads the lab result; the
//             prescription stays closed; the patient revokes and the doctor is refused
//   audit     the patient's timeline, straight from the chain's events
//
// Run it with `pnpm demo` from the repository root. The data folder is `MEDCHAIN_DATA_DIR`, or
// `examples/node/.medchain/demo`.
import {
  ConsentRequiredError,
  ConsentRevokedError,
  createMedChainClient,
  type MedChainClient,
} from '@medchain/sdk'
import { generateEncryptionKeyPair, rawKeyProvider } from '@medchain/sdk/crypto'
import { purposeOfUseCodes, toFhirAuditEvent } from '@medchain/sdk/fhir'
import { createFsStore } from '@medchain/sdk/storage/node'
import { startLocalMedChain } from '@medchain/test'
import { type Account, http, keccak256, toHex } from 'viem'
import { freshStoreDir } from './demo/dataDir.js'
import { loadRecord } from './demo/fixtures.js'
import {
  describeObservation,
  header,
  note,
  printFailure,
  printTimeline,
  refused,
  scopeName,
} from './demo/print.js'
import { printSummary, runStep } from './steps.js'

const PURPOSE_TREATMENT = 1
const THIRTY_DAYS = 30n * 86_400n

const startedAt = performance.now()
// Nothing is running yet if these fail (startLocalMedChain stops its anvil when the deploy fails).
const fail = (error: unknown): never => {
  printFailure(error)
  process.exit(1)
}
const storeDir = await freshStoreDir().catch(fail)
const local = await startLocalMedChain().catch(fail)
const store = createFsStore({ path: storeDir })
try {
  await store.open()
  const { accounts } = local
  // One client per party. Each holds its own X25519 encryption key (here generated for the run; a
  // real service loads it from a keystore or a wallet-derived key provider).
  const clientFor = (account: Account): MedChainClient =>
    createMedChainClient({
      chain: local.chain,
      transport: http(local.anvil.rpcUrl),
      account,
      address: local.medChain,
      startBlock: local.startBlock,
      storage: store,
      keyProvider: rawKeyProvider({ privateKey: generateEncryptionKeyPair().privateKey }),
    })
  const admin = clientFor(accounts.admin)
  const doctor = clientFor(accounts.doctor)
  const patient = clientFor(accounts.patient)
  const patientAddress = accounts.patient.address
  const doctorAddress = accounts.doctor.address
  const step = runStep

  console.log('MedChain demo: encrypted, patient-controlled health records')
  console.log(
    `  chain    anvil ${local.anvil.rpcUrl} (chain ${local.chain.id}), anvil pid ${local.anvil.pid}`,
  )
  console.log(`  contract MedChain at ${local.medChain}`)
  console.log(`  store    on-disk IPFS store in ${storeDir}`)
  console.log(`  admin    ${accounts.admin.address}`)
  console.log(`  doctor   ${doctorAddress}`)
  console.log(`  patient  ${patientAddress}`)

  // ── setup ─────────────────────────────────────────────────────────────────────────────────────
  header('setup', 'a doctor registers and is verified; the patient registers')
  const credentialRef = keccak256(toHex('GMC licence 7654321 (synthetic)'))
  await step('doctor registers as provider', () =>
    doctor.registerProvider({
      profile: { name: 'Dr. Grace Hopper', institution: 'General Hospital', credentialRef },
    }),
  )
  note('public profile: Dr. Grace Hopper, General Hospital, credential ref (hash of the licence)')
  await step('admin verifies the doctor', () =>
    admin.verifyProvider({ provider: doctorAddress, credentialRef }),
  )
  const registered = await step('patient registers (name, age)', () =>
    patient.registerPatient({ profile: { name: 'Ada Lovelace', age: 36 } }),
  )
  const { profile } = await patient.getProfile()
  note(`profile encrypted on the patient's device, stored as ${registered.profileCid}`)
  note(`on chain: the CID only; the patient reads it back: ${profile.name}, ${profile.age}`)

  // ── 1 upload ──────────────────────────────────────────────────────────────────────────────────
  header(
    '1 · upload',
    "the patient's device validates each FHIR record and picks its scope; it encrypts it there\n   (AES-256-GCM, a fresh data key per record, wrapped under the patient's scope key)",
  )
  const lab = await loadRecord('lab-result.observation.json')
  const prescription = await loadRecord('prescription.medication-request.json')
  for (const record of [lab, prescription])
    note(
      `${record.file}: valid FHIR R4 ${record.resource.resourceType}, ${record.bytes} bytes -> scope ${record.scope.name} (${record.scope.id})`,
    )

  // ── 2 store ───────────────────────────────────────────────────────────────────────────────────
  header(
    '2 · store',
    'publishRecord: encrypt -> ciphertext into the IPFS store (CID) -> CID anchored on chain',
  )
  const labPublished = await step('patient uploads the lab result', () =>
    patient.publishRecord({ scope: lab.scope.id, data: lab.data }),
  )
  const rxPublished = await step('patient uploads the prescription', () =>
    patient.publishRecord({ scope: prescription.scope.id, data: prescription.data }),
  )
  for (const { anchor } of [labPublished, rxPublished]) {
    const stored = await store.get(anchor.cid)
    note(
      `record #${anchor.seq} ${scopeName(anchor.scope)} epoch ${anchor.epoch}: ${stored.length} encrypted bytes at ${anchor.cid}`,
    )
  }

  // ── 3 request ─────────────────────────────────────────────────────────────────────────────────
  header('3 · request', 'the verified doctor asks the patient for the lab results')
  const { requestId } = await step('doctor requests lab results (30 days)', () =>
    doctor.requestAccess({
      patient: patientAddress,
      scopes: [lab.scope.id],
      purpose: PURPOSE_TREATMENT,
      duration: THIRTY_DAYS,
    }),
  )
  for (const request of await patient.listPendingRequests())
    note(
      `patient's inbox: request #${request.requestId} from the doctor for ${request.scopes.map(scopeName).join(', ')}, purpose ${purposeOfUseCodes[request.purpose]?.display}, ${request.duration / 86_400n} days`,
    )

  // ── 4 grant ───────────────────────────────────────────────────────────────────────────────────
  header('4 · grant', 'the patient signs a 30-day grant; the doctor relays it, reads, is refused')
  const signed = await patient.signGrant({
    grantee: doctorAddress,
    scopes: [lab.scope.id],
    expiry: new Date(Date.now() + Number(THIRTY_DAYS) * 1000),
    requestId,
  })
  console.log('  ✓ patient signs the grant (EIP-712, off chain, no gas)')
  note(`lab-results key wrapped to the doctor's key: ${signed.envelopeCid}`)
  await step('doctor relays the signed grant', () => doctor.relayGrant(signed))

  const readStarted = performance.now()
  const { records, verified } = await doctor.listRecords({ patient: patientAddress })
  const labAnchor = records.find((r) => r.seq === labPublished.anchor.seq)!
  const rxAnchor = records.find((r) => r.seq === rxPublished.anchor.seq)!
  const read = await doctor.readRecord({ record: labAnchor })
  const observation = read.json<typeof lab.resource>()
  if (observation.resourceType !== 'Observation')
    throw new Error('the lab result is not an Observation')
  console.log(
    `  ✓ doctor reads the lab result (list, fetch, verify, decrypt: ${(performance.now() - readStarted).toFixed(0)} ms)`,
  )
  note(describeObservation(observation))
  if (!verified) throw new Error("the patient's anchor head does not match the chain")
  note(`verified: CID matches, anchor on chain (record #${labAnchor.seq}), head verified`)

  const prescriptionRead = await doctor.readRecord({ record: rxAnchor }).catch((error) => error)
  if (!(prescriptionRead instanceof ConsentRequiredError))
    throw new Error('the doctor read the prescription without consent')
  console.log('  … doctor tries the prescription')
  refused(prescriptionRead)

  const revoked = await step('patient revokes lab results', () =>
    patient.revokeAccess({ grantee: doctorAddress, scopes: [lab.scope.id] }),
  )
  for (const rotation of revoked.rotations)
    note(
      `rotation: ${scopeName(rotation.scope)} moves to key epoch ${rotation.epoch}, wrapped to ${rotation.grantees.length} remaining grantees (${rotation.envelopeCid})`,
    )
  const afterRevoke = await doctor.readRecord({ record: labAnchor }).catch((error) => error)
  if (!(afterRevoke instanceof ConsentRevokedError))
    throw new Error('the doctor still reads the lab result after the revocation')
  console.log('  … doctor tries the lab result again')
  refused(afterRevoke)

  // ── audit ─────────────────────────────────────────────────────────────────────────────────────
  header('audit', "the patient's timeline, rebuilt from the chain's events")
  const { entries } = await patient.getAuditTimeline()
  printTimeline(entries, {
    [accounts.admin.address.toLowerCase()]: 'admin',
    [doctorAddress.toLowerCase()]: 'doctor',
    [patientAddress.toLowerCase()]: 'patient',
  })
  const auditEvents = entries.map((entry) =>
    toFhirAuditEvent(entry, { chainId: local.chain.id, contract: local.medChain }),
  )
  note(`${auditEvents.length} FHIR R4 AuditEvents exported with toFhirAuditEvent`)

  console.log()
  printSummary(performance.now() - startedAt)
} catch (error) {
  printFailure(error)
  process.exitCode = 1
} finally {
  await store.close().catch(() => {})
  await local.stop()
  console.log(`Stopped anvil (pid ${local.anvil.pid}); the store stays in ${storeDir}.`)
}
