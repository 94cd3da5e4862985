import type { Address } from 'viem'
import type { MedChainActionClient } from '../../client/types.js'
import type { MedChainError } from '../../errors/base.js'
import { requireAccount, type WriteResult, write } from '../internal/contract.js'

/**
 * Parameters of {@link setEmergencyAccess}.
 *
 * @example
 * ```ts
 * import type { SetEmergencyAccessParameters } from '@medchain/sdk'
 *
 * const parameters: SetEmergencyAccessParameters = { enabled: true }
 * ```
 */
export type SetEmergencyAccessParameters = {
  enabled: boolean /** Default: the client's account (a delegate names the patient). */
  patient?: Address | undefined
}

/**
 * Result of {@link setEmergencyAccess}.
 *
 * @example
 * ```ts
 * import type { SetEmergencyAccessReturnType } from '@medchain/sdk'
 *
 * const { gasUsed }: SetEmergencyAccessReturnType = await setEmergencyAccess(client, { enabled: true })
 * ```
 */
export type SetEmergencyAccessReturnType = WriteResult<'EmergencyAccessUpdated'>

/**
 * Errors {@link setEmergencyAccess} can throw.
 *
 * @example
 * ```ts
 * import type { SetEmergencyAccessErrorType } from '@medchain/sdk'
 *
 * const describe = (error: SetEmergencyAccessErrorType) => error.name
 * ```
 */
export type SetEmergencyAccessErrorType = MedChainError

/**
 * Opts a patient in to (or out of) break-glass emergency access.
 *
 * @example
 * ```ts
 * import { setEmergencyAccess } from '@medchain/sdk'
 *
 * await setEmergencyAccess(patientClient, { enabled: true })
 * ```
 */
export function setEmergencyAccess(
  client: MedChainActionClient,
  parameters: SetEmergencyAccessParameters,
): Promise<SetEmergencyAccessReturnType> {
  const patient = parameters.patient ?? requireAccount(client, 'setEmergencyAccess').address
  return write(client, {
    functionName: 'setEmergencyAccess',
    args: [patient, parameters.enabled],
    eventName: 'EmergencyAccessUpdated',
  })
}
