import type { Address } from 'viem'
import type { MedChainActionClient } from '../../client/types.js'
import type { MedChainError } from '../../errors/base.js'
import {
  type MedChainTransaction,
  trackTransactions,
  type WriteResult,
  write,
} from '../internal/contract.js'
import { prepareGrant, toSeconds } from './prepareGrant.js'

/**
 * Parameters of {@link grantAccess}.
 *
 * @example
 * ```ts
 * import type { GrantAccessParameters } from '@medchain/sdk'
 *
 * const parameters: GrantAccessParameters = { grantee: doctor, scopes: [5], expiry: new Date(Date.now() + 30 * 86_400_000), requestId: 1n }
 * ```
 */
export type GrantAccessParameters = {
  /** Default: the client's account. A delegate holding the patient's keys names the patient. */
  patient?: Address | undefined
  grantee: Address
  scopes: readonly number[]
  /** When the grant ends (a `Date` or unix seconds). */
  expiry: Date | bigint
  /** Also allow the grantee to add records to these scopes. Default false. */
  write?: boolean | undefined
  /** The request this answers (closes it); default 0n (unsolicited). */
  requestId?: bigint | undefined
}

/**
 * Result of {@link grantAccess}.
 *
 * @example
 * ```ts
 * import type { GrantAccessReturnType } from '@medchain/sdk'
 *
 * const { envelopeCid, gasUsed }: GrantAccessReturnType = await grantAccess(client, parameters)
 * ```
 */
export type GrantAccessReturnType = WriteResult<'AccessGranted'> & {
  envelopeCid: string
  /**
   * Every transaction the call sent, in send order: the first key rotation of each granted scope
   * not used before (if any), then the grant.
   */
  transactions: MedChainTransaction[]
}

/**
 * Errors {@link grantAccess} can throw (`ProviderNotVerifiedError`, `UnknownRequestError`, ...).
 *
 * @example
 * ```ts
 * import type { GrantAccessErrorType } from '@medchain/sdk'
 *
 * const describe = (error: GrantAccessErrorType) => error.name
 * ```
 */
export type GrantAccessErrorType = MedChainError

/**
 * As the patient (or a delegate holding its keys), grants a verified provider access to scopes until `expiry`: stores a key envelope
 * with the scope keys wrapped to the grantee (flat cost, whatever the number of records), then
 * `grantAccess` with its CID.
 *
 * @example
 * ```ts
 * import { grantAccess } from '@medchain/sdk'
 *
 * await grantAccess(patientClient, { grantee: doctor, scopes: [5], expiry: new Date(Date.now() + 30 * 86_400_000), requestId })
 * ```
 */
export async function grantAccess(
  client: MedChainActionClient,
  parameters: GrantAccessParameters,
): Promise<GrantAccessReturnType> {
  const { grantee, scopes } = parameters
  const tracked = trackTransactions(client)
  const { patient, envelopeCid, envelopeCidHex } = await prepareGrant(tracked.client, {
    grantee,
    scopes,
    patient: parameters.patient,
  })
  const result = await write(tracked.client, {
    functionName: 'grantAccess',
    args: [
      patient,
      grantee,
      scopes,
      parameters.write ?? false,
      toSeconds(parameters.expiry),
      envelopeCidHex,
      parameters.requestId ?? 0n,
    ],
    eventName: 'AccessGranted',
  })
  return { ...result, envelopeCid, transactions: tracked.transactions }
}
