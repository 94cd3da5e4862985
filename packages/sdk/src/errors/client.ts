import type { Address, Hash } from 'viem'
import { errorDocsPath, MedChainError } from './base.js'

/**
 * `ConsentRequiredError` narrowed by its `name`, for `ErrorType` unions (viem style).
 *
 * @example
 * ```ts
 * const describe = (error: ConsentRequiredErrorType) => `${error.name}: ${error.shortMessage}`
 * ```
 */
export type ConsentRequiredErrorType = ConsentRequiredError & { name: 'ConsentRequiredError' }

/**
 * The account holds no consent (regular or emergency) for this scope of this patient: it was never
 * granted. Thrown before reading and decoded from `MedChainConsentNoPermission` reverts.
 *
 * @example
 * ```ts
 * import { ConsentRequiredError } from '@medchain/sdk'
 *
 * try {
 *   await client.readRecord({ patient, seq: 1n })
 * } catch (error) {
 *   if (error instanceof ConsentRequiredError) await client.requestAccess({ patient, scopes: [error.scope], purpose: 1, duration: 86_400n })
 * }
 * ```
 */
export class ConsentRequiredError extends MedChainError {
  override name = 'ConsentRequiredError'
  readonly patient: Address
  readonly grantee: Address
  readonly scope: number
  constructor({
    patient,
    grantee,
    scope,
    cause,
  }: { patient: Address; grantee: Address; scope: number; cause?: unknown }) {
    super(`${grantee} has no consent to scope ${scope} of patient ${patient}.`, {
      docsPath: errorDocsPath('ConsentRequiredError'),
      metaMessages: [
        'Ask the patient for access with `requestAccess`, then read again once they grant it.',
      ],
      cause,
    })
    this.patient = patient
    this.grantee = grantee
    this.scope = scope
  }
}

/**
 * `ConsentExpiredError` narrowed by its `name`.
 *
 * @example
 * ```ts
 * const describe = (error: ConsentExpiredErrorType) => error.expiredAt.toISOString()
 * ```
 */
export type ConsentExpiredErrorType = ConsentExpiredError & { name: 'ConsentExpiredError' }

/**
 * The account's grant for this scope has expired (grants end by block time).
 *
 * @example
 * ```ts
 * import { ConsentExpiredError } from '@medchain/sdk'
 *
 * try {
 *   await client.readRecord({ patient, seq: 1n })
 * } catch (error) {
 *   if (error instanceof ConsentExpiredError) console.log('expired at', error.expiredAt)
 * }
 * ```
 */
export class ConsentExpiredError extends MedChainError {
  override name = 'ConsentExpiredError'
  readonly patient: Address
  readonly grantee: Address
  readonly scope: number
  readonly expiredAt: Date
  constructor({
    patient,
    grantee,
    scope,
    expiredAt,
  }: { patient: Address; grantee: Address; scope: number; expiredAt: Date }) {
    super(
      `The consent of ${grantee} to scope ${scope} of patient ${patient} expired at ${expiredAt.toISOString()}.`,
      {
        docsPath: errorDocsPath('ConsentExpiredError'),
        metaMessages: [
          'Request access again with `requestAccess`; the patient decides whether to renew it.',
        ],
      },
    )
    this.patient = patient
    this.grantee = grantee
    this.scope = scope
    this.expiredAt = expiredAt
  }
}

/**
 * `ConsentRevokedError` narrowed by its `name`.
 *
 * @example
 * ```ts
 * const describe = (error: ConsentRevokedErrorType) => error.transactionHash
 * ```
 */
export type ConsentRevokedErrorType = ConsentRevokedError & { name: 'ConsentRevokedError' }

/**
 * The patient (or a delegate) revoked the account's consent for this scope.
 *
 * @example
 * ```ts
 * import { ConsentRevokedError } from '@medchain/sdk'
 *
 * try {
 *   await client.readRecord({ patient, seq: 1n })
 * } catch (error) {
 *   if (error instanceof ConsentRevokedError) console.log('revoked in', error.transactionHash)
 * }
 * ```
 */
export class ConsentRevokedError extends MedChainError {
  override name = 'ConsentRevokedError'
  readonly patient: Address
  readonly grantee: Address
  readonly scope: number
  /** The revocation transaction. */
  readonly transactionHash: Hash
  constructor({
    patient,
    grantee,
    scope,
    transactionHash,
  }: { patient: Address; grantee: Address; scope: number; transactionHash: Hash }) {
    super(`The consent of ${grantee} to scope ${scope} of patient ${patient} was revoked.`, {
      docsPath: errorDocsPath('ConsentRevokedError'),
      metaMessages: [
        `Revoked in transaction ${transactionHash}.`,
        'Only the patient can grant access again; ask with `requestAccess` if you still need it.',
      ],
    })
    this.patient = patient
    this.grantee = grantee
    this.scope = scope
    this.transactionHash = transactionHash
  }
}

/**
 * `ScopeKeyNotFoundError` narrowed by its `name`.
 *
 * @example
 * ```ts
 * const describe = (error: ScopeKeyNotFoundErrorType) => `${error.scope}@${error.epoch}`
 * ```
 */
export type ScopeKeyNotFoundErrorType = ScopeKeyNotFoundError & { name: 'ScopeKeyNotFoundError' }

/**
 * No key envelope on chain gives this account the scope key of this scope and epoch: the grant
 * predates the epoch and no rotation envelope names the account, or the envelope is wrapped to a
 * different encryption key.
 *
 * @example
 * ```ts
 * import { ScopeKeyNotFoundError } from '@medchain/sdk'
 *
 * try {
 *   await client.readRecord({ patient, seq: 7n })
 * } catch (error) {
 *   if (error instanceof ScopeKeyNotFoundError) console.log('ask for a new grant of scope', error.scope)
 * }
 * ```
 */
export class ScopeKeyNotFoundError extends MedChainError {
  override name = 'ScopeKeyNotFoundError'
  readonly patient: Address
  readonly scope: number
  readonly epoch: number
  constructor({
    patient,
    scope,
    epoch,
    reason,
  }: { patient: Address; scope: number; epoch: number; reason: string }) {
    super(
      `No scope key for scope ${scope}, epoch ${epoch} of patient ${patient} is available to this account: ${reason}.`,
      {
        docsPath: errorDocsPath('ScopeKeyNotFoundError'),
        metaMessages: [
          'A grantee receives scope keys in the key envelope of its grant and in the envelopes of later rotations; a delegate, an emergency custodian and a provider after an emergency release in theirs.',
          'Ask the patient to grant the scope again (it wraps every epoch up to the current one).',
        ],
      },
    )
    this.patient = patient
    this.scope = scope
    this.epoch = epoch
  }
}

/**
 * `NoEmergencyAccessError` narrowed by its `name`.
 *
 * @example
 * ```ts
 * const describe = (error: NoEmergencyAccessErrorType) => error.provider
 * ```
 */
export type NoEmergencyAccessErrorType = NoEmergencyAccessError & { name: 'NoEmergencyAccessError' }

/**
 * The provider holds no unexpired break-glass access to any scope of the patient, so an emergency
 * custodian has no keys to release to it.
 *
 * @example
 * ```ts
 * import { NoEmergencyAccessError } from '@medchain/sdk'
 *
 * try {
 *   await custodianClient.releaseEmergencyKeys({ patient, provider })
 * } catch (error) {
 *   if (error instanceof NoEmergencyAccessError) console.log('nothing to release to', error.provider)
 * }
 * ```
 */
export class NoEmergencyAccessError extends MedChainError {
  override name = 'NoEmergencyAccessError'
  readonly patient: Address
  readonly provider: Address
  constructor({ patient, provider }: { patient: Address; provider: Address }) {
    super(`${provider} holds no unexpired break-glass access to any scope of patient ${patient}.`, {
      docsPath: errorDocsPath('NoEmergencyAccessError'),
      metaMessages: [
        "Keys are released only while the provider's `emergencyAccess` (24 h) lasts.",
        'The provider calls `emergencyAccess` first; list waiting providers with `listEmergencyKeyRequests`.',
      ],
    })
    this.patient = patient
    this.provider = provider
  }
}

/**
 * `RecordNotFoundError` narrowed by its `name`.
 *
 * @example
 * ```ts
 * const describe = (error: RecordNotFoundErrorType) => error.seq
 * ```
 */
export type RecordNotFoundErrorType = RecordNotFoundError & { name: 'RecordNotFoundError' }

/**
 * The patient has no anchor with this sequence number (or CID).
 *
 * @example
 * ```ts
 * import { RecordNotFoundError } from '@medchain/sdk'
 *
 * try {
 *   await client.readRecord({ patient, seq: 99n })
 * } catch (error) {
 *   if (error instanceof RecordNotFoundError) console.log('no record', error.seq)
 * }
 * ```
 */
export class RecordNotFoundError extends MedChainError {
  override name = 'RecordNotFoundError'
  readonly patient: Address
  readonly seq: string
  constructor({ patient, seq }: { patient: Address; seq: bigint | string }) {
    super(`Patient ${patient} has no anchored record ${String(seq)}.`, {
      docsPath: errorDocsPath('RecordNotFoundError'),
      metaMessages: ["List the patient's records with `listRecords` and pass a `seq` from it."],
    })
    this.patient = patient
    this.seq = String(seq)
  }
}

/**
 * `InvalidRecordObjectError` narrowed by its `name`.
 *
 * @example
 * ```ts
 * const describe = (error: InvalidRecordObjectErrorType) => error.shortMessage
 * ```
 */
export type InvalidRecordObjectErrorType = InvalidRecordObjectError & {
  name: 'InvalidRecordObjectError'
}

/**
 * The content a record anchor points to is not a MedChain record object (`MCR` v1 container).
 *
 * @example
 * ```ts
 * import { InvalidRecordObjectError } from '@medchain/sdk'
 *
 * try {
 *   await client.readRecord({ patient, seq: 1n })
 * } catch (error) {
 *   if (error instanceof InvalidRecordObjectError) console.error(error.shortMessage)
 * }
 * ```
 */
export class InvalidRecordObjectError extends MedChainError {
  override name = 'InvalidRecordObjectError'
  constructor({ reason }: { reason: string }) {
    super(`Not a MedChain record object: ${reason}.`, {
      docsPath: errorDocsPath('InvalidRecordObjectError'),
      metaMessages: [
        'The anchor points to content written by another application, or the wrong CID was anchored.',
      ],
    })
  }
}

/**
 * `AccountNotFoundError` narrowed by its `name`.
 *
 * @example
 * ```ts
 * const describe = (error: AccountNotFoundErrorType) => error.shortMessage
 * ```
 */
export type AccountNotFoundErrorType = AccountNotFoundError & { name: 'AccountNotFoundError' }

/**
 * A write action or a signature was asked of a client created without an account.
 *
 * @example
 * ```ts
 * import { AccountNotFoundError } from '@medchain/sdk'
 *
 * try {
 *   await client.publishRecord({ scope: 5, data })
 * } catch (error) {
 *   if (error instanceof AccountNotFoundError) console.error('create the client with an account')
 * }
 * ```
 */
export class AccountNotFoundError extends MedChainError {
  override name = 'AccountNotFoundError'
  constructor({ action }: { action: string }) {
    super(`\`${action}\` needs an account, but the client has none.`, {
      docsPath: errorDocsPath('AccountNotFoundError'),
      metaMessages: [
        'Pass `account` to `createMedChainClient` (a private-key account, or the address of a JSON-RPC wallet).',
      ],
    })
  }
}

/**
 * `DeploymentNotFoundError` narrowed by its `name`.
 *
 * @example
 * ```ts
 * const describe = (error: DeploymentNotFoundErrorType) => error.chainId
 * ```
 */
export type DeploymentNotFoundErrorType = DeploymentNotFoundError & {
  name: 'DeploymentNotFoundError'
}

/**
 * The client knows no MedChain contract on its chain: neither `address` nor a `deployments` entry
 * for the chain id was given.
 *
 * @example
 * ```ts
 * import { DeploymentNotFoundError } from '@medchain/sdk'
 *
 * try {
 *   createMedChainClient({ chain, transport, deployments: {}, keyProvider })
 * } catch (error) {
 *   if (error instanceof DeploymentNotFoundError) console.error(error.chainId)
 * }
 * ```
 */
export class DeploymentNotFoundError extends MedChainError {
  override name = 'DeploymentNotFoundError'
  readonly chainId: number
  constructor({ chainId, known }: { chainId: number; known: readonly string[] }) {
    super(`No MedChain deployment for chain ${chainId}.`, {
      docsPath: errorDocsPath('DeploymentNotFoundError'),
      metaMessages: [
        `Deployments exist for: ${known.length ? known.join(', ') : 'none'}.`,
        'Pass `address` (and `startBlock`) or a `deployments` map with an entry for this chain id.',
      ],
    })
    this.chainId = chainId
  }
}

/**
 * `TransactionRevertedError` narrowed by its `name`.
 *
 * @example
 * ```ts
 * const describe = (error: TransactionRevertedErrorType) => error.transactionHash
 * ```
 */
export type TransactionRevertedErrorType = TransactionRevertedError & {
  name: 'TransactionRevertedError'
}

/**
 * A transaction was mined but reverted (its receipt status is `reverted`), without revert data the
 * SDK could decode before sending. Nothing it would have changed was changed.
 *
 * @example
 * ```ts
 * import { TransactionRevertedError } from '@medchain/sdk'
 *
 * try {
 *   await client.grantAccess({ grantee, scopes: [5], expiry })
 * } catch (error) {
 *   if (error instanceof TransactionRevertedError) console.error(error.transactionHash)
 * }
 * ```
 */
export class TransactionRevertedError extends MedChainError {
  override name = 'TransactionRevertedError'
  readonly transactionHash: Hash
  constructor({ transactionHash, functionName }: { transactionHash: Hash; functionName: string }) {
    super(`The \`${functionName}\` transaction ${transactionHash} reverted.`, {
      docsPath: errorDocsPath('TransactionRevertedError'),
      metaMessages: [
        'Nothing was changed. The chain state moved between estimation and mining; call the action again.',
      ],
    })
    this.transactionHash = transactionHash
  }
}

/**
 * `ContentNotRetrievableError` narrowed by its `name`.
 *
 * @example
 * ```ts
 * const describe = (error: ContentNotRetrievableErrorType) => error.cid
 * ```
 */
export type ContentNotRetrievableErrorType = ContentNotRetrievableError & {
  name: 'ContentNotRetrievableError'
}

/**
 * After storing, the content could not be read back intact from the store, so it was not anchored.
 *
 * @example
 * ```ts
 * import { ContentNotRetrievableError } from '@medchain/sdk'
 *
 * try {
 *   await client.publishRecord({ scope: 5, data })
 * } catch (error) {
 *   if (error instanceof ContentNotRetrievableError) console.error('store is unhealthy; retry later', error.cid)
 * }
 * ```
 */
export class ContentNotRetrievableError extends MedChainError {
  override name = 'ContentNotRetrievableError'
  readonly cid: string
  constructor({ cid, cause }: { cid: string; cause?: unknown }) {
    super(`Stored content ${cid} could not be read back, so nothing was anchored.`, {
      docsPath: errorDocsPath('ContentNotRetrievableError'),
      metaMessages: [
        'Check the storage adapter (disk, Kubo node), then call the action again: it is safe to repeat.',
      ],
      cause,
    })
    this.cid = cid
  }
}

/**
 * `PublishJournalError` narrowed by its `name`.
 *
 * @example
 * ```ts
 * const describe = (error: PublishJournalErrorType) => error.path
 * ```
 */
export type PublishJournalErrorType = PublishJournalError & { name: 'PublishJournalError' }

/**
 * The publish journal (what lets a repeated publish find an anchor that landed before a restart)
 * cannot be read or written: its file is damaged, of an unknown version, or its key file is
 * missing. Publishing stops here instead of risking a second anchor of the same records.
 *
 * @example
 * ```ts
 * import { PublishJournalError } from '@medchain/sdk'
 *
 * try {
 *   await client.publishRecord({ scope: 5, data })
 * } catch (error) {
 *   if (error instanceof PublishJournalError) console.error(`check ${error.path}`)
 * }
 * ```
 */
export class PublishJournalError extends MedChainError {
  override name = 'PublishJournalError'
  /** The journal file. */
  readonly path: string
  constructor({ path, reason, cause }: { path: string; reason: string; cause?: unknown }) {
    super(`The publish journal ${path} cannot be used: ${reason}.`, {
      docsPath: errorDocsPath('PublishJournalError'),
      metaMessages: [
        'Nothing was published. Check `listRecords` for records that landed unseen, then move the journal and its `.key` file aside and publish again.',
      ],
      cause,
    })
    this.path = path
  }
}
