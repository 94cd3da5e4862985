import type { Address } from 'viem'
import type { MedChainActionClient } from '../../client/types.js'
import type { MedChainError } from '../../errors/base.js'
import {
  ConsentExpiredError,
  ConsentRequiredError,
  ConsentRevokedError,
} from '../../errors/client.js'
import { toMedChainContractError } from '../../errors/contract.js'
import { read, requireAccount } from '../internal/contract.js'
import { getLogsPaged, topic } from '../internal/logs.js'

/**
 * Parameters of {@link checkAccess}.
 *
 * @example
 * ```ts
 * import type { CheckAccessParameters } from '@medchain/sdk'
 *
 * const parameters: CheckAccessParameters = { patient, grantee: doctor, scope: 5 }
 * ```
 */
export type CheckAccessParameters = {
  patient: Address
  /** Default: the client's account. */
  grantee?: Address | undefined
  scope: number
}

/**
 * Result of {@link checkAccess}.
 *
 * @example
 * ```ts
 * import type { CheckAccessReturnType } from '@medchain/sdk'
 *
 * const { read, write, expiresAt }: CheckAccessReturnType = await checkAccess(client, parameters)
 * ```
 */
export type CheckAccessReturnType = {
  /** `hasAccess`: a regular grant or emergency access is active and the grantee is a verified provider. */
  read: boolean
  /** `hasWriteAccess`. */
  write: boolean
  /** End of the stored regular grant (undefined: none). */
  expiresAt?: Date | undefined
  /** End of emergency access (undefined: none). */
  emergencyUntil?: Date | undefined
}

/**
 * Errors {@link checkAccess} can throw.
 *
 * @example
 * ```ts
 * import type { CheckAccessErrorType } from '@medchain/sdk'
 *
 * const describe = (error: CheckAccessErrorType) => error.name
 * ```
 */
export type CheckAccessErrorType = MedChainError

const toDate = (seconds: bigint) => (seconds === 0n ? undefined : new Date(Number(seconds) * 1000))

/**
 * Whether a grantee may read (and write) a scope of a patient now, from the chain.
 *
 * @example
 * ```ts
 * import { checkAccess } from '@medchain/sdk'
 *
 * const { read } = await checkAccess(client, { patient, grantee: doctor, scope: 5 })
 * ```
 */
export async function checkAccess(
  client: MedChainActionClient,
  parameters: CheckAccessParameters,
): Promise<CheckAccessReturnType> {
  const grantee = parameters.grantee ?? requireAccount(client, 'checkAccess').address
  const { patient, scope } = parameters
  const [canRead, canWrite, permission] = await Promise.all([
    read(client, 'hasAccess', [patient, grantee, scope]),
    read(client, 'hasWriteAccess', [patient, grantee, scope]),
    read(client, 'permissionOf', [patient, grantee, scope]),
  ])
  return {
    read: canRead,
    write: canWrite,
    expiresAt: toDate(permission.expiry),
    emergencyUntil: toDate(permission.emergencyUntil),
  }
}

/**
 * Throws the precise consent error when `grantee` may not read `scope` of `patient` (a grant,
 * emergency access, or being its delegate lets it):
 * `ProviderNotVerifiedError`, `ConsentExpiredError`, `ConsentRevokedError` or `ConsentRequiredError`.
 */
export async function assertCanRead(
  client: MedChainActionClient,
  { patient, grantee, scope }: { patient: Address; grantee: Address; scope: number },
): Promise<void> {
  if (await read(client, 'hasAccess', [patient, grantee, scope])) return
  // A delegate reads with the patient's own keys (checked only after a grantee's usual case).
  if ((await read(client, 'delegateOf', [patient, grantee])) !== 0) return
  const [permission, verified, block] = await Promise.all([
    read(client, 'permissionOf', [patient, grantee, scope]),
    read(client, 'isActiveProvider', [grantee]),
    client.publicClient.getBlock(),
  ])
  const now = block.timestamp
  const active = permission.expiry > now || permission.emergencyUntil > now
  if (active && !verified)
    throw toMedChainContractError({
      errorName: 'MedChainIdentityUnverifiedProvider',
      args: [grantee],
    })
  if (permission.expiry !== 0n && permission.expiry <= now)
    throw new ConsentExpiredError({
      patient,
      grantee,
      scope,
      expiredAt: new Date(Number(permission.expiry) * 1000),
    })
  const revoked = await getLogsPaged(client, {
    eventNames: ['AccessRevoked'],
    topics: [topic(patient), topic(grantee), topic(scope)],
  })
  const last = revoked.at(-1)
  if (last)
    throw new ConsentRevokedError({
      patient,
      grantee,
      scope,
      transactionHash: last.transactionHash,
    })
  if (permission.emergencyUntil !== 0n && permission.emergencyUntil <= now)
    throw new ConsentExpiredError({
      patient,
      grantee,
      scope,
      expiredAt: new Date(Number(permission.emergencyUntil) * 1000),
    })
  throw new ConsentRequiredError({ patient, grantee, scope })
}
