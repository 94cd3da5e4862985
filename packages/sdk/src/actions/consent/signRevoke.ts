import type { Address, Hex } from 'viem'
import type { MedChainActionClient } from '../../client/types.js'
import type { MedChainError } from '../../errors/base.js'
import { read, requireAccount } from '../internal/contract.js'
import { requireRotator } from '../internal/keyHolders.js'
import { remainingGrantees } from '../internal/remainingGrantees.js'
import { cidToHex, prepareRotation } from '../internal/scopeKeys.js'
import {
  revokeTypes,
  rotateScopeKeyTypes,
  signatureDeadline,
  signMedChainMessage,
} from '../internal/typedData.js'

/**
 * The EIP-712 `Revoke` message of MedChain.
 *
 * @example
 * ```ts
 * import type { RevokeMessage } from '@medchain/sdk'
 *
 * const { revoke }: { revoke: RevokeMessage } = await signRevoke(patientClient.client, parameters)
 * ```
 */
export type RevokeMessage = {
  patient: Address
  grantee: Address
  scopes: readonly number[]
  nonce: bigint
  deadline: bigint
}

/**
 * The EIP-712 `RotateScopeKey` message of MedChain: start `epoch` of `scope` with the key envelopes
 * at `envelopeCid`.
 *
 * @example
 * ```ts
 * import type { RotateScopeKeyMessage } from '@medchain/sdk'
 *
 * const { rotation }: { rotation: RotateScopeKeyMessage } = signedRevoke.rotations[0]
 * ```
 */
export type RotateScopeKeyMessage = {
  patient: Address
  scope: number
  epoch: number
  envelopeCid: Hex
  nonce: bigint
  deadline: bigint
}

/**
 * One signed scope-key rotation of a {@link SignRevokeReturnType}.
 *
 * @example
 * ```ts
 * import type { SignedScopeKeyRotation } from '@medchain/sdk'
 *
 * const [first]: SignedScopeKeyRotation[] = signedRevoke.rotations
 * first.grantees // who receives the new epoch's key
 * ```
 */
export type SignedScopeKeyRotation = {
  rotation: RotateScopeKeyMessage
  signature: Hex
  /** The CID string of the rotation bundle (already stored). */
  envelopeCid: string
  /** The grantees the new key is wrapped to (those still holding an unexpired grant). */
  grantees: Address[]
}

/**
 * Parameters of {@link signRevoke}.
 *
 * @example
 * ```ts
 * import type { SignRevokeParameters } from '@medchain/sdk'
 *
 * const parameters: SignRevokeParameters = { grantee: doctor, scopes: [5] }
 * ```
 */
export type SignRevokeParameters = {
  /** Default: the client's account. A delegate holding the patient's keys names the patient. */
  patient?: Address | undefined
  grantee: Address
  scopes: readonly number[]
  /** Also sign a new scope-key epoch for each scope (forward secrecy for new records). Default true. */
  rotate?: boolean | undefined
  /** Until when the signatures may be relayed (default: one hour after the latest block). */
  deadline?: Date | bigint | undefined
}

/**
 * Result of {@link signRevoke}: hand it to a relayer, who submits it with `relayRevoke`. It holds no
 * secret (the new scope keys are only in the stored, wrapped bundles).
 *
 * @example
 * ```ts
 * import type { SignRevokeReturnType } from '@medchain/sdk'
 *
 * const signed: SignRevokeReturnType = await signRevoke(patientClient.client, { grantee: doctor, scopes: [5] })
 * ```
 */
export type SignRevokeReturnType = {
  revoke: RevokeMessage
  signer: Address
  signature: Hex
  /** One signed rotation per scope that has a key (none with `rotate: false`), nonces after the revoke's. */
  rotations: SignedScopeKeyRotation[]
}

/**
 * Errors {@link signRevoke} can throw (`ScopeKeyNotFoundError` without a key provider,
 * `NotRegisteredError` for an unregistered remaining grantee, storage errors).
 *
 * @example
 * ```ts
 * import type { SignRevokeErrorType } from '@medchain/sdk'
 *
 * const describe = (error: SignRevokeErrorType) => error.name
 * ```
 */
export type SignRevokeErrorType = MedChainError

/**
 * As the patient, signs an EIP-712 `Revoke` and, for each scope, a `RotateScopeKey` to the next
 * epoch, without gas: like `revokeAccess`, the new scope key is wrapped to the patient and to every
 * grantee that still holds an unexpired grant, and the bundle is stored now. A relayer submits them
 * in order with `relayRevoke`. They use consecutive patient nonces, so relay them before the patient
 * signs anything else.
 *
 * @example
 * ```ts
 * import { relayRevoke, signRevoke } from '@medchain/sdk'
 *
 * const signed = await signRevoke(patientClient.client, { grantee: doctor, scopes: [5] })
 * await relayRevoke(relayerClient.client, signed)
 * ```
 */
export async function signRevoke(
  client: MedChainActionClient,
  parameters: SignRevokeParameters,
): Promise<SignRevokeReturnType> {
  const signer = requireAccount(client, 'signRevoke').address
  const patient = parameters.patient ?? signer
  if (parameters.rotate !== false) await requireRotator(client, patient)
  const { grantee, scopes } = parameters
  const deadline = await signatureDeadline(client, parameters.deadline)
  const nonce = await read(client, 'nonces', [patient])
  const revoke: RevokeMessage = { patient, grantee, scopes: [...scopes], nonce, deadline }
  const signature = await signMedChainMessage(client, 'signRevoke', {
    types: revokeTypes,
    primaryType: 'Revoke',
    message: revoke,
  })
  const rotations: SignedScopeKeyRotation[] = []
  if (parameters.rotate !== false)
    for (const scope of scopes) {
      const current = await read(client, 'scopeEpoch', [patient, scope])
      if (current === 0) continue
      const grantees = await remainingGrantees(client, patient, scope, grantee)
      const { epoch, envelopeCid } = await prepareRotation(client, {
        patient,
        scope,
        current,
        grantees,
      })
      const rotation: RotateScopeKeyMessage = {
        patient,
        scope,
        epoch,
        envelopeCid: cidToHex(envelopeCid),
        nonce: nonce + 1n + BigInt(rotations.length),
        deadline,
      }
      rotations.push({
        rotation,
        envelopeCid,
        grantees,
        signature: await signMedChainMessage(client, 'signRevoke', {
          types: rotateScopeKeyTypes,
          primaryType: 'RotateScopeKey',
          message: rotation,
        }),
      })
    }
  return { revoke, signer, signature, rotations }
}
