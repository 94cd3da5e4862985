import type { MedChainActionClient } from '../../client/types.js'
import type { MedChainError } from '../../errors/base.js'
import { type MedChainTransaction, type WriteResult, write } from '../internal/contract.js'
import type { ScopeRotation } from './revokeAccess.js'
import type { SignRevokeReturnType } from './signRevoke.js'

/**
 * Parameters of {@link relayRevoke}: what `signRevoke` returned.
 *
 * @example
 * ```ts
 * import type { RelayRevokeParameters } from '@medchain/sdk'
 *
 * const parameters: RelayRevokeParameters = signedByPatient
 * ```
 */
export type RelayRevokeParameters = SignRevokeReturnType

/**
 * Result of {@link relayRevoke}: the revocation, then each rotation, with every transaction.
 *
 * @example
 * ```ts
 * import type { RelayRevokeReturnType } from '@medchain/sdk'
 *
 * const { rotations, transactions }: RelayRevokeReturnType = await relayRevoke(relayerClient.client, signed)
 * ```
 */
export type RelayRevokeReturnType = WriteResult<'AccessRevoked'> & {
  /** The new epoch of each rotated scope, and the grantees that received its key. */
  rotations: ScopeRotation[]
  /** Every transaction sent, in send order: the revocation, then one rotation per scope. */
  transactions: MedChainTransaction[]
}

/**
 * Errors {@link relayRevoke} can throw (`SignatureExpiredError`, `SignatureNonceError` for a replayed
 * signature, `InvalidSignatureError`, `ConsentRequiredError` if nothing is left to revoke,
 * `StaleEpochError` if the scope was rotated since signing, ...).
 *
 * @example
 * ```ts
 * import type { RelayRevokeErrorType } from '@medchain/sdk'
 *
 * const describe = (error: RelayRevokeErrorType) => error.name
 * ```
 */
export type RelayRevokeErrorType = MedChainError

/**
 * Submits a patient's signed `Revoke` (`revokeAccessBySig`), then each signed scope-key rotation
 * (`rotateScopeKeyBySig`), in nonce order; the relayer pays the gas. If a rotation fails, the
 * patient can finish it with `rotateScopeKey` (or by calling `revokeAccess` again).
 *
 * @example
 * ```ts
 * import { relayRevoke } from '@medchain/sdk'
 *
 * const { rotations } = await relayRevoke(relayerClient.client, signed)
 * ```
 */
export async function relayRevoke(
  client: MedChainActionClient,
  parameters: RelayRevokeParameters,
): Promise<RelayRevokeReturnType> {
  const { revoke, signer, signature } = parameters
  const result = await write(client, {
    functionName: 'revokeAccessBySig',
    args: [revoke, signer, signature],
    eventName: 'AccessRevoked',
  })
  const transactions: MedChainTransaction[] = [result]
  const rotations: RelayRevokeReturnType['rotations'] = []
  for (const signed of parameters.rotations) {
    const rotated = await write(client, {
      functionName: 'rotateScopeKeyBySig',
      args: [signed.rotation, signer, signed.signature],
      eventName: 'ScopeKeyRotated',
    })
    transactions.push(rotated)
    rotations.push({
      scope: signed.rotation.scope,
      epoch: signed.rotation.epoch,
      envelopeCid: signed.envelopeCid,
      grantees: signed.grantees,
      gasUsed: rotated.gasUsed,
    })
  }
  return { ...result, rotations, transactions }
}
