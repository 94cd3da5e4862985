import type { Address, Hex } from 'viem'
import type { MedChainActionClient } from '../../client/types.js'
import type { MedChainError } from '../../errors/base.js'
import { read, requireAccount } from '../internal/contract.js'
import { denyTypes, signatureDeadline, signMedChainMessage } from '../internal/typedData.js'

/**
 * The EIP-712 `Deny` message of MedChain.
 *
 * @example
 * ```ts
 * import type { DenyMessage } from '@medchain/sdk'
 *
 * const { deny }: { deny: DenyMessage } = await signDeny(patientClient.client, { requestId: 3n })
 * ```
 */
export type DenyMessage = {
  patient: Address
  requestId: bigint
  nonce: bigint
  deadline: bigint
}

/**
 * Parameters of {@link signDeny}.
 *
 * @example
 * ```ts
 * import type { SignDenyParameters } from '@medchain/sdk'
 *
 * const parameters: SignDenyParameters = { requestId: 3n, deadline: new Date(Date.now() + 3_600_000) }
 * ```
 */
export type SignDenyParameters = {
  /** The pending request to deny. */
  requestId: bigint
  /** Default: the client's account (a delegate names the patient). */
  patient?: Address | undefined
  /** Until when the signature may be relayed (default: one hour after the latest block). */
  deadline?: Date | bigint | undefined
}

/**
 * Result of {@link signDeny}: hand it to a relayer, who submits it with `relayDeny`.
 *
 * @example
 * ```ts
 * import type { SignDenyReturnType } from '@medchain/sdk'
 *
 * const signed: SignDenyReturnType = await signDeny(patientClient.client, { requestId: 3n })
 * ```
 */
export type SignDenyReturnType = { deny: DenyMessage; signer: Address; signature: Hex }

/**
 * Errors {@link signDeny} can throw (`AccountNotFoundError` for a read-only client).
 *
 * @example
 * ```ts
 * import type { SignDenyErrorType } from '@medchain/sdk'
 *
 * const describe = (error: SignDenyErrorType) => error.name
 * ```
 */
export type SignDenyErrorType = MedChainError

/**
 * As the patient (or a delegate), signs an EIP-712 `Deny` of a pending request, without gas; anyone
 * relays it with `relayDeny` and pays. It uses the patient's next nonce, so a later signature of the
 * patient's must be relayed after this one.
 *
 * @example
 * ```ts
 * import { relayDeny, signDeny } from '@medchain/sdk'
 *
 * const signed = await signDeny(patientClient.client, { requestId: 3n })
 * await relayDeny(relayerClient.client, signed)
 * ```
 */
export async function signDeny(
  client: MedChainActionClient,
  parameters: SignDenyParameters,
): Promise<SignDenyReturnType> {
  const signer = requireAccount(client, 'signDeny').address
  const patient = parameters.patient ?? signer
  const deny: DenyMessage = {
    patient,
    requestId: parameters.requestId,
    nonce: await read(client, 'nonces', [patient]),
    deadline: await signatureDeadline(client, parameters.deadline),
  }
  const signature = await signMedChainMessage(client, 'signDeny', {
    types: denyTypes,
    primaryType: 'Deny',
    message: deny,
  })
  return { deny, signer, signature }
}
