import { aesGcmSeal } from '../crypto/aead/aesGcm.js'
import type { RecordContext } from '../crypto/envelope/context.js'
import { assertKey, concatBytes } from '../crypto/utils/bytes.js'
import { randomBytes } from '../crypto/utils/random.js'
import { dataKeyAad } from './bindings.js'

/** Version byte of a wrapped data key. */
export const wrappedDataKeyVersion = 1
/** Length of a wrapped data key: version (1) || nonce (12) || ciphertext (32) || tag (16). */
export const wrappedDataKeyLength = 61

/**
 * Parameters of {@link wrapDataKey}.
 *
 * @example
 * ```ts
 * import type { WrapDataKeyParameters } from '@medchain/sdk/crypto'
 *
 * const parameters: WrapDataKeyParameters = { dataKey, scopeKey, context, epoch: 0 }
 * ```
 */
export type WrapDataKeyParameters = {
  /** The record's 32-byte data key (from `encryptEnvelope`). */
  dataKey: Uint8Array
  /** The 32-byte scope key of the record's scope and epoch. */
  scopeKey: Uint8Array
  /** The record context (patient, chain id, contract, scope). */
  context: RecordContext
  /** The scope key's epoch. */
  epoch: number
}

/**
 * Wraps a record's data key under its scope key with AES-256-GCM (random 96-bit nonce; associated
 * data binds it to patient, chain, contract, scope and epoch). Returns 61 bytes:
 * `0x01 || nonce (12) || ciphertext (32) || tag (16)`. Store them with the record's anchor.
 *
 * @example
 * ```ts
 * import { encryptEnvelope, wrapDataKey } from '@medchain/sdk/crypto'
 *
 * const { envelope, dataKey } = await encryptEnvelope({ plaintext, context })
 * const wrappedDataKey = await wrapDataKey({ dataKey, scopeKey, context, epoch: 3 })
 * ```
 */
export async function wrapDataKey({
  dataKey,
  scopeKey,
  context,
  epoch,
}: WrapDataKeyParameters): Promise<Uint8Array> {
  assertKey(dataKey, 'dataKey')
  assertKey(scopeKey, 'scopeKey')
  const aad = dataKeyAad(context, epoch)
  const nonce = randomBytes(12)
  const sealed = await aesGcmSeal(scopeKey, nonce, aad, dataKey)
  return concatBytes(Uint8Array.of(wrappedDataKeyVersion), nonce, sealed)
}
