import { expand, extract } from '@noble/hashes/hkdf.js'
import { sha256 } from '@noble/hashes/sha2.js'
import { InvalidPublicKeyError, KeyUnwrapFailedError } from '../../errors/crypto.js'
import { type AeadKey, tagLength } from '../aead/types.js'
import { concatBytes, uintToBytes, utf8 } from '../utils/bytes.js'

// RFC 9180 base mode with DHKEM(X25519, HKDF-SHA256) (0x0020), HKDF-SHA256 (0x0001) and
// AES-256-GCM (0x0002), single-shot (sequence number 0). Only the key schedule lives here; X25519
// and AES-GCM come from node:crypto (nodeHpke.ts), HKDF from @noble/hashes.

export const kemId = 0x0020
export const kdfId = 0x0001
export const aeadId = 0x0002
/** Nsecret, Nenc, Npk, Nsk of DHKEM(X25519, HKDF-SHA256). */
export const x25519Length = 32
/** Nk and Nn of AES-256-GCM. */
export const aeadKeyLength = 32
export const aeadNonceLength = 12
export const modeBase = 0x00

const hpkeV1 = /* @__PURE__ */ utf8('HPKE-v1')
/** suite_id of the KEM: "KEM" || I2OSP(kem_id, 2). */
export const kemSuiteId = /* @__PURE__ */ concatBytes(utf8('KEM'), uintToBytes(kemId, 2))
/** suite_id of HPKE: "HPKE" || I2OSP(kem_id, 2) || I2OSP(kdf_id, 2) || I2OSP(aead_id, 2). */
export const hpkeSuiteId = /* @__PURE__ */ concatBytes(
  utf8('HPKE'),
  uintToBytes(kemId, 2),
  uintToBytes(kdfId, 2),
  uintToBytes(aeadId, 2),
)
const empty = /* @__PURE__ */ new Uint8Array(0)

/** LabeledExtract(salt, label, ikm) = HKDF-Extract(salt, "HPKE-v1" || suite_id || label || ikm). */
export function labeledExtract(
  suiteId: Uint8Array,
  salt: Uint8Array,
  label: string,
  ikm: Uint8Array,
): Uint8Array {
  return extract(sha256, concatBytes(hpkeV1, suiteId, utf8(label), ikm), salt)
}

/** LabeledExpand(prk, label, info, L) = HKDF-Expand(prk, I2OSP(L, 2) || "HPKE-v1" || suite_id || label || info, L). */
export function labeledExpand(
  suiteId: Uint8Array,
  prk: Uint8Array,
  label: string,
  info: Uint8Array,
  length: number,
): Uint8Array {
  return expand(
    sha256,
    prk,
    concatBytes(uintToBytes(length, 2), hpkeV1, suiteId, utf8(label), info),
    length,
  )
}

/** DHKEM ExtractAndExpand(dh, kem_context) → shared_secret. */
export function extractAndExpand(dh: Uint8Array, kemContext: Uint8Array): Uint8Array {
  const eaePrk = labeledExtract(kemSuiteId, empty, 'eae_prk', dh)
  return labeledExpand(kemSuiteId, eaePrk, 'shared_secret', kemContext, x25519Length)
}

/** DeriveKeyPair(ikm) for X25519: returns the private key sk (the public key is X25519(sk, 9)). */
export function deriveX25519PrivateKey(ikm: Uint8Array): Uint8Array {
  const dkpPrk = labeledExtract(kemSuiteId, empty, 'dkp_prk', ikm)
  return labeledExpand(kemSuiteId, dkpPrk, 'sk', empty, x25519Length)
}

/** KeySchedule for mode_base (no PSK): the AEAD key and base nonce. */
export function keyScheduleBase(
  sharedSecret: Uint8Array,
  info: Uint8Array,
): { key: Uint8Array; baseNonce: Uint8Array } {
  const pskIdHash = labeledExtract(hpkeSuiteId, empty, 'psk_id_hash', empty)
  const infoHash = labeledExtract(hpkeSuiteId, empty, 'info_hash', info)
  const context = concatBytes(Uint8Array.of(modeBase), pskIdHash, infoHash)
  const secret = labeledExtract(hpkeSuiteId, sharedSecret, 'secret', empty)
  const key = labeledExpand(hpkeSuiteId, secret, 'key', context, aeadKeyLength)
  const baseNonce = labeledExpand(hpkeSuiteId, secret, 'base_nonce', context, aeadNonceLength)
  secret.fill(0)
  return { key, baseNonce }
}

/** Turns a raw AES-256-GCM key into the backend's {@link AeadKey} (node:crypto or WebCrypto). */
export type AeadKeyFactory = (key: Uint8Array) => AeadKey | Promise<AeadKey>

/**
 * The half of SealBase both backends share once X25519 has run: the all-zero check (`dh` is
 * undefined when the backend refused the key or got an all-zero secret), the KEM's shared secret
 * over `enc || pkR`, the key schedule, one AES-256-GCM seal. Zeroes `dh` and every secret it derives.
 */
export async function sealWithDhSecret(
  dh: Uint8Array | undefined,
  enc: Uint8Array,
  recipientPublicKey: Uint8Array,
  info: Uint8Array,
  aad: Uint8Array,
  plaintext: Uint8Array,
  aeadKey: AeadKeyFactory,
): Promise<Uint8Array> {
  if (!dh)
    throw new InvalidPublicKeyError({
      reason: 'X25519 with this public key gives an all-zero secret',
    })
  const sharedSecret = extractAndExpand(dh, concatBytes(enc, recipientPublicKey))
  dh.fill(0)
  const { key, baseNonce } = keyScheduleBase(sharedSecret, info)
  sharedSecret.fill(0)
  const ciphertext = new Uint8Array(plaintext.length + tagLength)
  await (await aeadKey(key)).seal(baseNonce, aad, plaintext, ciphertext, 0)
  key.fill(0)
  return ciphertext
}

/** OpenBase's shared half (see {@link sealWithDhSecret}); `KeyUnwrapFailedError` when it fails. */
export async function openWithDhSecret(
  dh: Uint8Array | undefined,
  enc: Uint8Array,
  recipientPublicKey: Uint8Array,
  info: Uint8Array,
  aad: Uint8Array,
  ciphertext: Uint8Array,
  aeadKey: AeadKeyFactory,
): Promise<Uint8Array> {
  if (!dh)
    throw new KeyUnwrapFailedError({
      reason: 'the encapsulated key gives no usable X25519 secret (malformed or low-order)',
    })
  if (ciphertext.length < tagLength) {
    dh.fill(0)
    throw new KeyUnwrapFailedError({ reason: 'ciphertext shorter than its tag' })
  }
  const sharedSecret = extractAndExpand(dh, concatBytes(enc, recipientPublicKey))
  dh.fill(0)
  const { key, baseNonce } = keyScheduleBase(sharedSecret, info)
  sharedSecret.fill(0)
  const plaintext = new Uint8Array(ciphertext.length - tagLength)
  const ok = await (await aeadKey(key)).open(baseNonce, aad, ciphertext, plaintext, 0)
  key.fill(0)
  if (!ok)
    throw new KeyUnwrapFailedError({
      reason: 'HPKE open failed: wrong private key, wrong binding (info), or altered ciphertext',
    })
  return plaintext
}
