import type { Address } from 'viem'
import type { MedChainActionClient } from '../../client/types.js'
import type { MedChainError } from '../../errors/base.js'
import { type WriteResult, write } from '../internal/contract.js'

/**
 * Parameters of {@link suspendProvider}.
 *
 * @example
 * ```ts
 * import type { SuspendProviderParameters } from '@medchain/sdk'
 *
 * const parameters: SuspendProviderParameters = { provider: doctor, reasonCode: 1 }
 * ```
 */
export type SuspendProviderParameters = { provider: Address; reasonCode: number }

/**
 * Result of {@link suspendProvider}.
 *
 * @example
 * ```ts
 * import type { SuspendProviderReturnType } from '@medchain/sdk'
 *
 * const { gasUsed }: SuspendProviderReturnType = await suspendProvider(adminClient, parameters)
 * ```
 */
export type SuspendProviderReturnType = WriteResult<'ProviderSuspended'>

/**
 * Errors {@link suspendProvider} can throw.
 *
 * @example
 * ```ts
 * import type { SuspendProviderErrorType } from '@medchain/sdk'
 *
 * const describe = (error: SuspendProviderErrorType) => error.name
 * ```
 */
export type SuspendProviderErrorType = MedChainError

/**
 * As an administrator, suspends a verified provider: its access stops at once.
 *
 * @example
 * ```ts
 * import { suspendProvider } from '@medchain/sdk'
 *
 * await suspendProvider(adminClient, { provider: doctor, reasonCode: 1 })
 * ```
 */
export function suspendProvider(
  client: MedChainActionClient,
  parameters: SuspendProviderParameters,
): Promise<SuspendProviderReturnType> {
  return write(client, {
    functionName: 'suspendProvider',
    args: [parameters.provider, parameters.reasonCode],
    eventName: 'ProviderSuspended',
  })
}
