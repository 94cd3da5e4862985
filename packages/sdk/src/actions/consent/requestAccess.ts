import type { Address } from 'viem'
import type { MedChainActionClient } from '../../client/types.js'
import type { MedChainError } from '../../errors/base.js'
import { type WriteResult, write } from '../internal/contract.js'

/**
 * Parameters of {@link requestAccess}.
 *
 * @example
 * ```ts
 * import type { RequestAccessParameters } from '@medchain/sdk'
 *
 * const parameters: RequestAccessParameters = { patient, scopes: [5], purpose: 1, duration: 30n * 86_400n }
 * ```
 */
export type RequestAccessParameters = {
  patient: Address
  scopes: readonly number[]
  /** Application-defined purpose code (e.g. an HL7 PurposeOfUse code). */
  purpose: number
  /** Seconds of access asked for. */
  duration: bigint
}

/**
 * Result of {@link requestAccess}.
 *
 * @example
 * ```ts
 * import type { RequestAccessReturnType } from '@medchain/sdk'
 *
 * const { requestId }: RequestAccessReturnType = await requestAccess(client, parameters)
 * ```
 */
export type RequestAccessReturnType = WriteResult<'AccessRequested'> & { requestId: bigint }

/**
 * Errors {@link requestAccess} can throw (`ProviderNotVerifiedError`, `NotRegisteredError`, ...).
 *
 * @example
 * ```ts
 * import type { RequestAccessErrorType } from '@medchain/sdk'
 *
 * const describe = (error: RequestAccessErrorType) => error.name
 * ```
 */
export type RequestAccessErrorType = MedChainError

/**
 * As a verified provider, asks a patient for access to scopes, for a purpose and a duration. The
 * request lands in the patient's inbox (`listPendingRequests`).
 *
 * @example
 * ```ts
 * import { requestAccess } from '@medchain/sdk'
 *
 * const { requestId } = await requestAccess(doctorClient, { patient, scopes: [5], purpose: 1, duration: 30n * 86_400n })
 * ```
 */
export async function requestAccess(
  client: MedChainActionClient,
  parameters: RequestAccessParameters,
): Promise<RequestAccessReturnType> {
  const { patient, scopes, purpose, duration } = parameters
  const result = await write(client, {
    functionName: 'requestAccess',
    args: [patient, scopes, purpose, duration],
    eventName: 'AccessRequested',
  })
  return { ...result, requestId: result.events[0]!.args.requestId }
}
