import { expand, extract } from '@noble/hashes/hkdf.js'
import { hmac } from '@noble/hashes/hmac.js'
import { sha256 } from '@noble/hashes/sha2.js'
import { concatBytes, utf8 } from '../utils/bytes.js'
import { envelopeSuite, envelopeVersion, headerAuthenticatedLength } from './format.js'

const labelEncryptionKey = /* @__PURE__ */ utf8('MedChain envelope v1 encryption key')
const labelCommitment = /* @__PURE__ */ utf8('MedChain envelope v1 key commitment')
const labelHeaderKey = /* @__PURE__ */ utf8('MedChain envelope v1 header key')

/** The keys and commitment an envelope derives from its data key and salt. */
export type EnvelopeKeys = {
  encryptionKey: Uint8Array
  commitment: Uint8Array
  headerKey: Uint8Array
}

/**
 * PRK = HKDF-Extract(salt, dataKey); each output = HKDF-Expand(PRK, label || version || suite, 32).
 * Distinct labels keep the commitment independent of the encryption key (AWS ESDK style).
 */
export function deriveEnvelopeKeys(dataKey: Uint8Array, salt: Uint8Array): EnvelopeKeys {
  const prk = extract(sha256, dataKey, salt)
  const suffix = Uint8Array.of(envelopeVersion, envelopeSuite)
  const keys = {
    encryptionKey: expand(sha256, prk, concatBytes(labelEncryptionKey, suffix), 32),
    commitment: expand(sha256, prk, concatBytes(labelCommitment, suffix), 32),
    headerKey: expand(sha256, prk, concatBytes(labelHeaderKey, suffix), 32),
  }
  prk.fill(0)
  return keys
}

/** Header tag = HMAC-SHA256(headerKey, header[0..79) || recordContext). */
export function computeHeaderTag(
  headerKey: Uint8Array,
  header: Uint8Array,
  context: Uint8Array,
): Uint8Array {
  return hmac
    .create(sha256, headerKey)
    .update(header.subarray(0, headerAuthenticatedLength))
    .update(context)
    .digest()
}
