import type { Address } from 'abitype'
import { assertScope, normalizeChainId } from '../crypto/envelope/context.js'
import { InvalidKeyEpochError } from '../errors/crypto.js'
import { assertEpoch } from './bindings.js'
import { createKeyEnvelope } from './createKeyEnvelope.js'
import { generateScopeKey } from './generateScopeKey.js'
import type { KeyEnvelope } from './keyEnvelope.js'
import type { EncryptionRecipient } from './types.js'

/**
 * Parameters of {@link rotateScopeKey}.
 *
 * @example
 * ```ts
 * import type { RotateScopeKeyParameters } from '@medchain/sdk/crypto'
 *
 * const parameters: RotateScopeKeyParameters = { patient, chainId: 1n, contract, scope: 1, epoch: 4, grantees }
 * ```
 */
export type RotateScopeKeyParameters = {
  /** The patient. */
  patient: Address
  /** Chain id of the consent contract. */
  chainId: bigint | number
  /** The MedChain contract. */
  contract: Address
  /** The scope being rotated. */
  scope: number
  /** The scope's current epoch (from the consent contract). */
  epoch: number
  /**
   * Everyone who keeps access, including the patient's own key (otherwise the patient cannot read
   * new records either). Leave revoked grantees out.
   */
  grantees: readonly { grantee: Address; recipient: EncryptionRecipient }[]
}

/**
 * Result of {@link rotateScopeKey}.
 *
 * @example
 * ```ts
 * import type { RotateScopeKeyReturnType } from '@medchain/sdk/crypto'
 *
 * const { epoch, scopeKey, keyEnvelopes }: RotateScopeKeyReturnType = await rotateScopeKey(parameters)
 * ```
 */
export type RotateScopeKeyReturnType = {
  /** The new epoch (`epoch + 1`). Record it on chain. */
  epoch: number
  /** The new scope key. New records of the scope are wrapped under it. */
  scopeKey: Uint8Array
  /** One key envelope per remaining grantee holding the new epoch's key. Store each by CID. */
  keyEnvelopes: { grantee: Address; keyEnvelope: KeyEnvelope }[]
}

/**
 * Starts a new epoch for a scope (revocation): a fresh scope key, wrapped once for each remaining
 * grantee. Records written before stay under the old key; a revoked grantee keeps whatever it
 * already decrypted or saved, and can still read old records with the old key. Re-encrypt records
 * that must be cut off (`reencryptRecord`).
 *
 * @example
 * ```ts
 * import { rotateScopeKey } from '@medchain/sdk/crypto'
 *
 * const { epoch, scopeKey, keyEnvelopes } = await rotateScopeKey({
 *   patient, chainId: 1n, contract, scope: 1, epoch: 4,
 *   grantees: [{ grantee: patient, recipient: { publicKey: myKey } }, { grantee: gp, recipient: { publicKey: gpKey } }],
 * })
 * ```
 */
export async function rotateScopeKey(
  parameters: RotateScopeKeyParameters,
): Promise<RotateScopeKeyReturnType> {
  const { patient, chainId, contract, scope, epoch, grantees } = parameters
  assertScope(scope)
  assertEpoch(epoch)
  normalizeChainId(chainId)
  if (epoch === 0xffffffff) throw new InvalidKeyEpochError({ epoch: epoch + 1 })
  const next = epoch + 1
  const scopeKey = generateScopeKey()
  const keyEnvelopes = await Promise.all(
    grantees.map(async ({ grantee, recipient }) => ({
      grantee,
      keyEnvelope: await createKeyEnvelope({
        patient,
        chainId,
        contract,
        grantee,
        recipient,
        scopeKeys: [{ scope, epoch: next, key: scopeKey }],
      }),
    })),
  )
  return { epoch: next, scopeKey, keyEnvelopes }
}
