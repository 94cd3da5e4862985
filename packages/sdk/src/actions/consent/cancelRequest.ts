import type { Address } from 'viem'
import type { MedChainActionClient } from '../../client/types.js'
import type { MedChainError } from '../../errors/base.js'
import { type WriteResult, write } from '../internal/contract.js'

/**
 * Parameters of {@link cancelRequest}.
 *
 * @example
 * ```ts
 * import type { CancelRequestParameters } from '@medchain/sdk'
 *
 * const parameters: CancelRequestParameters = { patient, requestId: 3n }
 * ```
 */
export type CancelRequestParameters = {
  /** The patient the request was made to. */
  patient: Address
  /** The pending request, as returned by `requestAccess`. */
  requestId: bigint
}

/**
 * Result of {@link cancelRequest}.
 *
 * @example
 * ```ts
 * import type { CancelRequestReturnType } from '@medchain/sdk'
 *
 * const { transactionHash }: CancelRequestReturnType = await cancelRequest(doctorClient, parameters)
 * ```
 */
export type CancelRequestReturnType = WriteResult<'AccessRequestCancelled'>

/**
 * Errors {@link cancelRequest} can throw (`UnknownRequestError` if the request is not pending,
 * `UnauthorizedAccountError` if the caller did not make it).
 *
 * @example
 * ```ts
 * import type { CancelRequestErrorType } from '@medchain/sdk'
 *
 * const describe = (error: CancelRequestErrorType) => error.name
 * ```
 */
export type CancelRequestErrorType = MedChainError

/**
 * As the provider that made it, withdraws a pending access request: it leaves the patient's inbox
 * and can no longer be granted.
 *
 * @example
 * ```ts
 * import { cancelRequest } from '@medchain/sdk'
 *
 * const { requestId } = await doctorClient.requestAccess({ patient, scopes: [5], purpose: 1, duration: 86_400n })
 * await cancelRequest(doctorClient.client, { patient, requestId })
 * ```
 */
export function cancelRequest(
  client: MedChainActionClient,
  parameters: CancelRequestParameters,
): Promise<CancelRequestReturnType> {
  return write(client, {
    functionName: 'cancelRequest',
    args: [parameters.patient, parameters.requestId],
    eventName: 'AccessRequestCancelled',
  })
}
