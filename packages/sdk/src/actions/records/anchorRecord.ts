import type { Address, Hash } from 'viem'
import type { MedChainActionClient } from '../../client/types.js'
import type { MedChainError } from '../../errors/base.js'
import { TransactionRevertedError } from '../../errors/client.js'
import { StaleHeadError } from '../../errors/contract.js'
import { type MedChainTransaction, read, requireAccount, write } from '../internal/contract.js'
import { getLogsPaged, topic } from '../internal/logs.js'
import { cidFromHex, cidToHex } from '../internal/scopeKeys.js'

/**
 * Parameters of {@link anchorRecord}.
 *
 * @example
 * ```ts
 * import type { AnchorRecordParameters } from '@medchain/sdk'
 *
 * const parameters: AnchorRecordParameters = { patient, scope: 5, epoch: 1, cid: 'bafk...' }
 * ```
 */
export type AnchorRecordParameters = {
  /** The patient (default: the client's account). */
  patient?: Address | undefined
  scope: number
  /** The scope-key epoch the record object is encrypted under. */
  epoch: number
  /** CID of the stored record object(s), in order. One CID anchors with `anchorRecord`, more with `anchorRecords`. */
  cid: string | readonly string[]
  /** The `seq` each record corrects (0n: none). */
  supersedes?: bigint | readonly bigint[] | undefined
  /** The anchor count seen by an earlier attempt (retry of the same anchor); default: read now. */
  expectedCount?: bigint | undefined
  /** Block from which to look for an earlier landing of the same CID (default: the deployment block). */
  fromBlock?: bigint | undefined
}

/**
 * One anchored record, as the chain reports it.
 *
 * @example
 * ```ts
 * import type { RecordAnchor } from '@medchain/sdk'
 *
 * const latest: RecordAnchor = (await client.listRecords()).records.at(-1)!
 * ```
 */
export type RecordAnchor = {
  patient: Address
  seq: bigint
  scope: number
  epoch: number
  /** CID (string) of the record object. */
  cid: string
  author: Address
  /** The `seq` this record corrects (0n: none). */
  supersedes: bigint
  blockNumber: bigint
  transactionHash: Hash
}

/**
 * Result of {@link anchorRecord}.
 *
 * @example
 * ```ts
 * import type { AnchorRecordReturnType } from '@medchain/sdk'
 *
 * const { anchors, alreadyAnchored }: AnchorRecordReturnType = await anchorRecord(client, parameters)
 * ```
 */
export type AnchorRecordReturnType = {
  anchors: RecordAnchor[]
  transactionHash: Hash
  /** Gas of the anchoring transaction (0n when the records had already been anchored). */
  gasUsed: bigint
  /** True when the records had already landed (a retried call): nothing new was written. */
  alreadyAnchored: boolean
  /**
   * Every transaction the call sent, in send order (empty when `alreadyAnchored`). `publishRecord`
   * lists the scope's first key rotation here too, when the call started the scope.
   */
  transactions: MedChainTransaction[]
}

/**
 * Errors {@link anchorRecord} can throw.
 *
 * @example
 * ```ts
 * import type { AnchorRecordErrorType } from '@medchain/sdk'
 *
 * const describe = (error: AnchorRecordErrorType) => error.name
 * ```
 */
export type AnchorRecordErrorType = MedChainError

/**
 * Anchors already stored record objects (compare-and-swap on the anchor count). On
 * `MedChainRecordsStaleHead` (or a mined revert) it looks for the CIDs in the patient's anchors since
 * `fromBlock`, waiting up to 120 s while other anchors of the patient are still pending: if they
 * landed (a retry, or a repeat racing the first call), it returns that anchor without writing;
 * otherwise it re-reads the count and retries once. Safe to repeat.
 *
 * @example
 * ```ts
 * import { anchorRecord } from '@medchain/sdk'
 *
 * const { anchors, alreadyAnchored } = await anchorRecord(client, { scope: 5, epoch: 1, cid })
 * ```
 */
export async function anchorRecord(
  client: MedChainActionClient,
  parameters: AnchorRecordParameters,
): Promise<AnchorRecordReturnType> {
  const me = requireAccount(client, 'anchorRecord').address
  const patient = parameters.patient ?? me
  const cids = typeof parameters.cid === 'string' ? [parameters.cid] : [...parameters.cid]
  const supersedes =
    parameters.supersedes === undefined
      ? []
      : typeof parameters.supersedes === 'bigint'
        ? [parameters.supersedes]
        : [...parameters.supersedes]
  const { scope, epoch } = parameters
  let expected = parameters.expectedCount ?? (await read(client, 'anchorCount', [patient]))
  for (let attempt = 0; ; attempt++) {
    try {
      if (cids.length === 1) {
        const result = await write(client, {
          functionName: 'anchorRecord',
          args: [patient, expected, scope, epoch, cidToHex(cids[0]!), supersedes[0] ?? 0n],
          eventName: 'RecordAnchored',
        })
        const { args } = result.events[0]!
        return {
          anchors: [
            {
              patient,
              seq: args.seq,
              scope,
              epoch,
              cid: cids[0]!,
              author: args.author,
              supersedes: args.supersedes,
              blockNumber: result.blockNumber,
              transactionHash: result.transactionHash,
            },
          ],
          transactionHash: result.transactionHash,
          gasUsed: result.gasUsed,
          alreadyAnchored: false,
          transactions: [result],
        }
      }
      const result = await write(client, {
        functionName: 'anchorRecords',
        args: [patient, expected, scope, epoch, cids.map((cid) => cidToHex(cid)), supersedes],
        eventName: 'RecordsAnchored',
      })
      const { args } = result.events[0]!
      return {
        anchors: cids.map((cid, i) => ({
          patient,
          seq: args.firstSeq + BigInt(i),
          scope,
          epoch,
          cid,
          author: args.author,
          supersedes: supersedes[i] ?? 0n,
          blockNumber: result.blockNumber,
          transactionHash: result.transactionHash,
        })),
        transactionHash: result.transactionHash,
        gasUsed: result.gasUsed,
        alreadyAnchored: false,
        transactions: [result],
      }
    } catch (error) {
      // A mined revert of the compare-and-swap is a stale head, too.
      if (!(error instanceof StaleHeadError || error instanceof TransactionRevertedError))
        throw error
      const existing = await findAnchoredOnceMined(client, patient, cids, parameters.fromBlock)
      if (existing) return existing
      if (attempt >= 1) throw error
      expected = await read(client, 'anchorCount', [patient])
    }
  }
}

/** How long to wait for competing anchors in the mempool to be mined before giving up. */
const pendingAnchorWaitMs = 120_000

/**
 * {@link findAnchored}, also waiting while other anchors of the patient are still pending (the
 * pending anchor count is ahead of the mined one): a repeat of a publish whose first anchor is in
 * the mempool finds it once mined instead of anchoring a second copy.
 */
async function findAnchoredOnceMined(
  client: MedChainActionClient,
  patient: Address,
  cids: readonly string[],
  fromBlock?: bigint,
): Promise<AnchorRecordReturnType | undefined> {
  const deadline = Date.now() + pendingAnchorWaitMs
  for (;;) {
    const existing = await findAnchored(client, patient, cids, fromBlock)
    if (existing) return existing
    const mined = await client.publicClient.getBlockNumber({ cacheTime: 0 })
    const [latest, pending] = await Promise.all([
      read(client, 'anchorCount', [patient], mined),
      read(client, 'anchorCount', [patient], 'pending'),
    ])
    if (pending <= latest || Date.now() > deadline) return undefined
    while (
      (await client.publicClient.getBlockNumber({ cacheTime: 0 })) === mined &&
      Date.now() <= deadline
    )
      await new Promise((resolve) => setTimeout(resolve, client.publicClient.pollingInterval))
  }
}

/**
 * The result of an earlier anchoring of `cids` for `patient` since `fromBlock` (`alreadyAnchored`,
 * no gas spent now), or undefined if they have not all landed in that order.
 */
export async function findAnchored(
  client: MedChainActionClient,
  patient: Address,
  cids: readonly string[],
  fromBlock?: bigint,
): Promise<AnchorRecordReturnType | undefined> {
  const logs = await getLogsPaged(client, {
    eventNames: ['RecordAnchored', 'RecordsAnchored'],
    topics: [topic(patient)],
    fromBlock,
  })
  const anchors = logs.flatMap((log) => expandAnchorLog(patient, log))
  const first = anchors.findIndex((anchor) => anchor.cid === cids[0])
  if (first < 0) return undefined
  const run = anchors.slice(first, first + cids.length)
  if (!run.every((anchor, i) => anchor.cid === cids[i])) return undefined
  return {
    anchors: run,
    transactionHash: run[0]!.transactionHash,
    gasUsed: 0n,
    alreadyAnchored: true,
    transactions: [],
  }
}

/** Expands a `RecordAnchored` or `RecordsAnchored` log into its anchors. */
export function expandAnchorLog(
  patient: Address,
  log: Awaited<ReturnType<typeof getLogsPaged<'RecordAnchored' | 'RecordsAnchored'>>>[number],
): RecordAnchor[] {
  const base = { patient, blockNumber: log.blockNumber, transactionHash: log.transactionHash }
  if (log.eventName === 'RecordAnchored') {
    const { args } = log
    return [
      {
        ...base,
        seq: args.seq,
        scope: args.scope,
        epoch: args.epoch,
        cid: cidFromHex(args.cid),
        author: args.author,
        supersedes: args.supersedes,
      },
    ]
  }
  const { args } = log
  return args.cids.map((cid, i) => ({
    ...base,
    seq: args.firstSeq + BigInt(i),
    scope: args.scope,
    epoch: args.epoch,
    cid: cidFromHex(cid),
    author: args.author,
    supersedes: args.supersedes[i] ?? 0n,
  }))
}
