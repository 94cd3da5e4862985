import type { Address } from 'viem'
import type { MedChainActionClient } from '../../client/types.js'
import type { MedChainError } from '../../errors/base.js'
import { type WriteResult, write } from '../internal/contract.js'

/**
 * Parameters of {@link emergencyAccess}.
 *
 * @example
 * ```ts
 * import type { EmergencyAccessParameters } from '@medchain/sdk'
 *
 * const parameters: EmergencyAccessParameters = { patient, scopes: [2, 4], reasonCode: 1 }
 * ```
 */
export type EmergencyAccessParameters = {
  patient: Address
  scopes: readonly number[] /** Non-zero application-defined reason. */
  reasonCode: number
}

/**
 * Result of {@link emergencyAccess}.
 *
 * @example
 * ```ts
 * import type { EmergencyAccessReturnType } from '@medchain/sdk'
 *
 * const { events }: EmergencyAccessReturnType = await emergencyAccess(client, parameters)
 * ```
 */
export type EmergencyAccessReturnType = WriteResult<'EmergencyAccessUsed'>

/**
 * Errors {@link emergencyAccess} can throw (`EmergencyAccessDisabledError`, `ProviderNotVerifiedError`).
 *
 * @example
 * ```ts
 * import type { EmergencyAccessErrorType } from '@medchain/sdk'
 *
 * const describe = (error: EmergencyAccessErrorType) => error.name
 * ```
 */
export type EmergencyAccessErrorType = MedChainError

/**
 * As a verified provider, takes break-glass read access (24 h, logged per scope) where the patient
 * opted in. The keys arrive when the patient's emergency custodian calls `releaseEmergencyKeys`;
 * until then `readRecord` fails with `ScopeKeyNotFoundError`.
 *
 * @example
 * ```ts
 * import { emergencyAccess } from '@medchain/sdk'
 *
 * await emergencyAccess(doctorClient, { patient, scopes: [2], reasonCode: 1 })
 * ```
 */
export function emergencyAccess(
  client: MedChainActionClient,
  parameters: EmergencyAccessParameters,
): Promise<EmergencyAccessReturnType> {
  const { patient, scopes, reasonCode } = parameters
  return write(client, {
    functionName: 'emergencyAccess',
    args: [patient, scopes, reasonCode],
    eventName: 'EmergencyAccessUsed',
  })
}
