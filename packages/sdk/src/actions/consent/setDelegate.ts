import type { Address } from 'viem'
import type { MedChainActionClient } from '../../client/types.js'
import type { MedChainError } from '../../errors/base.js'
import { type WriteResult, write } from '../internal/contract.js'

/**
 * Parameters of {@link setDelegate}.
 *
 * @example
 * ```ts
 * import type { SetDelegateParameters } from '@medchain/sdk'
 *
 * const parameters: SetDelegateParameters = { delegate: guardian, kind: 'guardian' }
 * ```
 */
export type SetDelegateParameters = {
  delegate: Address /** `'none'` removes the delegate. */
  kind: 'guardian' | 'caregiver' | 'none'
}

/**
 * Result of {@link setDelegate}.
 *
 * @example
 * ```ts
 * import type { SetDelegateReturnType } from '@medchain/sdk'
 *
 * const { gasUsed }: SetDelegateReturnType = await setDelegate(client, parameters)
 * ```
 */
export type SetDelegateReturnType = WriteResult<'DelegateUpdated'>

/**
 * Errors {@link setDelegate} can throw.
 *
 * @example
 * ```ts
 * import type { SetDelegateErrorType } from '@medchain/sdk'
 *
 * const describe = (error: SetDelegateErrorType) => error.name
 * ```
 */
export type SetDelegateErrorType = MedChainError

const kinds = { none: 0, guardian: 1, caregiver: 2 } as const

/**
 * As a patient, appoints a delegate (guardian or caregiver) or removes one (`'none'`). Delegates may
 * deny and revoke, toggle emergency access and sign for the patient; they cannot author records.
 *
 * @example
 * ```ts
 * import { setDelegate } from '@medchain/sdk'
 *
 * await setDelegate(patientClient, { delegate: guardian, kind: 'guardian' })
 * ```
 */
export function setDelegate(
  client: MedChainActionClient,
  parameters: SetDelegateParameters,
): Promise<SetDelegateReturnType> {
  return write(client, {
    functionName: 'setDelegate',
    args: [parameters.delegate, kinds[parameters.kind]],
    eventName: 'DelegateUpdated',
  })
}
