import { medChainAbi } from '@medchain/contracts'
import {
  type Account,
  type Address,
  type ContractEventName,
  type ContractFunctionArgs,
  type ContractFunctionName,
  type ContractFunctionReturnType,
  type Hash,
  type Log,
  parseEventLogs,
} from 'viem'
import {
  getTransactionReceipt,
  readContract,
  waitForTransactionReceipt,
  writeContract,
} from 'viem/actions'
import type { MedChainActionClient } from '../../client/types.js'
import { AccountNotFoundError, TransactionRevertedError } from '../../errors/client.js'
import { decodeMedChainError } from '../../errors/contract.js'

type Abi = typeof medChainAbi
type ReadName = ContractFunctionName<Abi, 'view' | 'pure'>
type WriteName = ContractFunctionName<Abi, 'nonpayable' | 'payable'>

/**
 * A MedChain event decoded from a receipt or a log query.
 *
 * @example
 * ```ts
 * import type { MedChainEventLog } from '@medchain/sdk'
 *
 * const log: MedChainEventLog<'AccessGranted'> = result.events[0]
 * log.args.envelopeCid
 * ```
 */
export type MedChainEventLog<
  eventName extends ContractEventName<typeof medChainAbi> = ContractEventName<typeof medChainAbi>,
> = Log<bigint, number, false, undefined, true, typeof medChainAbi, eventName>

/**
 * What every write action returns once its transaction is mined.
 *
 * @example
 * ```ts
 * import type { WriteResult } from '@medchain/sdk'
 *
 * const { transactionHash, gasUsed, events }: WriteResult<'AccessGranted'> = await client.grantAccess(parameters)
 * ```
 */
export type WriteResult<
  eventName extends ContractEventName<typeof medChainAbi> = ContractEventName<typeof medChainAbi>,
> = {
  transactionHash: Hash
  blockNumber: bigint
  /** Gas the transaction used (from the receipt). */
  gasUsed: bigint
  /** The decoded MedChain events of the transaction's kind, in log order. */
  events: MedChainEventLog<eventName>[]
}

/**
 * One mined transaction of a write action that sends several (`transactions`, in send order): a
 * {@link WriteResult} of whichever MedChain event its call emits.
 *
 * @example
 * ```ts
 * import type { MedChainTransaction } from '@medchain/sdk'
 *
 * const { transactions } = await client.revokeAccess({ grantee: doctor, scopes: [5] })
 * for (const tx of transactions as MedChainTransaction[]) console.log(tx.transactionHash, tx.gasUsed)
 * ```
 */
export type MedChainTransaction = {
  [eventName in ContractEventName<typeof medChainAbi>]: WriteResult<eventName>
}[ContractEventName<typeof medChainAbi>]

// The transaction lists of tracked client views (see trackTransactions), by view.
const sinks = new WeakMap<object, MedChainTransaction[]>()

/**
 * A view of `client` whose mined transactions (also those sent by nested actions) are collected in
 * `transactions`, in send order, for actions that send several. Everything else, the caches
 * included, is the client's own (the view inherits from it).
 */
export function trackTransactions(client: MedChainActionClient): {
  client: MedChainActionClient
  transactions: MedChainTransaction[]
} {
  const tracked = Object.create(client) as MedChainActionClient
  const transactions: MedChainTransaction[] = []
  sinks.set(tracked, transactions)
  return { client: tracked, transactions }
}

/** Adds a mined transaction to every tracked view `client` is, or derives from. */
function recordTransaction(client: MedChainActionClient, result: MedChainTransaction) {
  for (let view: object | null = client; view; view = Object.getPrototypeOf(view))
    sinks.get(view)?.push(result)
}

/** The account of a client that must write or sign. */
export function requireAccount(client: MedChainActionClient, action: string): Account {
  const account = client.walletClient?.account
  if (!account) throw new AccountNotFoundError({ action })
  return account
}

/** The client's own address, or `undefined` for a read-only client. */
export function selfAddress(client: MedChainActionClient): Address | undefined {
  return client.walletClient?.account.address
}

/** Reads a view function of MedChain, decoding reverts into SDK errors. */
export async function read<name extends ReadName>(
  client: MedChainActionClient,
  functionName: name,
  args: ContractFunctionArgs<Abi, 'view' | 'pure', name>,
  block?: bigint | 'pending',
): Promise<ContractFunctionReturnType<Abi, 'view' | 'pure', name>> {
  try {
    return (await readContract(client.publicClient, {
      address: client.address,
      abi: medChainAbi,
      functionName,
      args,
      ...(block === undefined
        ? {}
        : block === 'pending'
          ? { blockTag: 'pending' }
          : { blockNumber: block }),
    } as never)) as ContractFunctionReturnType<Abi, 'view' | 'pure', name>
  } catch (error) {
    throw decodeMedChainError(error, functionName)
  }
}

/**
 * Sends a MedChain transaction from the client's account, waits until it is mined and returns the
 * hash, gas used and the decoded `eventName` events. Reverts (caught at estimation, or in the
 * receipt) become typed SDK errors; nothing is changed by a failed call.
 */
export async function write<name extends WriteName, eventName extends ContractEventName<Abi>>(
  client: MedChainActionClient,
  parameters: {
    functionName: name
    args: ContractFunctionArgs<Abi, 'nonpayable' | 'payable', name>
    eventName: eventName | readonly eventName[]
  },
): Promise<WriteResult<eventName>> {
  const { functionName, args } = parameters
  const account = requireAccount(client, functionName)
  let transactionHash: Hash
  try {
    transactionHash = await writeContract(client.walletClient!, {
      address: client.address,
      abi: medChainAbi,
      functionName,
      args,
      account,
      chain: client.walletClient!.chain,
    } as never)
  } catch (error) {
    throw decodeMedChainError(error, functionName)
  }
  const receipt = await waitForTransactionReceipt(client.publicClient, { hash: transactionHash })
  if (receipt.status !== 'success')
    throw new TransactionRevertedError({ transactionHash, functionName })
  const eventNames = (
    Array.isArray(parameters.eventName) ? parameters.eventName : [parameters.eventName]
  ) as eventName[]
  const events = parseEventLogs({
    abi: medChainAbi,
    logs: receipt.logs.filter((log) => log.address.toLowerCase() === client.address.toLowerCase()),
    eventName: eventNames,
  }) as unknown as MedChainEventLog<eventName>[]
  const result = {
    transactionHash,
    blockNumber: receipt.blockNumber,
    gasUsed: receipt.gasUsed,
    events,
  }
  recordTransaction(client, result as unknown as MedChainTransaction)
  return result
}

/**
 * The {@link WriteResult} of a transaction that landed before this call (a resumed action), from
 * its decoded `events` (at least one) and its receipt.
 */
export async function landedWriteResult<eventName extends ContractEventName<Abi>>(
  client: MedChainActionClient,
  events: MedChainEventLog<eventName>[],
): Promise<WriteResult<eventName>> {
  const { transactionHash } = events[0]!
  const receipt = await getTransactionReceipt(client.publicClient, { hash: transactionHash })
  return { transactionHash, blockNumber: receipt.blockNumber, gasUsed: receipt.gasUsed, events }
}
