import type { MedChainActionClient } from '../../client/types.js'
import type { MedChainError } from '../../errors/base.js'
import { type WriteResult, write } from '../internal/contract.js'
import type { SignGrantReturnType } from './signGrant.js'

/**
 * Parameters of {@link relayGrant}: what `signGrant` returned.
 *
 * @example
 * ```ts
 * import type { RelayGrantParameters } from '@medchain/sdk'
 *
 * const parameters: RelayGrantParameters = signedByPatient
 * ```
 */
export type RelayGrantParameters = Pick<SignGrantReturnType, 'grant' | 'signer' | 'signature'>

/**
 * Result of {@link relayGrant}.
 *
 * @example
 * ```ts
 * import type { RelayGrantReturnType } from '@medchain/sdk'
 *
 * const { gasUsed }: RelayGrantReturnType = await relayGrant(doctorClient, signed)
 * ```
 */
export type RelayGrantReturnType = WriteResult<'AccessGranted'>

/**
 * Errors {@link relayGrant} can throw (`SignatureExpiredError`, `SignatureNonceError`,
 * `InvalidSignatureError`, ...).
 *
 * @example
 * ```ts
 * import type { RelayGrantErrorType } from '@medchain/sdk'
 *
 * const describe = (error: RelayGrantErrorType) => error.name
 * ```
 */
export type RelayGrantErrorType = MedChainError

/**
 * Submits a patient's signed `Grant` (`grantAccessBySig`); the relayer (typically the provider)
 * pays the gas. A replayed or expired signature is refused by the contract.
 *
 * @example
 * ```ts
 * import { relayGrant } from '@medchain/sdk'
 *
 * await relayGrant(doctorClient, signed)
 * ```
 */
export function relayGrant(
  client: MedChainActionClient,
  parameters: RelayGrantParameters,
): Promise<RelayGrantReturnType> {
  const { grant, signer, signature } = parameters
  return write(client, {
    functionName: 'grantAccessBySig',
    args: [grant, signer, signature],
    eventName: 'AccessGranted',
  })
}
