import type { Address, Hash } from 'viem'
import type { MedChainActionClient } from '../../client/types.js'
import type { MedChainError } from '../../errors/base.js'
import { read, requireAccount } from '../internal/contract.js'
import { getLogsPaged, topic } from '../internal/logs.js'

/**
 * Parameters of {@link listPendingRequests}.
 *
 * @example
 * ```ts
 * import type { ListPendingRequestsParameters } from '@medchain/sdk'
 *
 * const parameters: ListPendingRequestsParameters = { patient }
 * ```
 */
export type ListPendingRequestsParameters = {
  /** Default: the client's account. */ patient?: Address | undefined
}

/**
 * A pending access request in a patient's inbox.
 *
 * @example
 * ```ts
 * import type { PendingRequest } from '@medchain/sdk'
 *
 * const [first]: PendingRequest[] = await client.listPendingRequests()
 * ```
 */
export type PendingRequest = {
  requestId: bigint
  patient: Address
  provider: Address
  scopes: readonly number[]
  purpose: number
  /** Seconds of access asked for. */
  duration: bigint
  blockNumber: bigint
  transactionHash: Hash
}

/**
 * Result of {@link listPendingRequests}.
 *
 * @example
 * ```ts
 * import type { ListPendingRequestsReturnType } from '@medchain/sdk'
 *
 * const inbox: ListPendingRequestsReturnType = await listPendingRequests(client)
 * ```
 */
export type ListPendingRequestsReturnType = PendingRequest[]

/**
 * Errors {@link listPendingRequests} can throw.
 *
 * @example
 * ```ts
 * import type { ListPendingRequestsErrorType } from '@medchain/sdk'
 *
 * const describe = (error: ListPendingRequestsErrorType) => error.name
 * ```
 */
export type ListPendingRequestsErrorType = MedChainError

/**
 * The patient's inbox: `AccessRequested` logs still pending on chain (`pendingRequest`).
 *
 * @example
 * ```ts
 * import { listPendingRequests } from '@medchain/sdk'
 *
 * for (const request of await listPendingRequests(patientClient)) console.log(request.provider, request.scopes)
 * ```
 */
export async function listPendingRequests(
  client: MedChainActionClient,
  parameters: ListPendingRequestsParameters = {},
): Promise<ListPendingRequestsReturnType> {
  const patient = parameters.patient ?? requireAccount(client, 'listPendingRequests').address
  const logs = await getLogsPaged(client, {
    eventNames: ['AccessRequested'],
    topics: [null, topic(patient)],
  })
  const pending: PendingRequest[] = []
  for (const log of logs) {
    const provider = await read(client, 'pendingRequest', [patient, log.args.requestId])
    if (/^0x0+$/.test(provider)) continue
    const { requestId, scopes, purpose, duration } = log.args
    pending.push({
      requestId,
      patient,
      provider: log.args.provider,
      scopes,
      purpose,
      duration,
      blockNumber: log.blockNumber,
      transactionHash: log.transactionHash,
    })
  }
  return pending
}
