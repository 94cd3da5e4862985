import {
  InvalidEnvelopeHeaderError,
  InvalidSegmentSizeError,
  UnsupportedEnvelopeSuiteError,
  UnsupportedEnvelopeVersionError,
} from '../../errors/crypto.js'
import { assertBytes } from '../utils/bytes.js'

// Envelope format v1 -- see docs/concepts/envelope-format.md for the byte-for-byte specification.
//
//   offset  size  field
//        0     4  magic "MCEN" (4d 43 45 4e)
//        4     1  version = 0x01
//        5     1  suite = 0x01 (AES-256-GCM segments, HKDF-SHA256, HMAC-SHA256 header tag)
//        6     1  log2(segment size), 16..24
//        7     1  flags: bit 0 = padded (Padmé + 8-byte length trailer); bits 1-7 zero
//        8    32  salt (random)
//       40     7  nonce prefix (random)
//       47    32  key commitment
//       79    32  header tag = HMAC-SHA256(headerKey, header[0..79) || recordContext (73 bytes))
//      111        body: segments, each ciphertext || 16-byte tag

/** The four magic bytes every envelope starts with: ASCII "MCEN". */
export const envelopeMagic = /* @__PURE__ */ Uint8Array.of(0x4d, 0x43, 0x45, 0x4e)
/** The envelope format version this SDK writes and reads. */
export const envelopeVersion = 1
/** Suite 0x01: AES-256-GCM segments (STREAM nonces), HKDF-SHA256 key schedule, HMAC-SHA256 header tag. */
export const envelopeSuite = 1
/** Header flag: the plaintext is length-padded (Padmé) with an 8-byte big-endian length trailer. */
export const flagPadded = 0x01

export const saltLength = 32
export const noncePrefixLength = 7
export const commitmentLength = 32
export const headerTagLength = 32
/** Bytes of the header covered by the header tag (everything before the tag). */
export const headerAuthenticatedLength = 79
/** Total header length in bytes. */
export const headerLength = 111

export const minSegmentExponent = 16
export const maxSegmentExponent = 24
/** Default segment size: 1 MiB. */
export const defaultSegmentSize = 1 << 20
/** Maximum number of segments (32-bit counter). */
export const maxSegments = 2 ** 32

/**
 * The decoded, validated fields of a v1 envelope header.
 *
 * @example
 * ```ts
 * import { decodeEnvelopeHeader, type EnvelopeHeader } from '@medchain/sdk/crypto'
 *
 * const header: EnvelopeHeader = decodeEnvelopeHeader(envelope)
 * header.padded // true
 * ```
 */
export type EnvelopeHeader = {
  /** Format version (1). */
  version: number
  /** Algorithm suite (1). */
  suite: number
  /** Plaintext bytes per non-final segment. */
  segmentSize: number
  /** Whether the plaintext is length-padded (Padmé). */
  padded: boolean
  /** 32-byte random salt of the key schedule. */
  salt: Uint8Array
  /** 7-byte random nonce prefix of the segment nonces. */
  noncePrefix: Uint8Array
  /** 32-byte key commitment. */
  commitment: Uint8Array
  /** 32-byte header tag. */
  headerTag: Uint8Array
}

/** Validates a segment size and returns its log2. */
export function segmentExponent(segmentSize: number): number {
  const exponent = Math.log2(segmentSize)
  if (!Number.isInteger(exponent) || exponent < minSegmentExponent || exponent > maxSegmentExponent)
    throw new InvalidSegmentSizeError({ segmentSize })
  return exponent
}

/** Writes the first 79 (authenticated) bytes of a header into a 111-byte buffer. */
export function encodeHeaderPrefix(fields: {
  segmentSize: number
  padded: boolean
  salt: Uint8Array
  noncePrefix: Uint8Array
  commitment: Uint8Array
}): Uint8Array<ArrayBuffer> {
  const header = new Uint8Array(headerLength)
  header.set(envelopeMagic, 0)
  header[4] = envelopeVersion
  header[5] = envelopeSuite
  header[6] = segmentExponent(fields.segmentSize)
  header[7] = fields.padded ? flagPadded : 0
  header.set(fields.salt, 8)
  header.set(fields.noncePrefix, 40)
  header.set(fields.commitment, 47)
  return header
}

/**
 * Decodes and validates the header at the start of an envelope (no key needed). Use it to inspect a
 * record's format version, segment size and padding flag.
 *
 * @example
 * ```ts
 * import { decodeEnvelopeHeader } from '@medchain/sdk/crypto'
 *
 * const header = decodeEnvelopeHeader(envelope)
 * console.log(header.version, header.segmentSize, header.padded)
 * ```
 */
export function decodeEnvelopeHeader(envelope: Uint8Array): EnvelopeHeader {
  assertBytes(envelope, 'envelope')
  if (envelope.length < 5)
    throw new InvalidEnvelopeHeaderError({ reason: `only ${envelope.length} bytes` })
  for (let i = 0; i < 4; i++)
    if (envelope[i] !== envelopeMagic[i])
      throw new InvalidEnvelopeHeaderError({ reason: 'the first 4 bytes are not the magic "MCEN"' })
  const version = envelope[4] as number
  if (version !== envelopeVersion) throw new UnsupportedEnvelopeVersionError({ version })
  if (envelope.length < headerLength)
    throw new InvalidEnvelopeHeaderError({
      reason: `a v1 header is ${headerLength} bytes, only ${envelope.length} present`,
    })
  const suite = envelope[5] as number
  if (suite !== envelopeSuite) throw new UnsupportedEnvelopeSuiteError({ suite })
  const exponent = envelope[6] as number
  if (exponent < minSegmentExponent || exponent > maxSegmentExponent)
    throw new InvalidEnvelopeHeaderError({
      reason: `segment size exponent ${exponent} is outside ${minSegmentExponent}..${maxSegmentExponent}`,
    })
  const flags = envelope[7] as number
  if ((flags & ~flagPadded) !== 0)
    throw new InvalidEnvelopeHeaderError({
      reason: `reserved flag bits are set (0x${flags.toString(16)})`,
    })
  return {
    version,
    suite,
    segmentSize: 2 ** exponent,
    padded: (flags & flagPadded) !== 0,
    salt: envelope.slice(8, 40),
    noncePrefix: envelope.slice(40, 47),
    commitment: envelope.slice(47, 79),
    headerTag: envelope.slice(79, 111),
  }
}

/** Segment nonce (STREAM, big-endian 32-bit counter): prefix (7) || u32be(index) || final (1). */
export function segmentNonce(
  noncePrefix: Uint8Array,
  index: number,
  final: boolean,
): Uint8Array<ArrayBuffer> {
  const nonce = new Uint8Array(12)
  nonce.set(noncePrefix, 0)
  nonce[7] = (index >>> 24) & 0xff
  nonce[8] = (index >>> 16) & 0xff
  nonce[9] = (index >>> 8) & 0xff
  nonce[10] = index & 0xff
  nonce[11] = final ? 1 : 0
  return nonce
}
