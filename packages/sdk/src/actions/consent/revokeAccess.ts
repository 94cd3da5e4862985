import type { Address } from 'viem'
import type { MedChainActionClient } from '../../client/types.js'
import type { MedChainError } from '../../errors/base.js'
import {
  landedWriteResult,
  type MedChainTransaction,
  read,
  requireAccount,
  type WriteResult,
  write,
} from '../internal/contract.js'
import { requireRotator } from '../internal/keyHolders.js'
import { lastRevocation, revocationEvents } from '../internal/pendingRevocations.js'
import { remainingGrantees } from '../internal/remainingGrantees.js'
import { rotateScope } from '../internal/scopeKeys.js'

/**
 * Parameters of {@link revokeAccess}.
 *
 * @example
 * ```ts
 * import type { RevokeAccessParameters } from '@medchain/sdk'
 *
 * const parameters: RevokeAccessParameters = { grantee: doctor, scopes: [5] }
 * ```
 */
export type RevokeAccessParameters = {
  /** Default: the client's account. A delegate holding the patient's keys names the patient. */
  patient?: Address | undefined
  grantee: Address
  scopes: readonly number[]
  /** Start a new scope-key epoch for each scope (forward secrecy for new records). Default true. */
  rotate?: boolean | undefined
}

/**
 * One scope's forward rotation after a revocation: the new epoch, where its key bundle is stored,
 * the grantees that received the new key, and the rotation transaction's gas.
 *
 * @example
 * ```ts
 * import type { ScopeRotation } from '@medchain/sdk'
 *
 * const { rotations } = await revokeAccess(patientClient.client, { grantee: doctor, scopes: [5] })
 * const line = (r: ScopeRotation) => `scope ${r.scope} -> epoch ${r.epoch}, ${r.grantees.length} grantees`
 * ```
 */
export type ScopeRotation = {
  scope: number
  epoch: number
  envelopeCid: string
  grantees: Address[]
  gasUsed: bigint
}

/**
 * Result of {@link revokeAccess}.
 *
 * @example
 * ```ts
 * import type { RevokeAccessReturnType } from '@medchain/sdk'
 *
 * const { rotations }: RevokeAccessReturnType = await revokeAccess(client, parameters)
 * ```
 */
export type RevokeAccessReturnType = WriteResult<'AccessRevoked'> & {
  /** The new epoch of each rotated scope, and the grantees that received its key. */
  rotations: ScopeRotation[]
  /**
   * True when the revocation had already landed (an earlier call whose rotation failed): this call
   * only finished the rotations, and the transaction fields describe that earlier revocation.
   */
  alreadyRevoked: boolean
  /** Every transaction this call sent, in send order: the revocation, then each rotation. */
  transactions: MedChainTransaction[]
}

/**
 * Errors {@link revokeAccess} can throw.
 *
 * @example
 * ```ts
 * import type { RevokeAccessErrorType } from '@medchain/sdk'
 *
 * const describe = (error: RevokeAccessErrorType) => error.name
 * ```
 */
export type RevokeAccessErrorType = MedChainError

/**
 * As the patient (or a delegate holding its keys), revokes a grantee's access to scopes
 * (`revokeAccess`), then rotates each scope: a new scope key at epoch + 1, wrapped to the patient,
 * to every grantee that still holds an unexpired grant and to the patient's key holders (delegates
 * with keys, the emergency custodian), in one rotation bundle (`rotateScopeKey`). New records are unreadable to the
 * revoked grantee; what it already decrypted cannot be taken back.
 *
 * Safe to repeat: a scope whose revocation already landed is not revoked again (a scope that never
 * had a grant still gets the contract's `ConsentRequiredError`), and a landed revocation without a
 * later rotation (the rotation failed) gets its rotation now.
 *
 * @example
 * ```ts
 * import { revokeAccess } from '@medchain/sdk'
 *
 * const { rotations } = await revokeAccess(patientClient, { grantee: doctor, scopes: [5] })
 * ```
 */
export async function revokeAccess(
  client: MedChainActionClient,
  parameters: RevokeAccessParameters,
): Promise<RevokeAccessReturnType> {
  const patient = parameters.patient ?? requireAccount(client, 'revokeAccess').address
  const { grantee, scopes } = parameters
  const rotate = parameters.rotate !== false
  if (rotate) await requireRotator(client, patient)
  // A repeated call after a partial failure: scopes already revoked are not revoked again; those
  // whose rotation never landed are rotated now.
  const toRevoke: number[] = []
  const toRotate: number[] = []
  let earlier: Awaited<ReturnType<typeof lastRevocation>>
  for (const scope of scopes) {
    const { expiry, emergencyUntil } = await read(client, 'permissionOf', [patient, grantee, scope])
    const revocation =
      expiry === 0n && emergencyUntil === 0n
        ? await lastRevocation(client, patient, grantee, scope)
        : undefined
    if (!revocation) {
      toRevoke.push(scope)
      toRotate.push(scope)
      continue
    }
    earlier ??= revocation
    if (!revocation.rotated) toRotate.push(scope)
  }
  const transactions: MedChainTransaction[] = []
  let result: WriteResult<'AccessRevoked'>
  if (toRevoke.length > 0) {
    result = await write(client, {
      functionName: 'revokeAccess',
      args: [patient, grantee, toRevoke],
      eventName: 'AccessRevoked',
    })
    transactions.push(result)
  } else
    result = await landedWriteResult(client, await revocationEvents(client, earlier!.log, grantee))
  const alreadyRevoked = toRevoke.length === 0
  const rotations: RevokeAccessReturnType['rotations'] = []
  if (!rotate) return { ...result, rotations, alreadyRevoked, transactions }
  for (const scope of toRotate) {
    const current = await read(client, 'scopeEpoch', [patient, scope])
    if (current === 0) continue
    const remaining = await remainingGrantees(client, patient, scope, grantee)
    const rotation = await rotateScope(client, { patient, scope, current, grantees: remaining })
    transactions.push(rotation.result)
    rotations.push({
      scope,
      epoch: rotation.epoch,
      envelopeCid: rotation.envelopeCid,
      grantees: remaining,
      gasUsed: rotation.result.gasUsed,
    })
  }
  return { ...result, rotations, alreadyRevoked, transactions }
}
