import type { MedChainActionClient } from '../../client/types.js'
import type { MedChainError } from '../../errors/base.js'
import { type WriteResult, write } from '../internal/contract.js'

/**
 * Parameters of {@link addScope}.
 *
 * @example
 * ```ts
 * import type { AddScopeParameters } from '@medchain/sdk'
 *
 * const parameters: AddScopeParameters = { scope: 42, name: 'vaccinations' }
 * ```
 */
export type AddScopeParameters = {
  /** The new scope id (0-255; 1-7 are seeded at deployment). */
  scope: number
  /** A category name for people, e.g. "vaccinations". It is public: never health data. */
  name: string
}

/**
 * Result of {@link addScope}.
 *
 * @example
 * ```ts
 * import type { AddScopeReturnType } from '@medchain/sdk'
 *
 * const { events }: AddScopeReturnType = await addScope(adminClient, { scope: 42, name: 'vaccinations' })
 * ```
 */
export type AddScopeReturnType = WriteResult<'ScopeAdded'>

/**
 * Errors {@link addScope} can throw (`UnauthorizedAccountError` without the administrator role,
 * `InvalidContractArgumentError` if the scope id is already known).
 *
 * @example
 * ```ts
 * import type { AddScopeErrorType } from '@medchain/sdk'
 *
 * const describe = (error: AddScopeErrorType) => error.name
 * ```
 */
export type AddScopeErrorType = MedChainError

/**
 * As an administrator (`DEFAULT_ADMIN_ROLE`), registers a custom scope id with a name. Records,
 * requests and grants can then use it like the seeded scopes. Scope ids are never removed.
 *
 * @example
 * ```ts
 * import { addScope } from '@medchain/sdk'
 *
 * await addScope(adminClient.client, { scope: 42, name: 'vaccinations' })
 * await patientClient.publishRecord({ scope: 42, data: immunization })
 * ```
 */
export function addScope(
  client: MedChainActionClient,
  parameters: AddScopeParameters,
): Promise<AddScopeReturnType> {
  return write(client, {
    functionName: 'addScope',
    args: [parameters.scope, parameters.name],
    eventName: 'ScopeAdded',
  })
}
