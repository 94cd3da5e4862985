// The scripted consent flow on a fresh local chain: deploy MedChain, verify a doctor, register a
// patient, request -> grant (signed by the patient, relayed and paid for by the doctor) -> revoke,
// printing every transaction with its gas. Run it with `pnpm demo` from the repository root.
//
// Encryption keys and CIDs below are random stand-ins: this script shows the on-chain protocol. The
// SDK's MedChainClient (encrypt -> IPFS -> anchor, key envelopes) builds on exactly these calls.
import { medChainAbi } from '@medchain/contracts'
import { startLocalMedChain } from '@medchain/test'
import { type Account, bytesToHex, getContract, type Hash, parseEventLogs, toHex } from 'viem'
import { printSummary, runStep } from './steps.js'

const SCOPE_LAB_RESULTS = 5
const SCOPE_PRESCRIPTIONS = 4
const PURPOSE_TREATMENT = 1
const ROLE_PATIENT = 1
const ROLE_PROVIDER = 2
const THIRTY_DAYS = 30n * 24n * 60n * 60n

const randomBytes32 = () => bytesToHex(crypto.getRandomValues(new Uint8Array(32)))
// A CIDv1 (raw, sha2-256) of random bytes: the shape of a real ciphertext CID, revealing nothing.
const randomCid = () =>
  toHex(new Uint8Array([0x01, 0x55, 0x12, 0x20, ...crypto.getRandomValues(new Uint8Array(32))]))

const local = await startLocalMedChain()
try {
  const { admin, doctor, patient } = local.accounts
  const { publicClient, medChain } = local
  console.log(
    `MedChain deployed at ${medChain} on anvil ${local.anvil.rpcUrl} (chain ${local.chain.id})`,
  )
  console.log(
    `  admin   ${admin.address}\n  doctor  ${doctor.address}\n  patient ${patient.address}\n`,
  )

  // A typed handle on the contract that signs as `account`.
  const as = (account: Account) =>
    getContract({
      address: medChain,
      abi: medChainAbi,
      client: { public: publicClient, wallet: local.walletFor(account) },
    })
  const step = (label: string, tx: () => Promise<Hash>) => runStep(publicClient, label, tx)

  await step('doctor registers as provider', () =>
    as(doctor).write.register([ROLE_PROVIDER, randomBytes32(), randomCid()]),
  )
  await step('admin verifies the doctor', () =>
    as(admin).write.verifyProvider([doctor.address, randomBytes32()]),
  )
  await step('patient registers', () =>
    as(patient).write.register([ROLE_PATIENT, randomBytes32(), randomCid()]),
  )
  await step('patient anchors a lab result', () =>
    as(patient).write.anchorRecord([patient.address, 0n, SCOPE_LAB_RESULTS, 0, randomCid(), 0n]),
  )
  const request = await step('doctor requests lab results (30 days)', () =>
    as(doctor).write.requestAccess([
      patient.address,
      [SCOPE_LAB_RESULTS],
      PURPOSE_TREATMENT,
      THIRTY_DAYS,
    ]),
  )
  const [requested] = parseEventLogs({
    abi: medChainAbi,
    logs: request.logs,
    eventName: 'AccessRequested',
  })
  const requestId = requested!.args.requestId

  const now = (await publicClient.getBlock()).timestamp
  const grant = {
    patient: patient.address,
    grantee: doctor.address,
    scopes: [SCOPE_LAB_RESULTS],
    write: false,
    expiry: now + THIRTY_DAYS,
    envelopeCid: randomCid(),
    requestId,
    nonce: await as(patient).read.nonces([patient.address]),
    deadline: now + 3600n,
  }
  const signature = await local.walletFor(patient).signTypedData({
    domain: {
      name: 'MedChain',
      version: '1',
      chainId: local.chain.id,
      verifyingContract: medChain,
    },
    types: {
      Grant: [
        { name: 'patient', type: 'address' },
        { name: 'grantee', type: 'address' },
        { name: 'scopes', type: 'uint8[]' },
        { name: 'write', type: 'bool' },
        { name: 'expiry', type: 'uint64' },
        { name: 'envelopeCid', type: 'bytes' },
        { name: 'requestId', type: 'uint256' },
        { name: 'nonce', type: 'uint256' },
        { name: 'deadline', type: 'uint256' },
      ],
    },
    primaryType: 'Grant',
    message: grant,
  })
  console.log('  patient signs the grant off chain (EIP-712, no gas)')
  await step('doctor relays the signed grant', () =>
    as(doctor).write.grantAccessBySig([grant, patient.address, signature]),
  )

  const hasAccess = (scope: number) =>
    as(doctor).read.hasAccess([patient.address, doctor.address, scope])
  console.log(
    `  hasAccess(lab results) = ${await hasAccess(SCOPE_LAB_RESULTS)}, hasAccess(prescriptions) = ${await hasAccess(SCOPE_PRESCRIPTIONS)}`,
  )

  await step('patient revokes lab results', () =>
    as(patient).write.revokeAccess([patient.address, doctor.address, [SCOPE_LAB_RESULTS]]),
  )
  console.log(`  hasAccess(lab results) = ${await hasAccess(SCOPE_LAB_RESULTS)}`)
  if (await hasAccess(SCOPE_LAB_RESULTS)) throw new Error('revocation did not take effect')

  printSummary()
} finally {
  await local.stop()
}
