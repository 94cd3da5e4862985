import type { Address } from 'abitype'
import { recordKeyBinding, scopeKeyBinding } from './bindings.js'
import { decodeKeyEnvelope, encodeKeyEnvelope, type KeyEnvelope } from './keyEnvelope.js'
import type { EncryptionRecipient } from './types.js'
import { wrapKey } from './wrapKey.js'

/**
 * Parameters of {@link createKeyEnvelope}.
 *
 * @example
 * ```ts
 * import type { CreateKeyEnvelopeParameters } from '@medchain/sdk/crypto'
 *
 * const parameters: CreateKeyEnvelopeParameters = {
 *   patient, chainId: 1n, contract, grantee,
 *   recipient: { publicKey: granteeKey },
 *   scopeKeys: [{ scope: 1, epoch: 0, key: labsKey }],
 * }
 * ```
 */
export type CreateKeyEnvelopeParameters = {
  /** The patient granting access. */
  patient: Address
  /** Chain id of the consent contract. */
  chainId: bigint | number
  /** The MedChain contract. */
  contract: Address
  /** The grantee's account. */
  grantee: Address
  /** The grantee's encryption public key (and algorithm, default HPKE). */
  recipient: EncryptionRecipient
  /** Scope keys to grant: one entry per (scope, epoch). Each is wrapped once, whatever the number of records. */
  scopeKeys?: readonly { scope: number; epoch: number; key: Uint8Array }[] | undefined
  /** Data keys of single records to grant (single-record grants). */
  recordKeys?: readonly { record: string; scope: number; dataKey: Uint8Array }[] | undefined
}

/**
 * Builds a key envelope (grant) for one grantee: each scope key (per scope and epoch) and each
 * single-record data key is wrapped once to the grantee's public key, bound to patient, chain,
 * contract, scope and epoch (or record). Encode it with `encodeKeyEnvelope`, store it by CID and
 * record the CID on chain.
 *
 * @example
 * ```ts
 * import { createKeyEnvelope, encodeKeyEnvelope } from '@medchain/sdk/crypto'
 *
 * const keyEnvelope = await createKeyEnvelope({
 *   patient, chainId: 1n, contract,
 *   grantee: doctor,
 *   recipient: { publicKey: doctorEncryptionKey },
 *   scopeKeys: [{ scope: 1, epoch: 0, key: labsKey }],
 * })
 * const bytes = encodeKeyEnvelope(keyEnvelope)
 * ```
 */
export async function createKeyEnvelope(
  parameters: CreateKeyEnvelopeParameters,
): Promise<KeyEnvelope> {
  const { patient, chainId, contract, grantee, recipient } = parameters
  const algorithm = recipient?.algorithm ?? 'hpke-x25519-sha256-aes256gcm'
  const scopeKeys = await Promise.all(
    (parameters.scopeKeys ?? []).map(async ({ scope, epoch, key }) => ({
      scope,
      epoch,
      wrapped: await wrapKey({
        key,
        recipient: { publicKey: recipient.publicKey, algorithm },
        info: scopeKeyBinding({ context: { patient, chainId, contract, scope }, epoch, grantee }),
      }),
    })),
  )
  const recordKeys = await Promise.all(
    (parameters.recordKeys ?? []).map(async ({ record, scope, dataKey }) => ({
      record,
      scope,
      wrapped: await wrapKey({
        key: dataKey,
        recipient: { publicKey: recipient.publicKey, algorithm },
        info: recordKeyBinding({ context: { patient, chainId, contract, scope }, record, grantee }),
      }),
    })),
  )
  const draft: KeyEnvelope = {
    version: 1,
    patient,
    chainId: BigInt(chainId),
    contract,
    grantee,
    recipient: { algorithm, publicKey: recipient.publicKey.slice() },
    scopeKeys,
    recordKeys,
  }
  // Normalise (lower-case addresses, sorted entries) and validate through the canonical encoding.
  return decodeKeyEnvelope(encodeKeyEnvelope(draft))
}
