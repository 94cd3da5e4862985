import type { Address } from 'abitype'
import { addressToBytes, assertScope, normalizeChainId } from '../crypto/envelope/context.js'
import {
  equalBytes,
  fromBase64Url,
  fromUtf8,
  toBase64Url,
  toHex,
  utf8,
} from '../crypto/utils/bytes.js'
import {
  InvalidKeyEnvelopeError,
  InvalidRecordContextError,
  UnsupportedKeyEnvelopeVersionError,
  UnsupportedWrapAlgorithmError,
} from '../errors/crypto.js'
import { assertEpoch, recordIdBytes } from './bindings.js'
import type { WrapAlgorithm, WrappedKey } from './types.js'

/**
 * A scope key (for one scope and epoch) wrapped to the grantee.
 *
 * @example
 * ```ts
 * import type { KeyEnvelopeScopeKey } from '@medchain/sdk/crypto'
 *
 * const labs = keyEnvelope.scopeKeys.filter((entry: KeyEnvelopeScopeKey) => entry.scope === 1)
 * ```
 */
export type KeyEnvelopeScopeKey = {
  /** Scope id (uint8). */
  scope: number
  /** Key epoch (uint32). */
  epoch: number
  /** The wrapped scope key. */
  wrapped: WrappedKey
}

/**
 * A single record's data key wrapped to the grantee (a single-record grant).
 *
 * @example
 * ```ts
 * import type { KeyEnvelopeRecordKey } from '@medchain/sdk/crypto'
 *
 * const records = keyEnvelope.recordKeys.map((entry: KeyEnvelopeRecordKey) => entry.record)
 * ```
 */
export type KeyEnvelopeRecordKey = {
  /** The record id, e.g. the envelope's CID. */
  record: string
  /** Scope id of the record (uint8). */
  scope: number
  /** The wrapped data key. */
  wrapped: WrappedKey
}

/**
 * A key envelope (grant): keys of one patient wrapped once for one grantee. It is public (stored by
 * CID); only the grantee's key provider can open it.
 *
 * @example
 * ```ts
 * import { decodeKeyEnvelope, type KeyEnvelope } from '@medchain/sdk/crypto'
 *
 * const keyEnvelope: KeyEnvelope = decodeKeyEnvelope(bytes)
 * keyEnvelope.scopeKeys.map(({ scope, epoch }) => `${scope}@${epoch}`)
 * ```
 */
export type KeyEnvelope = {
  /** Format version (1). */
  version: 1
  /** The patient whose keys these are (lower-case). */
  patient: Address
  /** Chain id of the consent contract. */
  chainId: bigint
  /** The MedChain contract (lower-case). */
  contract: Address
  /** The grantee's account (lower-case). */
  grantee: Address
  /** The grantee's encryption public key and the algorithm the keys are wrapped with. */
  recipient: { algorithm: WrapAlgorithm; publicKey: Uint8Array }
  /** Wrapped scope keys, sorted by scope then epoch. */
  scopeKeys: readonly KeyEnvelopeScopeKey[]
  /** Wrapped data keys of single records, sorted by record id. */
  recordKeys: readonly KeyEnvelopeRecordKey[]
}

const typeTag = 'medchain/key-envelope'
const algorithms: readonly WrapAlgorithm[] = [
  'hpke-x25519-sha256-aes256gcm',
  'x25519-xsalsa20-poly1305',
]

function fail(reason: string): never {
  throw new InvalidKeyEnvelopeError({ reason })
}

function canonicalAddress(value: unknown, field: string): Address {
  try {
    return `0x${toHex(addressToBytes(value, field))}` as Address
  } catch (error) {
    if (error instanceof InvalidRecordContextError) fail(`\`${field}\` is not an address`)
    throw error
  }
}

function wrappedToJson(wrapped: WrappedKey, algorithm: WrapAlgorithm): Record<string, string> {
  if (wrapped.algorithm !== algorithm)
    fail(`a key is wrapped with ${wrapped.algorithm} but the recipient uses ${algorithm}`)
  if (wrapped.algorithm === 'hpke-x25519-sha256-aes256gcm') {
    checkLength(wrapped.enc, 32, 32, 'enc')
    checkLength(wrapped.ciphertext, 48, 48, 'ciphertext')
    return { enc: toBase64Url(wrapped.enc), ciphertext: toBase64Url(wrapped.ciphertext) }
  }
  checkLength(wrapped.ephemPublicKey, 32, 32, 'ephemPublicKey')
  checkLength(wrapped.nonce, 24, 24, 'nonce')
  checkLength(wrapped.ciphertext, 17, 1024, 'ciphertext')
  return {
    ephemPublicKey: toBase64Url(wrapped.ephemPublicKey),
    nonce: toBase64Url(wrapped.nonce),
    ciphertext: toBase64Url(wrapped.ciphertext),
  }
}

function checkLength(value: unknown, min: number, max: number, field: string): void {
  if (!(value instanceof Uint8Array) || value.length < min || value.length > max)
    fail(`\`${field}\` must be ${min === max ? min : `${min}-${max}`} bytes`)
}

function compareScopeKeys(
  a: { scope: number; epoch: number },
  b: { scope: number; epoch: number },
): number {
  return a.scope - b.scope || a.epoch - b.epoch
}

function compareRecords(a: { record: string }, b: { record: string }): number {
  return a.record < b.record ? -1 : a.record > b.record ? 1 : 0
}

/**
 * Encodes a key envelope into canonical bytes (UTF-8 JSON, fixed key order, no whitespace, bytes as
 * base64url without padding, entries sorted) so that one envelope has exactly one CID.
 *
 * @example
 * ```ts
 * import { createKeyEnvelope, encodeKeyEnvelope } from '@medchain/sdk/crypto'
 *
 * const keyEnvelope = await createKeyEnvelope({ ... })
 * const bytes = encodeKeyEnvelope(keyEnvelope) // store by CID, record the CID on chain
 * ```
 */
export function encodeKeyEnvelope(keyEnvelope: KeyEnvelope): Uint8Array {
  if (typeof keyEnvelope !== 'object' || keyEnvelope === null) fail('not an object')
  if (keyEnvelope.version !== 1)
    throw new UnsupportedKeyEnvelopeVersionError({ version: keyEnvelope.version })
  const { recipient } = keyEnvelope
  if (!algorithms.includes(recipient?.algorithm))
    throw new UnsupportedWrapAlgorithmError({ algorithm: String(recipient?.algorithm) })
  checkLength(recipient.publicKey, 32, 32, 'recipient.publicKey')
  let chainId: bigint
  try {
    chainId = normalizeChainId(keyEnvelope.chainId)
  } catch {
    fail('`chainId` must be a positive integer below 2^256')
  }
  if (!Array.isArray(keyEnvelope.scopeKeys) || !Array.isArray(keyEnvelope.recordKeys))
    fail('`scopeKeys` and `recordKeys` must be arrays')
  const scopeKeys = [...keyEnvelope.scopeKeys].sort(compareScopeKeys)
  const recordKeys = [...keyEnvelope.recordKeys].sort(compareRecords)
  const scopeKeysJson = scopeKeys.map((entry, i) => {
    validateScopeEpoch(entry.scope, entry.epoch)
    const previous = scopeKeys[i - 1]
    if (previous && compareScopeKeys(previous, entry) === 0)
      fail(`scope ${entry.scope} epoch ${entry.epoch} appears twice`)
    return {
      scope: entry.scope,
      epoch: entry.epoch,
      wrapped: wrappedToJson(entry.wrapped, recipient.algorithm),
    }
  })
  const recordKeysJson = recordKeys.map((entry, i) => {
    try {
      recordIdBytes(entry.record)
      assertScope(entry.scope)
    } catch {
      fail('a record key has an invalid record id or scope')
    }
    if (recordKeys[i - 1]?.record === entry.record) fail(`record ${entry.record} appears twice`)
    return {
      record: entry.record,
      scope: entry.scope,
      wrapped: wrappedToJson(entry.wrapped, recipient.algorithm),
    }
  })
  const json = {
    type: typeTag,
    version: 1,
    patient: canonicalAddress(keyEnvelope.patient, 'patient'),
    chainId: chainId.toString(),
    contract: canonicalAddress(keyEnvelope.contract, 'contract'),
    grantee: canonicalAddress(keyEnvelope.grantee, 'grantee'),
    recipient: { algorithm: recipient.algorithm, publicKey: toBase64Url(recipient.publicKey) },
    scopeKeys: scopeKeysJson,
    recordKeys: recordKeysJson,
  }
  return utf8(JSON.stringify(json))
}

function validateScopeEpoch(scope: unknown, epoch: unknown): void {
  try {
    assertScope(scope)
    assertEpoch(epoch)
  } catch {
    fail('a scope key has an invalid scope (uint8) or epoch (uint32)')
  }
}

function exactKeys(
  value: unknown,
  keys: readonly string[],
  where: string,
): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    fail(`${where} is not an object`)
  const actual = Object.keys(value)
  if (actual.length !== keys.length || keys.some((k) => !actual.includes(k)))
    fail(`${where} must have exactly the fields ${keys.join(', ')}`)
  return value as Record<string, unknown>
}

function bytesField(value: unknown, field: string): Uint8Array {
  const bytes = typeof value === 'string' ? fromBase64Url(value) : undefined
  if (!bytes) fail(`\`${field}\` is not canonical base64url`)
  return bytes
}

function wrappedFromJson(value: unknown, algorithm: WrapAlgorithm, where: string): WrappedKey {
  if (algorithm === 'hpke-x25519-sha256-aes256gcm') {
    const w = exactKeys(value, ['enc', 'ciphertext'], where)
    return {
      algorithm,
      enc: bytesField(w.enc, 'enc'),
      ciphertext: bytesField(w.ciphertext, 'ciphertext'),
    }
  }
  const w = exactKeys(value, ['ephemPublicKey', 'nonce', 'ciphertext'], where)
  return {
    algorithm,
    ephemPublicKey: bytesField(w.ephemPublicKey, 'ephemPublicKey'),
    nonce: bytesField(w.nonce, 'nonce'),
    ciphertext: bytesField(w.ciphertext, 'ciphertext'),
  }
}

/**
 * Decodes and strictly validates key envelope bytes (canonical encoding only: re-encoding must give
 * the same bytes). Throws `InvalidKeyEnvelopeError` or `UnsupportedKeyEnvelopeVersionError`.
 *
 * @example
 * ```ts
 * import { decodeKeyEnvelope } from '@medchain/sdk/crypto'
 *
 * const keyEnvelope = decodeKeyEnvelope(bytesFetchedByCid)
 * console.log(keyEnvelope.grantee, keyEnvelope.scopeKeys.length)
 * ```
 */
export function decodeKeyEnvelope(bytes: Uint8Array): KeyEnvelope {
  if (!(bytes instanceof Uint8Array)) fail('expected a Uint8Array')
  let parsed: unknown
  try {
    parsed = JSON.parse(fromUtf8(bytes))
  } catch (cause) {
    throw new InvalidKeyEnvelopeError({ reason: 'not UTF-8 JSON', cause })
  }
  if (
    typeof parsed !== 'object' ||
    parsed === null ||
    (parsed as { type?: unknown }).type !== typeTag
  )
    fail(`not a "${typeTag}" document`)
  const { version } = parsed as { version?: unknown }
  if (version !== 1) throw new UnsupportedKeyEnvelopeVersionError({ version })
  const doc = exactKeys(
    parsed,
    [
      'type',
      'version',
      'patient',
      'chainId',
      'contract',
      'grantee',
      'recipient',
      'scopeKeys',
      'recordKeys',
    ],
    'the key envelope',
  )
  const recipientJson = exactKeys(doc.recipient, ['algorithm', 'publicKey'], '`recipient`')
  const algorithm = recipientJson.algorithm as WrapAlgorithm
  if (!algorithms.includes(algorithm))
    throw new UnsupportedWrapAlgorithmError({ algorithm: String(algorithm) })
  if (typeof doc.chainId !== 'string' || !/^[1-9][0-9]*$/.test(doc.chainId))
    fail('`chainId` is not a decimal string')
  if (!Array.isArray(doc.scopeKeys) || !Array.isArray(doc.recordKeys))
    fail('`scopeKeys` and `recordKeys` must be arrays')
  const keyEnvelope: KeyEnvelope = {
    version: 1,
    patient: doc.patient as Address,
    chainId: BigInt(doc.chainId),
    contract: doc.contract as Address,
    grantee: doc.grantee as Address,
    recipient: { algorithm, publicKey: bytesField(recipientJson.publicKey, 'recipient.publicKey') },
    scopeKeys: doc.scopeKeys.map((entry: unknown, i: number) => {
      const e = exactKeys(entry, ['scope', 'epoch', 'wrapped'], `scopeKeys[${i}]`)
      return {
        scope: e.scope as number,
        epoch: e.epoch as number,
        wrapped: wrappedFromJson(e.wrapped, algorithm, `scopeKeys[${i}].wrapped`),
      }
    }),
    recordKeys: doc.recordKeys.map((entry: unknown, i: number) => {
      const e = exactKeys(entry, ['record', 'scope', 'wrapped'], `recordKeys[${i}]`)
      return {
        record: e.record as string,
        scope: e.scope as number,
        wrapped: wrappedFromJson(e.wrapped, algorithm, `recordKeys[${i}].wrapped`),
      }
    }),
  }
  // Full validation (addresses, ranges, lengths, order, duplicates) happens in the encoder; the
  // document is accepted only if it is exactly the canonical encoding of what it decodes to.
  if (!equalBytes(encodeKeyEnvelope(keyEnvelope), bytes)) fail('not the canonical encoding')
  return keyEnvelope
}
