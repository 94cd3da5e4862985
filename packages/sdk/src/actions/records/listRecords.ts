import { type Address, encodeAbiParameters, type Hex, keccak256, toBytes } from 'viem'
import type { MedChainActionClient } from '../../client/types.js'
import type { MedChainError } from '../../errors/base.js'
import { read, requireAccount } from '../internal/contract.js'
import { getLogsPaged, type RpcCounter, topic } from '../internal/logs.js'
import { cidToHex } from '../internal/scopeKeys.js'
import { expandAnchorLog, type RecordAnchor } from './anchorRecord.js'

/**
 * Parameters of {@link listRecords}.
 *
 * @example
 * ```ts
 * import type { ListRecordsParameters } from '@medchain/sdk'
 *
 * const parameters: ListRecordsParameters = { patient, scope: 5 }
 * ```
 */
export type ListRecordsParameters = {
  /** The patient (default: the client's account). */
  patient?: Address | undefined
  /** Only return records of this scope (the head is still verified over the whole history). */
  scope?: number | undefined
}

/**
 * A record in a patient's history, with the anchor that supersedes it (if any).
 *
 * @example
 * ```ts
 * import type { RecordHistoryEntry } from '@medchain/sdk'
 *
 * const current = (await client.listRecords()).records.filter((r: RecordHistoryEntry) => r.supersededBy === undefined)
 * ```
 */
export type RecordHistoryEntry = RecordAnchor & { supersededBy?: bigint | undefined }

/**
 * Result of {@link listRecords}.
 *
 * @example
 * ```ts
 * import type { ListRecordsReturnType } from '@medchain/sdk'
 *
 * const { records, verified, gaps, rpcCalls }: ListRecordsReturnType = await listRecords(client, { patient })
 * ```
 */
export type ListRecordsReturnType = {
  records: RecordHistoryEntry[]
  /** The patient's anchor count on chain. */
  count: bigint
  /** The on-chain rolling head (`anchorHead`). */
  head: Hex
  /** True when the head rebuilt from the logs equals `anchorHead` and no seq is missing. */
  verified: boolean
  /** Missing seq ranges (inclusive); empty when complete. */
  gaps: { fromSeq: bigint; toSeq: bigint }[]
  /** RPC requests made (block number, pages of `eth_getLogs`, two reads). */
  rpcCalls: number
}

/**
 * Errors {@link listRecords} can throw.
 *
 * @example
 * ```ts
 * import type { ListRecordsErrorType } from '@medchain/sdk'
 *
 * const describe = (error: ListRecordsErrorType) => error.name
 * ```
 */
export type ListRecordsErrorType = MedChainError

const GENESIS_TAG = keccak256(toBytes('MedChain.anchorHead.v1'))

/** head_0 of a patient (see the contracts README). */
export function genesisHead(chainId: bigint, medChain: Address, patient: Address): Hex {
  return keccak256(
    encodeAbiParameters(
      [{ type: 'bytes32' }, { type: 'uint256' }, { type: 'address' }, { type: 'address' }],
      [GENESIS_TAG, chainId, medChain, patient],
    ),
  )
}

/** head_n from head_{n-1} and anchor n. */
export function nextHead(
  head: Hex,
  a: { seq: bigint; cid: Hex; scope: number; epoch: number; author: Address; supersedes: bigint },
): Hex {
  return keccak256(
    encodeAbiParameters(
      [
        { type: 'bytes32' },
        { type: 'uint64' },
        { type: 'bytes32' },
        { type: 'uint8' },
        { type: 'uint32' },
        { type: 'address' },
        { type: 'uint64' },
      ],
      [head, a.seq, keccak256(a.cid), a.scope, a.epoch, a.author, a.supersedes],
    ),
  )
}

/**
 * Lists a patient's anchored records from the `RecordAnchored`/`RecordsAnchored` logs, paged by
 * block ranges (`logPageSize`), rebuilds the rolling head and compares it with `anchorHead` at the
 * same block: `verified` means the list is the complete, unaltered history. Missing seqs are
 * reported in `gaps`. Works for any number of records (one `eth_getLogs` per page).
 *
 * @example
 * ```ts
 * import { listRecords } from '@medchain/sdk'
 *
 * const { records, verified, gaps } = await listRecords(client, { patient })
 * if (!verified) console.warn('incomplete history', gaps)
 * ```
 */
export async function listRecords(
  client: MedChainActionClient,
  parameters: ListRecordsParameters = {},
): Promise<ListRecordsReturnType> {
  const patient = parameters.patient ?? requireAccount(client, 'listRecords').address
  const counter: RpcCounter = { calls: 1 }
  const toBlock = await client.publicClient.getBlockNumber({ cacheTime: 0 })
  const logs = await getLogsPaged(client, {
    eventNames: ['RecordAnchored', 'RecordsAnchored'],
    topics: [topic(patient)],
    toBlock,
    counter,
  })
  const [count, head] = await Promise.all([
    read(client, 'anchorCount', [patient], toBlock),
    read(client, 'anchorHead', [patient], toBlock),
  ])
  counter.calls += 2
  const bySeq = new Map<bigint, RecordHistoryEntry>()
  for (const log of logs)
    for (const anchor of expandAnchorLog(patient, log)) bySeq.set(anchor.seq, anchor)
  let rebuilt = genesisHead(BigInt(client.chainId), client.address, patient)
  const gaps: ListRecordsReturnType['gaps'] = []
  const records: RecordHistoryEntry[] = []
  for (let seq = 1n; seq <= count; seq++) {
    const anchor = bySeq.get(seq)
    if (!anchor) {
      const last = gaps.at(-1)
      if (last && last.toSeq === seq - 1n) last.toSeq = seq
      else gaps.push({ fromSeq: seq, toSeq: seq })
      continue
    }
    rebuilt = nextHead(rebuilt, { ...anchor, cid: cidToHex(anchor.cid) })
    records.push(anchor)
  }
  for (const record of records) {
    if (record.supersedes === 0n) continue
    const original = bySeq.get(record.supersedes)
    if (original) original.supersededBy = record.seq
  }
  const filtered =
    parameters.scope === undefined ? records : records.filter((r) => r.scope === parameters.scope)
  return {
    records: filtered,
    count,
    head,
    verified: gaps.length === 0 && rebuilt === head && bySeq.size === Number(count),
    gaps,
    rpcCalls: counter.calls,
  }
}
