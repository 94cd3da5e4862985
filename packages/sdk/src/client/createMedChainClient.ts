import type { MedChainDeployments } from '@medchain/contracts'
import {
  type Account,
  type Address,
  type Chain,
  createPublicClient,
  createWalletClient,
  type PublicClient,
  type Transport,
  type WalletClient,
} from 'viem'
import {
  type GetAuditTimelineParameters,
  getAuditTimeline,
} from '../actions/audit/getAuditTimeline.js'
import { type AddScopeParameters, addScope } from '../actions/consent/addScope.js'
import { type CancelRequestParameters, cancelRequest } from '../actions/consent/cancelRequest.js'
import { type CheckAccessParameters, checkAccess } from '../actions/consent/checkAccess.js'
import { type DenyRequestParameters, denyRequest } from '../actions/consent/denyRequest.js'
import {
  type EmergencyAccessParameters,
  emergencyAccess,
} from '../actions/consent/emergencyAccess.js'
import { type GrantAccessParameters, grantAccess } from '../actions/consent/grantAccess.js'
import {
  type ListActiveGrantsParameters,
  listActiveGrants,
} from '../actions/consent/listActiveGrants.js'
import {
  type ListEmergencyKeyRequestsParameters,
  listEmergencyKeyRequests,
} from '../actions/consent/listEmergencyKeyRequests.js'
import {
  type ListPatientsInCareParameters,
  listPatientsInCare,
} from '../actions/consent/listPatientsInCare.js'
import {
  type ListPendingRequestsParameters,
  listPendingRequests,
} from '../actions/consent/listPendingRequests.js'
import { type RelayDenyParameters, relayDeny } from '../actions/consent/relayDeny.js'
import { type RelayGrantParameters, relayGrant } from '../actions/consent/relayGrant.js'
import { type RelayRevokeParameters, relayRevoke } from '../actions/consent/relayRevoke.js'
import {
  type ReleaseEmergencyKeysParameters,
  releaseEmergencyKeys,
} from '../actions/consent/releaseEmergencyKeys.js'
import { type RequestAccessParameters, requestAccess } from '../actions/consent/requestAccess.js'
import { type RevokeAccessParameters, revokeAccess } from '../actions/consent/revokeAccess.js'
import { type SetDelegateParameters, setDelegate } from '../actions/consent/setDelegate.js'
import {
  type SetEmergencyAccessParameters,
  setEmergencyAccess,
} from '../actions/consent/setEmergencyAccess.js'
import { type SignDenyParameters, signDeny } from '../actions/consent/signDeny.js'
import { type SignGrantParameters, signGrant } from '../actions/consent/signGrant.js'
import { type SignRevokeParameters, signRevoke } from '../actions/consent/signRevoke.js'
import { type GetProfileParameters, getProfile } from '../actions/identity/getProfile.js'
import { type ListProvidersParameters, listProviders } from '../actions/identity/listProviders.js'
import {
  type RegisterPatientParameters,
  registerPatient,
} from '../actions/identity/registerPatient.js'
import {
  type RegisterProviderParameters,
  registerProvider,
} from '../actions/identity/registerProvider.js'
import {
  type RotateEncryptionKeyParameters,
  rotateEncryptionKey,
} from '../actions/identity/rotateEncryptionKey.js'
import {
  type SuspendProviderParameters,
  suspendProvider,
} from '../actions/identity/suspendProvider.js'
import {
  type VerifyProviderParameters,
  verifyProvider,
} from '../actions/identity/verifyProvider.js'
import { type AnchorRecordParameters, anchorRecord } from '../actions/records/anchorRecord.js'
import { type ListRecordsParameters, listRecords } from '../actions/records/listRecords.js'
import { type PublishRecordParameters, publishRecord } from '../actions/records/publishRecord.js'
import { type PublishRecordsParameters, publishRecords } from '../actions/records/publishRecords.js'
import { type ReadRecordParameters, readRecord } from '../actions/records/readRecord.js'
import { type RotateScopeKeyParameters, rotateScopeKey } from '../actions/records/rotateScopeKey.js'
import {
  type SupersedeRecordParameters,
  supersedeRecord,
} from '../actions/records/supersedeRecord.js'
import { DeploymentNotFoundError } from '../errors/client.js'
import type { KeyProvider } from '../keys/types.js'
import type { RecordStore } from '../storage/types.js'
import { lazyFilePublishJournal } from './lazyFilePublishJournal.js'
import { lazyFsStore } from './lazyFsStore.js'
import { createMemoryPublishJournal, type PublishJournal } from './publishJournal.js'
import { createMedChainCache, type MedChainActionClient } from './types.js'

/**
 * Parameters of {@link createMedChainClient}.
 *
 * @example
 * ```ts
 * import type { CreateMedChainClientParameters } from '@medchain/sdk'
 *
 * const parameters: CreateMedChainClientParameters = { chain: base, transport: http(), account, deployments, keyProvider }
 * ```
 */
export type CreateMedChainClientParameters = {
  /** Any viem chain. */
  chain: Chain
  /** Any viem transport (`http`, `webSocket`, `custom(window.ethereum)`, `fallback`). */
  transport: Transport
  /**
   * Who signs: a viem local account (private key, mnemonic), or an address served by a JSON-RPC
   * wallet on `transport` (e.g. MetaMask through `custom(window.ethereum)`). Omit for read-only.
   */
  account?: Account | Address | undefined
  /** The MedChain contract on `chain` (or give `deployments`). */
  address?: Address | undefined
  /** Block the contract was deployed in (log queries start there). Default 0n. */
  startBlock?: bigint | undefined
  /** Deployments by chain id (used when `address` is not given). */
  deployments?: MedChainDeployments | undefined
  /** Where records are stored by CID. Default: the embedded on-disk store at `storagePath`. */
  storage?: RecordStore | undefined
  /** Directory of the default on-disk store. Default `./.medchain/store` (Node only). */
  storagePath?: string | undefined
  /**
   * Where `publishRecord(s)` remember their attempts, so that repeating a publish whose result was
   * lost (a dropped response, a crash) returns the anchor that landed (`alreadyAnchored: true`)
   * instead of anchoring a second copy. Default: with the default store, a file journal at
   * `<storagePath>/publish-journal.json` (Node; survives restarts); with your own `storage`, in
   * memory (repeats in this process only): pass `createFilePublishJournal` from
   * `@medchain/sdk/storage/node` to keep it on disk.
   */
  publishJournal?: PublishJournal | undefined
  /** The account's X25519 key provider (raw key, wallet-signature-derived, MetaMask legacy). */
  keyProvider?: KeyProvider | undefined
  /** Blocks per `eth_getLogs` page. Default 50,000 (halved automatically when a node refuses). */
  logPageSize?: bigint | undefined
  /** Reuse these viem clients instead of creating them from `chain` and `transport`. */
  publicClient?: PublicClient<Transport, Chain> | undefined
  walletClient?: WalletClient<Transport, Chain, Account> | undefined
}

/**
 * Builds the {@link MedChainActionClient} the actions run against, without the class.
 *
 * @example
 * ```ts
 * import { createMedChainActionClient, listRecords } from '@medchain/sdk'
 *
 * const client = createMedChainActionClient({ chain, transport: http(rpcUrl), address, storage, keyProvider })
 * const { records } = await listRecords(client, { patient })
 * ```
 */
export function createMedChainActionClient(
  parameters: CreateMedChainClientParameters,
): MedChainActionClient {
  const { chain, transport } = parameters
  let address = parameters.address
  let startBlock = parameters.startBlock ?? 0n
  if (!address) {
    const deployment = parameters.deployments?.[chain.id]
    if (!deployment)
      throw new DeploymentNotFoundError({
        chainId: chain.id,
        known: Object.keys(parameters.deployments ?? {}),
      })
    address = deployment.medChain
    startBlock = parameters.startBlock ?? deployment.startBlock
  }
  const publicClient = parameters.publicClient ?? createPublicClient({ chain, transport })
  const storagePath = parameters.storagePath ?? './.medchain/store'
  const walletClient =
    parameters.walletClient ??
    (parameters.account
      ? createWalletClient({ account: parameters.account, chain, transport })
      : undefined)
  return {
    publicClient,
    walletClient: walletClient as WalletClient<Transport, Chain, Account> | undefined,
    chainId: chain.id,
    address,
    startBlock,
    storage: parameters.storage ?? lazyFsStore(storagePath),
    keyProvider: parameters.keyProvider,
    logPageSize: parameters.logPageSize ?? 50_000n,
    cache: createMedChainCache(),
    publishJournal:
      parameters.publishJournal ??
      (parameters.storage
        ? createMemoryPublishJournal()
        : lazyFilePublishJournal(`${storagePath}/publish-journal.json`)),
  }
}

/**
 * The MedChain client: encrypted, patient-controlled health records over any EVM chain (viem) and
 * any IPFS store. Every method is a standalone action (`publishRecord(client, …)`) bound to this
 * client.
 *
 * @example
 * ```ts
 * import { MedChainClient } from '@medchain/sdk'
 *
 * const client = new MedChainClient({ chain, transport: http(rpcUrl), account, address, keyProvider })
 * const { anchor } = await client.publishRecord({ scope: 5, data: observation })
 * ```
 */
export class MedChainClient {
  /** The action client the methods are bound to; pass it to standalone actions. */
  readonly client: MedChainActionClient
  constructor(parameters: CreateMedChainClientParameters) {
    this.client = createMedChainActionClient(parameters)
  }
  /** The client's account address (undefined for a read-only client). */
  get address(): Address | undefined {
    return this.client.walletClient?.account.address
  }
  /** See {@link registerPatient}. */
  registerPatient = (p: RegisterPatientParameters) => registerPatient(this.client, p)
  /** See {@link registerProvider}. */
  registerProvider = (p: RegisterProviderParameters) => registerProvider(this.client, p)
  /** See {@link addScope}. */
  addScope = (p: AddScopeParameters) => addScope(this.client, p)
  /** See {@link verifyProvider}. */
  verifyProvider = (p: VerifyProviderParameters) => verifyProvider(this.client, p)
  /** See {@link suspendProvider}. */
  suspendProvider = (p: SuspendProviderParameters) => suspendProvider(this.client, p)
  /** See {@link getProfile}. */
  getProfile = (p?: GetProfileParameters) => getProfile(this.client, p)
  /** See {@link listProviders}. */
  listProviders = (p?: ListProvidersParameters) => listProviders(this.client, p)
  /** See {@link rotateEncryptionKey}. */
  rotateEncryptionKey = (p: RotateEncryptionKeyParameters) => rotateEncryptionKey(this.client, p)
  /** See {@link publishRecord}. */
  publishRecord = (p: PublishRecordParameters) => publishRecord(this.client, p)
  /** See {@link publishRecords}. */
  publishRecords = (p: PublishRecordsParameters) => publishRecords(this.client, p)
  /** See {@link anchorRecord}. */
  anchorRecord = (p: AnchorRecordParameters) => anchorRecord(this.client, p)
  /** See {@link supersedeRecord}. */
  supersedeRecord = (p: SupersedeRecordParameters) => supersedeRecord(this.client, p)
  /** See {@link rotateScopeKey}. */
  rotateScopeKey = (p: RotateScopeKeyParameters) => rotateScopeKey(this.client, p)
  /** See {@link listRecords}. */
  listRecords = (p?: ListRecordsParameters) => listRecords(this.client, p)
  /** See {@link readRecord}. */
  readRecord = (p: ReadRecordParameters) => readRecord(this.client, p)
  /** See {@link requestAccess}. */
  requestAccess = (p: RequestAccessParameters) => requestAccess(this.client, p)
  /** See {@link cancelRequest}. */
  cancelRequest = (p: CancelRequestParameters) => cancelRequest(this.client, p)
  /** See {@link listPendingRequests}. */
  listPendingRequests = (p?: ListPendingRequestsParameters) => listPendingRequests(this.client, p)
  /** See {@link grantAccess}. */
  grantAccess = (p: GrantAccessParameters) => grantAccess(this.client, p)
  /** See {@link signGrant}. */
  signGrant = (p: SignGrantParameters) => signGrant(this.client, p)
  /** See {@link relayGrant}. */
  relayGrant = (p: RelayGrantParameters) => relayGrant(this.client, p)
  /** See {@link denyRequest}. */
  denyRequest = (p: DenyRequestParameters) => denyRequest(this.client, p)
  /** See {@link signDeny}. */
  signDeny = (p: SignDenyParameters) => signDeny(this.client, p)
  /** See {@link relayDeny}. */
  relayDeny = (p: RelayDenyParameters) => relayDeny(this.client, p)
  /** See {@link revokeAccess}. */
  revokeAccess = (p: RevokeAccessParameters) => revokeAccess(this.client, p)
  /** See {@link signRevoke}. */
  signRevoke = (p: SignRevokeParameters) => signRevoke(this.client, p)
  /** See {@link relayRevoke}. */
  relayRevoke = (p: RelayRevokeParameters) => relayRevoke(this.client, p)
  /** See {@link listActiveGrants}. */
  listActiveGrants = (p?: ListActiveGrantsParameters) => listActiveGrants(this.client, p)
  /** See {@link checkAccess}. */
  checkAccess = (p: CheckAccessParameters) => checkAccess(this.client, p)
  /** See {@link setDelegate}. */
  setDelegate = (p: SetDelegateParameters) => setDelegate(this.client, p)
  /** See {@link setEmergencyAccess}. */
  setEmergencyAccess = (p: SetEmergencyAccessParameters) => setEmergencyAccess(this.client, p)
  /** See {@link emergencyAccess}. */
  emergencyAccess = (p: EmergencyAccessParameters) => emergencyAccess(this.client, p)
  /** See {@link listEmergencyKeyRequests}. */
  listEmergencyKeyRequests = (p?: ListEmergencyKeyRequestsParameters) =>
    listEmergencyKeyRequests(this.client, p)
  /** See {@link listPatientsInCare}. */
  listPatientsInCare = (p?: ListPatientsInCareParameters) => listPatientsInCare(this.client, p)
  /** See {@link releaseEmergencyKeys}. */
  releaseEmergencyKeys = (p: ReleaseEmergencyKeysParameters) => releaseEmergencyKeys(this.client, p)
  /** See {@link getAuditTimeline}. */
  getAuditTimeline = (p?: GetAuditTimelineParameters) => getAuditTimeline(this.client, p)
}

/**
 * Creates a {@link MedChainClient}. Without `storage` it uses the embedded on-disk store at
 * `storagePath` (Node) and keeps its publish journal beside it (`publish-journal.json`), so a
 * publish repeated after a restart returns the anchor that already landed instead of anchoring a
 * second copy; with your own `storage` the journal is in memory unless you pass `publishJournal`.
 *
 * @example
 * ```ts
 * import { createMedChainClient } from '@medchain/sdk'
 * import { rawKeyProvider } from '@medchain/sdk/crypto'
 * import { http } from 'viem'
 * import { privateKeyToAccount } from 'viem/accounts'
 * import { baseSepolia } from 'viem/chains'
 *
 * const client = createMedChainClient({
 *   chain: baseSepolia,
 *   transport: http(),
 *   account: privateKeyToAccount(process.env.PRIVATE_KEY as `0x${string}`),
 *   deployments: { [baseSepolia.id]: { medChain: '0x…', startBlock: 1_234_567n } },
 *   keyProvider: rawKeyProvider({ privateKey }),
 * })
 * ```
 */
export function createMedChainClient(parameters: CreateMedChainClientParameters): MedChainClient {
  return new MedChainClient(parameters)
}
