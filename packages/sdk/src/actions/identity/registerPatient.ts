import { bytesToHex } from 'viem'
import type { MedChainActionClient } from '../../client/types.js'
import { encryptEnvelope } from '../../crypto/envelope/encryptEnvelope.js'
import type { MedChainError } from '../../errors/base.js'
import { ScopeKeyNotFoundError } from '../../errors/client.js'
import { createKeyEnvelope } from '../../keys/createKeyEnvelope.js'
import { generateScopeKey } from '../../keys/generateScopeKey.js'
import { wrapDataKey } from '../../keys/wrapDataKey.js'
import { requireAccount, type WriteResult, write } from '../internal/contract.js'
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
  const registered = await write(client, {
    functionName: 'register',
    args: [1, bytesToHex(publicKey), cidToHex(profileCid)],
    eventName: 'Registered',
  })
  const profileKey = await write(client, {
    functionName: 'rotateScopeKey',
    args: [patient, scope, epoch, cidToHex(bundleCid)],
    eventName: 'ScopeKeyRotated',
  })
  client.cache.scopeKeys.set(`${patient.toLowerCase()}:${scope}:${epoch}`, scopeKey)
  return { ...registered, profileCid, profileKey }
}
