import { type Address, zeroAddress } from 'viem'
import type { MedChainActionClient } from '../../client/types.js'
import type { MedChainError } from '../../errors/base.js'
import {
  type MedChainTransaction,
  read,
  requireAccount,
  type WriteResult,
  write,
} from '../internal/contract.js'
import {
  requirePatientOrDelegate,
  requireRotator,
  rotateStartedScopes,
  shareScopeKeys,
} from '../internal/keyHolders.js'
import { cidToHex, lower } from '../internal/scopeKeys.js'
import type { ScopeRotation } from './revokeAccess.js'

/**
 * Parameters of {@link setEmergencyAccess}: on with the emergency custodian that will hold the
 * patient's scope keys, or off.
 *
 * @example
 * ```ts
 * import type { SetEmergencyAccessParameters } from '@medchain/sdk'
 *
 * const parameters: SetEmergencyAccessParameters = { enabled: true, custodian: hospitalKeyService }
 * ```
 */
export type SetEmergencyAccessParameters = (
  | {
      enabled: true
      /**
       * A verified provider trusted to hold the patient's scope keys and release them to a provider
       * that breaks the glass (for example a hospital's break-glass key service).
       */
      custodian: Address
    }
  | { enabled: false; custodian?: undefined }
) & {
  /** Default: the client's account (a delegate names the patient). */
  patient?: Address | undefined
  /**
   * When a custodian stops being one (turned off, or replaced), start a new epoch of every scope so
   * it cannot open records published from now on. Default true.
   */
  rotate?: boolean | undefined
}

/**
 * Result of {@link setEmergencyAccess}.
 *
 * @example
 * ```ts
 * import type { SetEmergencyAccessReturnType } from '@medchain/sdk'
 *
 * const { envelopeCid, rotations }: SetEmergencyAccessReturnType = await setEmergencyAccess(client, { enabled: false })
 * ```
 */
export type SetEmergencyAccessReturnType = WriteResult<'EmergencyAccessUpdated'> & {
  /** CID of the key envelope wrapped to the custodian (when enabling). */
  envelopeCid: string | undefined
  /** The forward rotations that cut off a former custodian (see `rotate`). */
  rotations: ScopeRotation[]
  /** Every transaction the call sent, in send order. */
  transactions: MedChainTransaction[]
}

/**
 * Errors {@link setEmergencyAccess} can throw (`ProviderNotVerifiedError` for a custodian that is not
 * a verified provider, `UnauthorizedAccountError`, `ScopeKeyNotFoundError`, ...).
 *
 * @example
 * ```ts
 * import type { SetEmergencyAccessErrorType } from '@medchain/sdk'
 *
 * const describe = (error: SetEmergencyAccessErrorType) => error.name
 * ```
 */
export type SetEmergencyAccessErrorType = MedChainError

/**
 * Opts a patient in to break-glass emergency access, or out of it, as the patient or a delegate
 * holding its keys. Opting in wraps every scope key of the patient to the custodian (one stored key
 * envelope); the custodian then releases keys with `releaseEmergencyKeys` to a provider that used
 * `emergencyAccess`, and receives each new epoch with the patient's key rotations.
 *
 * @example
 * ```ts
 * import { setEmergencyAccess } from '@medchain/sdk'
 *
 * await setEmergencyAccess(patientClient, { enabled: true, custodian: hospitalKeyService })
 * ```
 */
export async function setEmergencyAccess(
  client: MedChainActionClient,
  parameters: SetEmergencyAccessParameters,
): Promise<SetEmergencyAccessReturnType> {
  const patient = parameters.patient ?? requireAccount(client, 'setEmergencyAccess').address
  const previous = await read(client, 'emergencyCustodianOf', [patient])
  const custodian = parameters.enabled ? parameters.custodian : zeroAddress
  const replaced = previous !== zeroAddress && lower(previous) !== lower(custodian)
  const rotate = replaced && parameters.rotate !== false
  await requirePatientOrDelegate(client, patient, 'setEmergencyAccess')
  if (rotate) await requireRotator(client, patient)
  const envelopeCid = parameters.enabled
    ? await shareScopeKeys(client, patient, parameters.custodian)
    : undefined
  const result = await write(client, {
    functionName: 'setEmergencyAccess',
    args: [patient, parameters.enabled, custodian, envelopeCid ? cidToHex(envelopeCid) : '0x'],
    eventName: 'EmergencyAccessUpdated',
  })
  const { rotations, transactions } = rotate
    ? await rotateStartedScopes(client, patient)
    : { rotations: [], transactions: [] }
  return { ...result, envelopeCid, rotations, transactions: [result, ...transactions] }
}
