import { medChainAbi } from '@medchain/contracts'
import {
  type AbiEvent,
  type Address,
  type ContractEventName,
  encodeEventTopics,
  formatLog,
  getAbiItem,
  type Hex,
  numberToHex,
  pad,
  parseEventLogs,
  type RpcLog,
  toEventSelector,
} from 'viem'
import type { MedChainActionClient } from '../../client/types.js'
import type { MedChainEventLog } from './contract.js'

type Abi = typeof medChainAbi
type EventName = ContractEventName<Abi>

/** Counts the RPC requests an action makes (reported by `listRecords` and the audit timeline). */
export type RpcCounter = { calls: number }

/** The topic0 of a MedChain event. */
export function eventSelector(eventName: EventName): Hex {
  return toEventSelector(getAbiItem({ abi: medChainAbi, name: eventName }) as AbiEvent)
}

/** An address or small integer as a 32-byte topic. */
export function topic(value: Address | number | bigint): Hex {
  return typeof value === 'string' ? pad(value.toLowerCase() as Hex) : pad(numberToHex(value))
}

/**
 * Fetches MedChain logs whose topic0 is one of `eventNames` and whose other topics match, paged by
 * block ranges of `client.logPageSize` (halving a page the node refuses), from `fromBlock`
 * (default: the deployment block) to `toBlock` (default: latest). One `eth_getLogs` per page.
 */
export async function getLogsPaged<eventName extends EventName>(
  client: MedChainActionClient,
  parameters: {
    eventNames: readonly eventName[]
    /** topic1..topic3 filters (null: any). */
    topics?: readonly (Hex | null)[]
    fromBlock?: bigint | undefined
    toBlock?: bigint | undefined
    counter?: RpcCounter | undefined
  },
): Promise<MedChainEventLog<eventName>[]> {
  const { eventNames, counter } = parameters
  let toBlock = parameters.toBlock
  if (toBlock === undefined) {
    toBlock = await client.publicClient.getBlockNumber({ cacheTime: 0 })
    if (counter) counter.calls++
  }
  const topics = [eventNames.map(eventSelector), ...(parameters.topics ?? [])]
  const logs: MedChainEventLog<eventName>[] = []
  let from = parameters.fromBlock ?? client.startBlock
  let pageSize = client.logPageSize
  while (from <= toBlock) {
    const to = from + pageSize - 1n < toBlock ? from + pageSize - 1n : toBlock
    let raw: RpcLog[]
    try {
      if (counter) counter.calls++
      raw = (await client.publicClient.request({
        method: 'eth_getLogs',
        params: [
          {
            address: client.address,
            topics: topics as Hex[],
            fromBlock: numberToHex(from),
            toBlock: numberToHex(to),
          },
        ],
      })) as RpcLog[]
    } catch (error) {
      // Providers cap results per query: retry the same start with half the range.
      if (pageSize > 1n) {
        pageSize = pageSize / 2n
        continue
      }
      throw error
    }
    const decoded = parseEventLogs({
      abi: medChainAbi,
      logs: raw.map((log) => formatLog(log)),
      eventName: eventNames as eventName[],
      strict: true,
    })
    logs.push(...(decoded as unknown as MedChainEventLog<eventName>[]))
    from = to + 1n
  }
  return logs
}

export { encodeEventTopics }
