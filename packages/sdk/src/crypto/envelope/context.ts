// viem's Keccak-256: an app ships viem anyway, so a second Keccak (noble 2.x) would only add bytes.

import type { Address } from 'abitype'
import { keccak256 } from 'viem'
import { InvalidRecordContextError } from '../../errors/crypto.js'
import { concatBytes, fromHex, uintToBytes, utf8 } from '../utils/bytes.js'

/**
 * What a record is bound to. The reader rebuilds it from the record's anchor on chain; it is never
 * stored in the envelope (the scope would reveal the record's category).
 *
 * @example
 * ```ts
 * import type { RecordContext } from '@medchain/sdk/crypto'
 *
 * const context: RecordContext = {
 *   patient: '0x70997970C51812dc3A010C7d01b50e0d17dc79C8',
 *   chainId: 31337n,
 *   contract: '0x5FbDB2315678afecb367f032d93F642f64180aa3',
 *   scope: 1, // e.g. labs
 * }
 * ```
 */
export type RecordContext = {
  /** The patient the record belongs to. */
  patient: Address
  /** Chain id of the network the record is anchored on. */
  chainId: bigint | number
  /** Address of the MedChain records contract that anchors the record. */
  contract: Address
  /** Scope id (uint8 on chain): labs, prescriptions, diagnoses, imaging, ... */
  scope: number
}

/** Length in bytes of {@link encodeRecordContext}'s output. */
export const recordContextLength = 73

/** True for a 0x-prefixed 20-byte hex address that is all lower-case, all upper-case, or EIP-55 checksummed. */
export function isAddress(value: string): boolean {
  if (!/^0x[0-9a-fA-F]{40}$/.test(value)) return false
  const body = value.slice(2)
  if (body === body.toLowerCase() || body === body.toUpperCase()) return true
  const hash = keccak256(utf8(body.toLowerCase()), 'bytes')
  for (let i = 0; i < 40; i++) {
    const nibble = ((hash[i >> 1] as number) >> (i % 2 === 0 ? 4 : 0)) & 0xf
    const char = body[i] as string
    if (char !== (nibble >= 8 ? char.toUpperCase() : char.toLowerCase())) return false
  }
  return true
}

/** Validates an address and returns its 20 bytes. */
export function addressToBytes(value: unknown, field: string): Uint8Array<ArrayBuffer> {
  if (typeof value !== 'string' || !isAddress(value))
    throw new InvalidRecordContextError({
      field,
      reason: 'must be a 0x-prefixed 20-byte address (lower-case, or with a valid EIP-55 checksum)',
    })
  return fromHex(value) as Uint8Array<ArrayBuffer>
}

/** Validates a chain id (1 to 2^256 - 1) and returns it as a bigint. */
export function normalizeChainId(value: unknown, field = 'chainId'): bigint {
  if (typeof value === 'number') {
    if (!Number.isSafeInteger(value) || value < 1)
      throw new InvalidRecordContextError({
        field,
        reason: 'must be a positive safe integer or a bigint',
      })
    return BigInt(value)
  }
  if (typeof value === 'bigint') {
    if (value < 1n || value >= 1n << 256n)
      throw new InvalidRecordContextError({ field, reason: 'must be from 1 to 2^256 - 1' })
    return value
  }
  throw new InvalidRecordContextError({ field, reason: 'must be a number or a bigint' })
}

/** Validates a scope id (uint8). */
export function assertScope(value: unknown, field = 'scope'): asserts value is number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > 255)
    throw new InvalidRecordContextError({
      field,
      reason: 'must be an integer from 0 to 255 (uint8)',
    })
}

/**
 * Encodes a record context into the 73 bytes that the envelope header tag and the key bindings
 * authenticate: `patient (20) || chainId (uint256, 32, big-endian) || contract (20) || scope (1)`.
 * Throws {@link InvalidRecordContextError} on an invalid field.
 *
 * @example
 * ```ts
 * import { encodeRecordContext } from '@medchain/sdk/crypto'
 *
 * const bytes = encodeRecordContext({ patient, chainId: 1n, contract, scope: 2 })
 * bytes.length // 73
 * ```
 */
export function encodeRecordContext(context: RecordContext): Uint8Array<ArrayBuffer> {
  if (typeof context !== 'object' || context === null)
    throw new InvalidRecordContextError({ field: 'context', reason: 'must be an object' })
  const patient = addressToBytes(context.patient, 'patient')
  const chainId = uintToBytes(normalizeChainId(context.chainId), 32)
  const contract = addressToBytes(context.contract, 'contract')
  assertScope(context.scope)
  return concatBytes(patient, chainId, contract, Uint8Array.of(context.scope))
}
