import type { Address } from 'viem'
import type { MedChainActionClient } from '../../client/types.js'
import type { MedChainError } from '../../errors/base.js'
import { read, requireAccount, type WriteResult, write } from '../internal/contract.js'
import { remainingGrantees } from '../internal/remainingGrantees.js'
import { rotateOwnScope } from '../internal/scopeKeys.js'

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
  grantee: Address
  scopes: readonly number[]
  /** Start a new scope-key epoch for each scope (forward secrecy for new records). Default true. */
  rotate?: boolean | undefined
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
  rotations: {
    scope: number
    epoch: number
    envelopeCid: string
    grantees: Address[]
    gasUsed: bigint
  }[]
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
 * As the patient, revokes a grantee's access to scopes (`revokeAccess`), then rotates each scope:
 * a new scope key at epoch + 1, wrapped to the patient and to every grantee that still holds an
 * unexpired grant, in one rotation bundle (`rotateScopeKey`). New records are unreadable to the
 * revoked grantee; what it already decrypted cannot be taken back.
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
  const patient = requireAccount(client, 'revokeAccess').address
  const { grantee, scopes } = parameters
  const result = await write(client, {
    functionName: 'revokeAccess',
    args: [patient, grantee, scopes],
    eventName: 'AccessRevoked',
  })
  const rotations: RevokeAccessReturnType['rotations'] = []
  if (parameters.rotate === false) return { ...result, rotations }
  for (const scope of scopes) {
    const current = await read(client, 'scopeEpoch', [patient, scope])
    if (current === 0) continue
    const remaining = await remainingGrantees(client, patient, scope, grantee)
    const rotation = await rotateOwnScope(client, { patient, scope, current, grantees: remaining })
    rotations.push({
      scope,
      epoch: rotation.epoch,
      envelopeCid: rotation.envelopeCid,
      grantees: remaining,
      gasUsed: rotation.result.gasUsed,
    })
  }
  return { ...result, rotations }
}
