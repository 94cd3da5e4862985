import { hpkeOpen } from '../crypto/hpke/hpke.js'
import { throwIfAborted } from '../crypto/utils/abort.js'
import { assertBytes } from '../crypto/utils/bytes.js'
import { InvalidWrappedKeyError, UnsupportedWrapAlgorithmError } from '../errors/crypto.js'
import type { KeyProviderKind, UnwrapKeyParameters } from './types.js'

/** Unwraps an HPKE-wrapped 32-byte key with a raw X25519 private key. Internal. */
export async function unwrapWithPrivateKey(
  privateKey: Uint8Array,
  { wrapped, info, signal }: UnwrapKeyParameters,
  kind: KeyProviderKind,
): Promise<Uint8Array> {
  throwIfAborted(signal)
  assertBytes(info, 'info')
  if (wrapped?.algorithm !== 'hpke-x25519-sha256-aes256gcm')
    throw new UnsupportedWrapAlgorithmError({
      algorithm: String(wrapped?.algorithm),
      provider: kind,
    })
  if (!(wrapped.enc instanceof Uint8Array) || wrapped.enc.length !== 32)
    throw new InvalidWrappedKeyError({ reason: '`enc` must be 32 bytes' })
  if (!(wrapped.ciphertext instanceof Uint8Array) || wrapped.ciphertext.length !== 48)
    throw new InvalidWrappedKeyError({
      reason: '`ciphertext` must be 48 bytes (a 32-byte key and its tag)',
    })
  return hpkeOpen({ privateKey, enc: wrapped.enc, ciphertext: wrapped.ciphertext, info })
}
