import { sha256 } from '@noble/hashes/sha2.js'
import { equalBytes, fromBase64Url, toBase64Url } from '../crypto/utils/bytes.js'
import { InvalidWrappedKeyError, KeyUnwrapFailedError } from '../errors/crypto.js'

// MetaMask's eth_decrypt returns a UTF-8 string and has no associated data, so the wrapped key and
// a hash of its binding travel together inside the NaCl box:
//   {"medchain":"wrapped-key/v1","key":"<base64url key>","binding":"<base64url SHA-256(info)>"}

const tag = 'wrapped-key/v1'

/** Encodes the plaintext MetaMask encrypts for a wrapped key. */
export function encodeMetaMaskPayload(key: Uint8Array, info: Uint8Array): string {
  return JSON.stringify({
    medchain: tag,
    key: toBase64Url(key),
    binding: toBase64Url(sha256(info)),
  })
}

/** Decodes an `eth_decrypt` result and checks its binding; returns the key. */
export function decodeMetaMaskPayload(payload: string, info: Uint8Array): Uint8Array {
  let parsed: unknown
  try {
    parsed = JSON.parse(payload)
  } catch {
    throw new InvalidWrappedKeyError({ reason: 'the decrypted payload is not JSON' })
  }
  const { medchain, key, binding } = (parsed ?? {}) as Record<string, unknown>
  if (medchain !== tag || typeof key !== 'string' || typeof binding !== 'string')
    throw new InvalidWrappedKeyError({
      reason: `the decrypted payload is not a MedChain ${tag} payload`,
    })
  const keyBytes = fromBase64Url(key)
  const bindingBytes = fromBase64Url(binding)
  if (keyBytes?.length !== 32 || bindingBytes?.length !== 32)
    throw new InvalidWrappedKeyError({
      reason: 'the decrypted payload has a malformed key or binding',
    })
  if (!equalBytes(bindingBytes, sha256(info)))
    throw new KeyUnwrapFailedError({
      reason:
        'the key was wrapped for a different patient, chain, contract, scope, epoch or record',
    })
  return keyBytes
}
