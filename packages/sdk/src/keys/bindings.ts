import type { Address } from 'abitype'
import {
  addressToBytes,
  encodeRecordContext,
  type RecordContext,
} from '../crypto/envelope/context.js'
import { concatBytes, uintToBytes, utf8 } from '../crypto/utils/bytes.js'
import { InvalidBytesError, InvalidKeyEpochError } from '../errors/crypto.js'

const scopeKeyLabel = /* @__PURE__ */ utf8('MedChain scope key v1')
const recordKeyLabel = /* @__PURE__ */ utf8('MedChain record key v1')
const dataKeyLabel = /* @__PURE__ */ utf8('MedChain data key v1')

/** Validates a key epoch (uint32). */
export function assertEpoch(epoch: unknown): asserts epoch is number {
  if (typeof epoch !== 'number' || !Number.isInteger(epoch) || epoch < 0 || epoch > 0xffffffff)
    throw new InvalidKeyEpochError({ epoch })
}

/** Validates a record id (1-256 UTF-8 bytes) and returns its bytes. */
export function recordIdBytes(record: unknown): Uint8Array {
  if (typeof record !== 'string')
    throw new InvalidBytesError({ name: 'record', reason: 'must be a string (e.g. the CID)' })
  const bytes = utf8(record)
  if (bytes.length < 1 || bytes.length > 256)
    throw new InvalidBytesError({
      name: 'record',
      reason: `must be 1-256 bytes of UTF-8, received ${bytes.length}`,
    })
  return bytes
}

/**
 * The HPKE `info` that binds a wrapped scope key to what it unlocks and to whom it was granted:
 * `"MedChain scope key v1" || recordContext (73 bytes) || u32be(epoch) || grantee (20 bytes)`.
 *
 * @example
 * ```ts
 * import { scopeKeyBinding } from '@medchain/sdk/crypto'
 *
 * const info = scopeKeyBinding({ context: { patient, chainId: 1n, contract, scope: 2 }, epoch: 0, grantee })
 * ```
 */
export function scopeKeyBinding({
  context,
  epoch,
  grantee,
}: {
  context: RecordContext
  epoch: number
  grantee: Address
}): Uint8Array {
  assertEpoch(epoch)
  return concatBytes(
    scopeKeyLabel,
    encodeRecordContext(context),
    uintToBytes(epoch, 4),
    addressToBytes(grantee, 'grantee'),
  )
}

/**
 * The HPKE `info` that binds a wrapped data key (single-record grant) to its record and grantee:
 * `"MedChain record key v1" || recordContext (73 bytes) || grantee (20 bytes) || u16be(len) || record (UTF-8)`.
 *
 * @example
 * ```ts
 * import { recordKeyBinding } from '@medchain/sdk/crypto'
 *
 * const info = recordKeyBinding({ context, record: 'bafy...', grantee })
 * ```
 */
export function recordKeyBinding({
  context,
  record,
  grantee,
}: {
  context: RecordContext
  record: string
  grantee: Address
}): Uint8Array {
  const id = recordIdBytes(record)
  return concatBytes(
    recordKeyLabel,
    encodeRecordContext(context),
    addressToBytes(grantee, 'grantee'),
    uintToBytes(id.length, 2),
    id,
  )
}

/** AES-GCM associated data of a data key wrapped under a scope key. */
export function dataKeyAad(context: RecordContext, epoch: number): Uint8Array {
  assertEpoch(epoch)
  return concatBytes(dataKeyLabel, encodeRecordContext(context), uintToBytes(epoch, 4))
}
