import { type Address, bytesToHex, type Hex } from 'viem'
import type { MedChainActionClient } from '../../client/types.js'
import { encryptEnvelope } from '../../crypto/envelope/encryptEnvelope.js'
import type { MedChainError } from '../../errors/base.js'
import { ScopeKeyNotFoundError } from '../../errors/client.js'
import { createKeyEnvelope } from '../../keys/createKeyEnvelope.js'
import { generateScopeKey } from '../../keys/generateScopeKey.js'
import { wrapDataKey } from '../../keys/wrapDataKey.js'
import {
  landedWriteResult,
  type MedChainTransaction,
  read,
  requireAccount,
  type WriteResult,
  write,
} from '../internal/contract.js'
import { getLogsPaged, topic } from '../internal/logs.js'
import { encodeRecordObject } from '../internal/recordObject.js'
import { cidToHex, encodeRotationBundle, storeVerified } from '../internal/scopeKeys.js'

/** Scope id of the patient profile. */
export const profileScope = 1

/**
 * A patient's private profile. Encrypted; never on chain.
 *
 * @example
 * ```ts
 * import type { PatientProfile } from '@medchain/sdk'
 *
 * const profile: PatientProfile = { name: 'Ada Lovelace', age: 36 }
 * ```
 */
export type PatientProfile = { name: string; age: number; [field: string]: unknown }

/**
 * Parameters of {@link registerPatient}.
 *
 * @example
 * ```ts
 * import type { RegisterPatientParameters } from '@medchain/sdk'
 *
 * const parameters: RegisterPatientParameters = { profile: { name: 'Ada Lovelace', age: 36 } }
 * ```
 */
export type RegisterPatientParameters = { profile: PatientProfile }

/**
 * Result of {@link registerPatient}.
 *
 * @example
 * ```ts
 * import type { RegisterPatientReturnType } from '@medchain/sdk'
 *
 * const { profileCid, gasUsed }: RegisterPatientReturnType = await registerPatient(client, parameters)
 * ```
 */
export type RegisterPatientReturnType = WriteResult<'Registered'> & {
  profileCid: string
  /** The `rotateScopeKey` that put the profile scope's key (epoch 1) on chain. */
  profileKey: WriteResult<'ScopeKeyRotated'>
  /**
   * True when an earlier call had registered the account but its profile key never landed: this
   * call re-encrypted the profile under a new key (`profileUpdate`) and finished the key step; the
   * transaction fields describe that earlier registration.
   */
  alreadyRegistered: boolean
  /** The `updateProfile` of a resumed registration (undefined otherwise). */
  profileUpdate?: WriteResult<'ProfileUpdated'> | undefined
  /** Every transaction this call sent, in send order. */
  transactions: MedChainTransaction[]
}

/**
 * Errors {@link registerPatient} can throw (`AlreadyRegisteredError`, ...).
 *
 * @example
 * ```ts
 * import type { RegisterPatientErrorType } from '@medchain/sdk'
 *
 * const describe = (error: RegisterPatientErrorType) => error.name
 * ```
 */
export type RegisterPatientErrorType = MedChainError

/**
 * Registers the client's account as a patient: the profile (name, age, ...) is encrypted like a
 * record of scope 1 (`profile`) under a new scope key (epoch 1), stored, and only its CID goes on
 * chain with the key provider's X25519 public key. A second transaction records the scope key's
 * envelope (`rotateScopeKey`), so any device with the key provider can read the profile.
 *
 * Safe to repeat after a partial failure: if the account is registered (with this key provider's
 * key) but the profile key never landed, the call stores the profile again under a new key,
 * points the chain at it (`updateProfile`) and records the key. A complete registration repeated is
 * `AlreadyRegisteredError`.
 *
 * @example
 * ```ts
 * import { registerPatient } from '@medchain/sdk'
 *
 * const { profileCid } = await registerPatient(patientClient, { profile: { name: 'Ada Lovelace', age: 36 } })
 * ```
 */
export async function registerPatient(
  client: MedChainActionClient,
  parameters: RegisterPatientParameters,
): Promise<RegisterPatientReturnType> {
  const patient = requireAccount(client, 'registerPatient').address
  const keyProvider = client.keyProvider
  if (!keyProvider)
    throw new ScopeKeyNotFoundError({
      patient,
      scope: profileScope,
      epoch: 1,
      reason: 'the client has no key provider',
    })
  const publicKey = await keyProvider.getEncryptionPublicKey()
  const scope = profileScope
  const epoch = 1
  const earlier = await unfinishedRegistration(client, patient, bytesToHex(publicKey))
  const scopeKey = generateScopeKey()
  const context = { patient, chainId: client.chainId, contract: client.address, scope }
  const plaintext = new TextEncoder().encode(JSON.stringify(parameters.profile))
  const { envelope, dataKey } = await encryptEnvelope({ plaintext, context, padding: true })
  const wrappedDataKey = await wrapDataKey({ dataKey, scopeKey, context, epoch })
  const profileCid = await storeVerified(client, encodeRecordObject({ wrappedDataKey, envelope }))
  const own = await createKeyEnvelope({
    patient,
    chainId: client.chainId,
    contract: client.address,
    grantee: patient,
    recipient: { publicKey, algorithm: keyProvider.algorithm },
    scopeKeys: [{ scope, epoch, key: scopeKey }],
  })
  const bundleCid = await storeVerified(client, encodeRotationBundle([own]))
  const transactions: MedChainTransaction[] = []
  let registered: WriteResult<'Registered'>
  let profileUpdate: WriteResult<'ProfileUpdated'> | undefined
  if (earlier) {
    // The profile on chain is under a key that never landed: replace it.
    registered = earlier
    profileUpdate = await write(client, {
      functionName: 'updateProfile',
      args: [cidToHex(profileCid)],
      eventName: 'ProfileUpdated',
    })
    transactions.push(profileUpdate)
  } else {
    registered = await write(client, {
      functionName: 'register',
      args: [1, bytesToHex(publicKey), cidToHex(profileCid)],
      eventName: 'Registered',
    })
    transactions.push(registered)
  }
  const profileKey = await write(client, {
    functionName: 'rotateScopeKey',
    args: [patient, scope, epoch, cidToHex(bundleCid)],
    eventName: 'ScopeKeyRotated',
  })
  transactions.push(profileKey)
  client.cache.scopeKeys.set(`${patient.toLowerCase()}:${scope}:${epoch}`, scopeKey)
  return {
    ...registered,
    profileCid,
    profileKey,
    alreadyRegistered: earlier !== undefined,
    profileUpdate,
    transactions,
  }
}

/**
 * The registration of `patient` if it landed with `encryptionKey` but its profile key (epoch 1 of
 * the profile scope) did not; `undefined` otherwise (not registered, complete, or another key: the
 * normal path then reports the contract's error).
 */
async function unfinishedRegistration(
  client: MedChainActionClient,
  patient: Address,
  encryptionKey: Hex,
): Promise<WriteResult<'Registered'> | undefined> {
  if ((await read(client, 'roleOf', [patient])) !== 1) return undefined
  if ((await read(client, 'scopeEpoch', [patient, profileScope])) !== 0) return undefined
  const registeredKey = await read(client, 'encryptionKeyOf', [patient])
  if (registeredKey.toLowerCase() !== encryptionKey.toLowerCase()) return undefined
  const logs = await getLogsPaged(client, {
    eventNames: ['Registered'],
    topics: [topic(patient)],
  })
  return logs.length > 0 ? landedWriteResult(client, logs.slice(0, 1)) : undefined
}
