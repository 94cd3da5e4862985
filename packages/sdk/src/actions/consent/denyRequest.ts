import type { Address } from 'viem'
import type { MedChainActionClient } from '../../client/types.js'
import type { MedChainError } from '../../errors/base.js'
import { requireAccount, type WriteResult, write } from '../internal/contract.js'

/**
 * Parameters of {@link denyRequest}.
 *
 * @example
 * ```ts
 * import type { DenyRequestParameters } from '@medchain/sdk'
 *
 * const parameters: DenyRequestParameters = { requestId: 3n }
 * ```
 */
export type DenyRequestParameters = {
  requestId: bigint /** Default: the client's account (a delegate names the patient). */
  patient?: Address | undefined
}

/**
 * Result of {@link denyRequest}.
 *
 * @example
 * ```ts
 * import type { DenyRequestReturnType } from '@medchain/sdk'
 *
 * const { transactionHash }: DenyRequestReturnType = await denyRequest(client, { requestId: 3n })
 * ```
 */
export type DenyRequestReturnType = WriteResult<'AccessDenied'>

/**
 * Errors {@link denyRequest} can throw (`UnknownRequestError`, `UnauthorizedAccountError`).
 *
 * @example
 * ```ts
 * import type { DenyRequestErrorType } from '@medchain/sdk'
 *
 * const describe = (error: DenyRequestErrorType) => error.name
 * ```
 */
export type DenyRequestErrorType = MedChainError

/**
 * Denies and closes a pending access request (patient or delegate).
 *
 * @example
 * ```ts
 * import { denyRequest } from '@medchain/sdk'
 *
 * await denyRequest(patientClient, { requestId: 3n })
 * ```
 */
export function denyRequest(
  client: MedChainActionClient,
  parameters: DenyRequestParameters,
): Promise<DenyRequestReturnType> {
  const patient = parameters.patient ?? requireAccount(client, 'denyRequest').address
  return write(client, {
    functionName: 'denyRequest',
    args: [patient, parameters.requestId],
    eventName: 'AccessDenied',
  })
}
