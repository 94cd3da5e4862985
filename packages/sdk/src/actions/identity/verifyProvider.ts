import type { Address, Hex } from 'viem'
import type { MedChainActionClient } from '../../client/types.js'
import type { MedChainError } from '../../errors/base.js'
import { type WriteResult, write } from '../internal/contract.js'

/**
 * Parameters of {@link verifyProvider}.
 *
 * @example
 * ```ts
 * import type { VerifyProviderParameters } from '@medchain/sdk'
 *
 * const parameters: VerifyProviderParameters = { provider: doctor, credentialRef: keccak256(licencePdf) }
 * ```
 */
export type VerifyProviderParameters = { provider: Address; credentialRef: Hex }

/**
 * Result of {@link verifyProvider}.
 *
 * @example
 * ```ts
 * import type { VerifyProviderReturnType } from '@medchain/sdk'
 *
 * const { gasUsed }: VerifyProviderReturnType = await verifyProvider(adminClient, parameters)
 * ```
 */
export type VerifyProviderReturnType = WriteResult<'ProviderVerified'>

/**
 * Errors {@link verifyProvider} can throw (`UnauthorizedAccountError` without the verifier role,
 * `NotRegisteredError`).
 *
 * @example
 * ```ts
 * import type { VerifyProviderErrorType } from '@medchain/sdk'
 *
 * const describe = (error: VerifyProviderErrorType) => error.name
 * ```
 */
export type VerifyProviderErrorType = MedChainError

/**
 * As an administrator (`VERIFIER_ROLE`), verifies (or re-verifies, or reinstates) a provider.
 *
 * @example
 * ```ts
 * import { verifyProvider } from '@medchain/sdk'
 *
 * await verifyProvider(adminClient, { provider: doctor, credentialRef })
 * ```
 */
export function verifyProvider(
  client: MedChainActionClient,
  parameters: VerifyProviderParameters,
): Promise<VerifyProviderReturnType> {
  return write(client, {
    functionName: 'verifyProvider',
    args: [parameters.provider, parameters.credentialRef],
    eventName: 'ProviderVerified',
  })
}
