import type { Address } from 'viem'
import type { MedChainActionClient } from '../../client/types.js'
import type { MedChainError } from '../../errors/base.js'
import { read, requireAccount, type WriteResult } from '../internal/contract.js'
import { remainingGrantees } from '../internal/remainingGrantees.js'
import { rotateScope } from '../internal/scopeKeys.js'

/**
 * Parameters of {@link rotateScopeKey}.
 *
 * @example
 * ```ts
 * import type { RotateScopeKeyParameters } from '@medchain/sdk'
 *
 * const parameters: RotateScopeKeyParameters = { scope: 5 }
 * ```
 */
export type RotateScopeKeyParameters = {
  /** Default: the client's account. A delegate holding the patient's keys names the patient. */
  patient?: Address | undefined
  scope: number
  /**
   * Who receives the new key besides the patient. Default: every grantee that still holds an
   * unexpired grant for the scope.
   */
  grantees?: readonly Address[] | undefined
}

/**
 * Result of {@link rotateScopeKey}.
 *
 * @example
 * ```ts
 * import type { RotateScopeKeyReturnType } from '@medchain/sdk'
 *
 * const { epoch, grantees }: RotateScopeKeyReturnType = await rotateScopeKey(patientClient.client, { scope: 5 })
 * ```
 */
export type RotateScopeKeyReturnType = WriteResult<'ScopeKeyRotated'> & {
  scope: number
  /** The new epoch (the previous one + 1); new records of the scope use it. */
  epoch: number
  /** CID of the stored rotation bundle (the new key wrapped to the patient and each grantee). */
  envelopeCid: string
  grantees: Address[]
}

/**
 * Errors {@link rotateScopeKey} can throw (`ScopeKeyNotFoundError` without a key provider or without
 * the earlier epochs' keys, `StaleEpochError` if another rotation landed first, `NotRegisteredError`,
 * storage errors).
 *
 * @example
 * ```ts
 * import type { RotateScopeKeyErrorType } from '@medchain/sdk'
 *
 * const describe = (error: RotateScopeKeyErrorType) => error.name
 * ```
 */
export type RotateScopeKeyErrorType = MedChainError

/**
 * As the patient (or a delegate holding its keys), starts the next scope-key epoch of a scope: a
 * fresh key, wrapped to the patient (with every earlier epoch), to the remaining grantees and to the
 * patient's key holders (delegates with keys, the emergency custodian), stored as a rotation bundle
 * and anchored with `rotateScopeKey`. `revokeAccess` does this for you; call it yourself to finish a revocation
 * whose rotation failed, or to rotate on a schedule. (The key-level `rotateScopeKey` of
 * `@medchain/sdk/crypto` only builds envelopes; this one stores and anchors them.)
 *
 * @example
 * ```ts
 * import { rotateScopeKey } from '@medchain/sdk'
 *
 * const { epoch } = await rotateScopeKey(patientClient.client, { scope: 5 })
 * ```
 */
export async function rotateScopeKey(
  client: MedChainActionClient,
  parameters: RotateScopeKeyParameters,
): Promise<RotateScopeKeyReturnType> {
  const patient = parameters.patient ?? requireAccount(client, 'rotateScopeKey').address
  const { scope } = parameters
  const current = await read(client, 'scopeEpoch', [patient, scope])
  const grantees = parameters.grantees
    ? [...parameters.grantees]
    : await remainingGrantees(client, patient, scope)
  const { epoch, envelopeCid, result } = await rotateScope(client, {
    patient,
    scope,
    current,
    grantees,
  })
  return { ...result, scope, epoch, envelopeCid, grantees }
}
