import type { MedChainActionClient } from '../../client/types.js'
import type { MedChainError } from '../../errors/base.js'
import { type WriteResult, write } from '../internal/contract.js'
import type { SignDenyReturnType } from './signDeny.js'

/**
 * Parameters of {@link relayDeny}: what `signDeny` returned.
 *
 * @example
 * ```ts
 * import type { RelayDenyParameters } from '@medchain/sdk'
 *
 * const parameters: RelayDenyParameters = signedByPatient
 * ```
 */
export type RelayDenyParameters = SignDenyReturnType

/**
 * Result of {@link relayDeny}.
 *
 * @example
 * ```ts
 * import type { RelayDenyReturnType } from '@medchain/sdk'
 *
 * const { events }: RelayDenyReturnType = await relayDeny(relayerClient.client, signed)
 * ```
 */
export type RelayDenyReturnType = WriteResult<'AccessDenied'>

/**
 * Errors {@link relayDeny} can throw (`SignatureExpiredError`, `SignatureNonceError` for a replayed
 * signature, `InvalidSignatureError`, `UnknownRequestError`, ...).
 *
 * @example
 * ```ts
 * import type { RelayDenyErrorType } from '@medchain/sdk'
 *
 * const describe = (error: RelayDenyErrorType) => error.name
 * ```
 */
export type RelayDenyErrorType = MedChainError

/**
 * Submits a patient's signed `Deny` (`denyRequestBySig`); the relayer pays the gas. The event names
 * the signer as the actor. A replayed or expired signature is refused by the contract.
 *
 * @example
 * ```ts
 * import { relayDeny } from '@medchain/sdk'
 *
 * await relayDeny(relayerClient.client, signed)
 * ```
 */
export function relayDeny(
  client: MedChainActionClient,
  parameters: RelayDenyParameters,
): Promise<RelayDenyReturnType> {
  const { deny, signer, signature } = parameters
  return write(client, {
    functionName: 'denyRequestBySig',
    args: [deny, signer, signature],
    eventName: 'AccessDenied',
  })
}
