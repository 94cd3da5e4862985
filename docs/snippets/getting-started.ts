// The code of the getting-started page (docs/getting-started.md shows the regions below).
// docs/getting-started.test.ts runs these two functions against a real anvil and an on-disk store in
// a temp folder, so the page stays true. The chain URL, keys and folder are parameters only so that
// the test can pass its own; a service would read them from its configuration.

// #region imports
import { deployMedChain } from '@medchain/contracts'
import { createMedChainClient } from '@medchain/sdk'
import { generateEncryptionKeyPair, rawKeyProvider } from '@medchain/sdk/crypto'
import { type Address, createWalletClient, type Hex, http } from 'viem'
import { privateKeyToAccount } from 'viem/accounts'
import { foundry } from 'viem/chains'
// #endregion imports

/** Where the MedChain contract lives: its address and the block it was deployed in. */
export type LocalDeployment = { address: Address; startBlock: bigint }

/** Deploys MedChain to the chain at `rpcUrl`; the deployer becomes its administrator. */
export async function deployToLocalChain(
  rpcUrl: string,
  deployerKey: Hex,
): Promise<LocalDeployment> {
  // #region deploy
  const deployer = createWalletClient({
    account: privateKeyToAccount(deployerKey),
    chain: foundry,
    transport: http(rpcUrl),
  })
  const { address, blockNumber } = await deployMedChain(deployer)
  console.log(`MedChain deployed at ${address} in block ${blockNumber}`)
  // #endregion deploy
  return { address, startBlock: blockNumber }
}

export type FirstRecordParameters = LocalDeployment & {
  rpcUrl: string
  /** The patient's account key (secp256k1): signs the transactions. */
  accountKey: Hex
  /** Folder of the embedded on-disk IPFS store. */
  storagePath: string
}

/** Registers a patient, publishes one FHIR Observation and reads it back. */
export async function publishFirstRecord({
  rpcUrl,
  address,
  startBlock,
  accountKey,
  storagePath,
}: FirstRecordParameters) {
  // #region client
  // The encryption key (X25519) unwraps record keys. Generated here for the first run; keep it in a
  // keystore file (saveKeystore) or nothing encrypted to this patient can be read again.
  const { privateKey: encryptionKey } = generateEncryptionKeyPair()

  const patient = createMedChainClient({
    chain: foundry,
    transport: http(rpcUrl),
    account: privateKeyToAccount(accountKey),
    address,
    startBlock,
    storagePath, // the embedded on-disk IPFS store: no daemon needed
    keyProvider: rawKeyProvider({ privateKey: encryptionKey }),
  })
  // #endregion client

  // #region register
  // Name and age are encrypted into the profile; only its CID goes on chain.
  await patient.registerPatient({ profile: { name: 'Ada Lovelace', age: 36 } })
  // #endregion register

  // #region publish
  const observation = {
    resourceType: 'Observation',
    status: 'final',
    code: {
      coding: [{ system: 'http://loinc.org', code: '4548-4', display: 'Hemoglobin A1c' }],
      text: 'HbA1c',
    },
    subject: { reference: 'Patient/ada' },
    effectiveDateTime: '2025-03-14T08:30:00Z',
    valueQuantity: { value: 6.1, unit: '%', system: 'http://unitsofmeasure.org', code: '%' },
  }
  // Checked as FHIR R4, encrypted, stored by CID, read back, then the CID is anchored on chain.
  // No scope given: an Observation goes to scope 5 (lab results).
  const { anchor, transactionHash } = await patient.publishRecord({ data: observation })
  console.log(`record ${anchor.seq} anchored in ${transactionHash}, CID ${anchor.cid}`)
  // #endregion publish

  // #region read
  // Fetched by CID (every block verified), key unwrapped, decrypted and checked against the anchor.
  const { json } = await patient.readRecord({ seq: anchor.seq })
  const record = json<typeof observation>()
  console.log(`${record.code.text}: ${record.valueQuantity.value} ${record.valueQuantity.unit}`)
  // #endregion read

  return { published: observation, read: record, anchor }
}
