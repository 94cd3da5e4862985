// The code of the EHR vendor integration guide (docs/guides/ehr-integration.md shows the regions).
// docs/guides.test.ts runs each function on a real anvil with a real on-disk store and keystore.

// #region imports
import {
  ConsentExpiredError,
  ConsentRevokedError,
  createMedChainClient,
  type MedChainClient,
  MedChainError,
} from '@medchain/sdk'
import { loadKeystore } from '@medchain/sdk/crypto'
import { type FhirRecord, validateFhirRecord } from '@medchain/sdk/fhir'
import { createKuboStore, type RecordStore } from '@medchain/sdk/storage'
import { type Address, defineChain, type Hex, http, keccak256 } from 'viem'
import { privateKeyToAccount } from 'viem/accounts'
// #endregion imports

/** What the service reads from its configuration and secret manager. */
export type ProviderServiceConfig = {
  chainId: number
  rpcUrl: string
  /** The MedChain contract and the block it was deployed in. */
  contract: Address
  startBlock: bigint
  /** The provider's account key (secp256k1): signs transactions. */
  accountKey: Hex
  /** The encrypted keystore holding the provider's X25519 encryption key, and its passphrase. */
  keystorePath: string
  keystorePassphrase: string
  kuboRpcUrl: string
  kuboRpcToken?: string | undefined
}

/** The record store every party reaches: a Kubo node or cluster in production. */
export function kuboStorage(config: ProviderServiceConfig): RecordStore {
  // #region storage
  return createKuboStore({
    url: config.kuboRpcUrl,
    headers: config.kuboRpcToken ? { authorization: `Bearer ${config.kuboRpcToken}` } : undefined,
  })
  // #endregion storage
}

/** One client per provider account, created once at startup. */
export async function createProviderClient(
  config: ProviderServiceConfig,
  storage: RecordStore,
): Promise<MedChainClient> {
  // #region client
  const chain = defineChain({
    id: config.chainId,
    name: `chain ${config.chainId}`,
    nativeCurrency: { name: 'Ether', symbol: 'ETH', decimals: 18 },
    rpcUrls: { default: { http: [config.rpcUrl] } },
  })
  const provider = createMedChainClient({
    chain, // or a chain from viem/chains
    transport: http(config.rpcUrl),
    account: privateKeyToAccount(config.accountKey),
    address: config.contract,
    startBlock: config.startBlock,
    storage, // kuboStorage(config) in production
    keyProvider: await loadKeystore({
      path: config.keystorePath,
      password: config.keystorePassphrase,
    }),
  })
  // #endregion client
  return provider
}

export async function registerAsProvider(provider: MedChainClient, licenceDocument: Uint8Array) {
  // #region register
  // Public JSON on IPFS: patients see who asks. The licence itself stays with you; only its hash
  // is the credential reference an administrator checks and verifies.
  await provider.registerProvider({
    profile: {
      name: 'Dr. Grace Hopper',
      institution: 'General Hospital',
      credentialRef: keccak256(licenceDocument),
    },
  })
  // #endregion register
}

export async function askForLabResults(provider: MedChainClient, patient: Address) {
  // #region request
  const { requestId } = await provider.requestAccess({
    patient,
    scopes: [5], // lab results
    purpose: 1, // treatment (purposeOfUseCodes in @medchain/sdk/fhir)
    duration: 30n * 86_400n, // seconds
  })
  // #endregion request
  return requestId
}

export async function importLabResults(
  provider: MedChainClient,
  patient: Address,
): Promise<FhirRecord[]> {
  // #region read
  const { records, verified } = await provider.listRecords({ patient, scope: 5 })
  if (!verified) throw new Error("the patient's anchor history does not match the on-chain head")
  const results: FhirRecord[] = []
  for (const record of records) {
    const { json } = await provider.readRecord({ record })
    results.push(json<FhirRecord>()) // hand each one to your EHR's import
  }
  // #endregion read
  return results
}

export async function addToChart(provider: MedChainClient, patient: Address, labResult: unknown) {
  // #region write
  // Needs a grant with write: true. The scope follows from the resource type (Observation: 5).
  const { anchor } = await provider.publishRecord({
    patient,
    data: validateFhirRecord(labResult),
  })
  // #endregion write
  return anchor
}

/** Reads one record, or says that access must be requested again. */
export async function readOrAskAgain(provider: MedChainClient, patient: Address, seq: bigint) {
  // #region errors
  try {
    return await provider.readRecord({ patient, seq })
  } catch (error) {
    if (error instanceof ConsentRevokedError || error instanceof ConsentExpiredError) {
      return 'ask-again' // the patient revoked, or the grant expired: request access again
    }
    if (error instanceof MedChainError) {
      console.warn(error.shortMessage, { docs: error.docsPath }) // never log decrypted records
    }
    throw error
  }
  // #endregion errors
}
