import { aesGcmOpen } from '../crypto/aead/aesGcm.js'
import type { RecordContext } from '../crypto/envelope/context.js'
import { assertBytes, assertKey } from '../crypto/utils/bytes.js'
import { InvalidWrappedKeyError, KeyUnwrapFailedError } from '../errors/crypto.js'
import { dataKeyAad } from './bindings.js'
import { wrappedDataKeyLength, wrappedDataKeyVersion } from './wrapDataKey.js'

/**
 * Parameters of {@link unwrapDataKey}.
 *
 * @example
 * ```ts
 * import type { UnwrapDataKeyParameters } from '@medchain/sdk/crypto'
 *
 * const parameters: UnwrapDataKeyParameters = { wrappedDataKey, scopeKey, context, epoch: 0 }
 * ```
 */
export type UnwrapDataKeyParameters = {
  /** The 61 bytes from `wrapDataKey`. */
  wrappedDataKey: Uint8Array
  /** The 32-byte scope key of the record's scope and epoch. */
  scopeKey: Uint8Array
  /** The record context (patient, chain id, contract, scope) from the on-chain anchor. */
  context: RecordContext
  /** The epoch the record was written under (from the anchor). */
  epoch: number
}

/**
 * Unwraps a record's data key with its scope key. Throws `KeyUnwrapFailedError` for the wrong scope
 * key, context or epoch, or altered bytes; `InvalidWrappedKeyError` for malformed bytes.
 *
 * @example
 * ```ts
 * import { decryptEnvelope, unwrapDataKey } from '@medchain/sdk/crypto'
 *
 * const dataKey = await unwrapDataKey({ wrappedDataKey, scopeKey, context, epoch: 3 })
 * const plaintext = await decryptEnvelope({ envelope, dataKey, context })
 * ```
 */
export async function unwrapDataKey({
  wrappedDataKey,
  scopeKey,
  context,
  epoch,
}: UnwrapDataKeyParameters): Promise<Uint8Array> {
  assertBytes(wrappedDataKey, 'wrappedDataKey')
  assertKey(scopeKey, 'scopeKey')
  if (wrappedDataKey.length !== wrappedDataKeyLength)
    throw new InvalidWrappedKeyError({
      reason: `a wrapped data key is ${wrappedDataKeyLength} bytes, received ${wrappedDataKey.length}`,
    })
  if (wrappedDataKey[0] !== wrappedDataKeyVersion)
    throw new InvalidWrappedKeyError({
      reason: `unknown wrapped data key version ${wrappedDataKey[0]}`,
    })
  const aad = dataKeyAad(context, epoch)
  const dataKey = await aesGcmOpen(
    scopeKey,
    wrappedDataKey.subarray(1, 13),
    aad,
    wrappedDataKey.subarray(13),
  )
  if (!dataKey)
    throw new KeyUnwrapFailedError({
      reason:
        'AES-GCM failed: wrong scope key, wrong context or epoch, or altered wrapped data key',
    })
  return dataKey
}
