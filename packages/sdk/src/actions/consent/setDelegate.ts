import type { Address } from 'viem'
import type { MedChainActionClient } from '../../client/types.js'
import type { MedChainError } from '../../errors/base.js'
import {
  type MedChainTransaction,
  requireAccount,
  type WriteResult,
  write,
} from '../internal/contract.js'
import { keyHoldersOf, rotateStartedScopes, shareScopeKeys } from '../internal/keyHolders.js'
import { cidToHex, lower } from '../internal/scopeKeys.js'
import type { ScopeRotation } from './revokeAccess.js'

/**
 * Parameters of {@link setDelegate}.
 *
 * @example
 * ```ts
 * import type { SetDelegateParameters } from '@medchain/sdk'
 *
 * const parameters: SetDelegateParameters = { delegate: guardian, kind: 'guardian' }
 * ```
 */
export type SetDelegateParameters = {
  delegate: Address
  /** `'none'` removes the delegate. */
  kind: 'guardian' | 'caregiver' | 'none'
  /**
   * Wrap the patient's scope keys to the delegate (it must be registered), so it can grant, revoke
   * and rotate for the patient and read the records. Default true; false appoints a delegate that
   * manages consent without keys (it can deny, revoke without rotating, toggle emergency access off).
   */
  shareKeys?: boolean | undefined
  /**
   * When a delegate that held keys is removed, start a new epoch of every scope so it cannot open
   * records published from now on. Default true.
   */
  rotate?: boolean | undefined
}

/**
 * Result of {@link setDelegate}.
 *
 * @example
 * ```ts
 * import type { SetDelegateReturnType } from '@medchain/sdk'
 *
 * const { envelopeCid, rotations }: SetDelegateReturnType = await setDelegate(client, parameters)
 * ```
 */
export type SetDelegateReturnType = WriteResult<'DelegateUpdated'> & {
  /** CID of the key envelope wrapped to the delegate (when appointed with keys). */
  envelopeCid: string | undefined
  /** The forward rotations that cut off a removed key-holding delegate (see `rotate`). */
  rotations: ScopeRotation[]
  /** Every transaction the call sent, in send order. */
  transactions: MedChainTransaction[]
}

/**
 * Errors {@link setDelegate} can throw (`NotRegisteredError` for a delegate without an encryption
 * key when sharing keys, `InvalidContractArgumentError`, ...).
 *
 * @example
 * ```ts
 * import type { SetDelegateErrorType } from '@medchain/sdk'
 *
 * const describe = (error: SetDelegateErrorType) => error.name
 * ```
 */
export type SetDelegateErrorType = MedChainError

const kinds = { none: 0, guardian: 1, caregiver: 2 } as const

/**
 * As a patient, appoints a delegate (guardian or caregiver) or removes one (`'none'`). By default the
 * delegate receives every scope key in one stored key envelope, and every later epoch with the
 * patient's rotations, so it can grant (directly or by signature), revoke, rotate and read for the
 * patient. Delegates cannot author records or appoint delegates.
 *
 * @example
 * ```ts
 * import { setDelegate } from '@medchain/sdk'
 *
 * await setDelegate(patientClient, { delegate: guardian, kind: 'guardian' })
 * ```
 */
export async function setDelegate(
  client: MedChainActionClient,
  parameters: SetDelegateParameters,
): Promise<SetDelegateReturnType> {
  const patient = requireAccount(client, 'setDelegate').address
  const { delegate, kind } = parameters
  const wasHolder = (await keyHoldersOf(client, patient)).includes(lower(delegate))
  const envelopeCid =
    kind !== 'none' && parameters.shareKeys !== false
      ? await shareScopeKeys(client, patient, delegate)
      : undefined
  const result = await write(client, {
    functionName: 'setDelegate',
    args: [delegate, kinds[kind], envelopeCid ? cidToHex(envelopeCid) : '0x'],
    eventName: 'DelegateUpdated',
  })
  const { rotations, transactions } =
    wasHolder && !envelopeCid && parameters.rotate !== false
      ? await rotateStartedScopes(client, patient)
      : { rotations: [], transactions: [] }
  return { ...result, envelopeCid, rotations, transactions: [result, ...transactions] }
}
