import { InvalidRecordObjectError } from '../../errors/client.js'
import { wrappedDataKeyLength } from '../../keys/wrapDataKey.js'

const magic = [0x4d, 0x43, 0x52] // "MCR"
const version = 1
/** Bytes before the envelope: magic (3) || version (1) || wrapped data key (61). */
export const recordObjectHeaderLength = 4 + wrappedDataKeyLength

/**
 * Encodes a record object, the unit stored by CID and anchored on chain:
 * `"MCR" || 0x01 || wrappedDataKey (61 bytes) || envelope (v1)`. Patient, chain, contract, scope
 * and epoch are not repeated: they come from the anchor and are bound by the envelope header and
 * the wrapped key's associated data.
 */
export function encodeRecordObject({
  wrappedDataKey,
  envelope,
}: {
  wrappedDataKey: Uint8Array
  envelope: Uint8Array
}): Uint8Array {
  if (wrappedDataKey.length !== wrappedDataKeyLength)
    throw new InvalidRecordObjectError({
      reason: `the wrapped data key must be ${wrappedDataKeyLength} bytes`,
    })
  const bytes = new Uint8Array(recordObjectHeaderLength + envelope.length)
  bytes.set(magic, 0)
  bytes[3] = version
  bytes.set(wrappedDataKey, 4)
  bytes.set(envelope, recordObjectHeaderLength)
  return bytes
}

/** Decodes a record object (see {@link encodeRecordObject}). */
export function decodeRecordObject(bytes: Uint8Array): {
  wrappedDataKey: Uint8Array
  envelope: Uint8Array
} {
  if (bytes.length < recordObjectHeaderLength || magic.some((byte, i) => bytes[i] !== byte))
    throw new InvalidRecordObjectError({ reason: 'it does not start with "MCR"' })
  if (bytes[3] !== version)
    throw new InvalidRecordObjectError({ reason: `unsupported version ${bytes[3]}` })
  return {
    wrappedDataKey: bytes.subarray(4, recordObjectHeaderLength),
    envelope: bytes.subarray(recordObjectHeaderLength),
  }
}
