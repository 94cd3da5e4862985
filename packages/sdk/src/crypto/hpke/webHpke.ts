import { Aes256Gcm, CipherSuite, DhkemX25519HkdfSha256, HkdfSha256 } from '@hpke/core'
import { InvalidPublicKeyError, KeyUnwrapFailedError } from '../../errors/crypto.js'
import { toArrayBufferBytes } from '../utils/bytes.js'
import type { HpkeOpenParameters, HpkeSealed, HpkeSealParameters } from './types.js'

// Browsers: RFC 9180 through @hpke/core (WebCrypto X25519, HKDF and AES-GCM).

let suite: CipherSuite | undefined
function getSuite(): CipherSuite {
  suite ??= new CipherSuite({
    kem: new DhkemX25519HkdfSha256(),
    kdf: new HkdfSha256(),
    aead: new Aes256Gcm(),
  })
  return suite
}

/** HPKE base-mode single-shot seal through @hpke/core. */
export async function webHpkeSeal(parameters: HpkeSealParameters): Promise<HpkeSealed> {
  const { recipientPublicKey, plaintext, info, aad, ikmE } = parameters
  const s = getSuite()
  let pkR: CryptoKey
  try {
    pkR = await s.kem.deserializePublicKey(toArrayBufferBytes(recipientPublicKey))
  } catch (cause) {
    throw new InvalidPublicKeyError({ reason: 'WebCrypto rejected the X25519 public key', cause })
  }
  try {
    const sealed = await s.seal(
      {
        recipientPublicKey: pkR,
        info: toArrayBufferBytes(info),
        ...(ikmE ? { ekm: toArrayBufferBytes(ikmE) } : {}),
      },
      toArrayBufferBytes(plaintext),
      aad ? toArrayBufferBytes(aad) : undefined,
    )
    return { enc: new Uint8Array(sealed.enc), ciphertext: new Uint8Array(sealed.ct) }
  } catch (cause) {
    throw new InvalidPublicKeyError({
      reason: 'HPKE encapsulation failed (low-order public key?)',
      cause,
    })
  }
}

/** HPKE base-mode single-shot open through @hpke/core; throws {@link KeyUnwrapFailedError}. */
export async function webHpkeOpen(parameters: HpkeOpenParameters): Promise<Uint8Array> {
  const { privateKey, enc, ciphertext, info, aad } = parameters
  const s = getSuite()
  try {
    const skR = await s.kem.deserializePrivateKey(toArrayBufferBytes(privateKey))
    const opened = await s.open(
      { recipientKey: skR, enc: toArrayBufferBytes(enc), info: toArrayBufferBytes(info) },
      toArrayBufferBytes(ciphertext),
      aad ? toArrayBufferBytes(aad) : undefined,
    )
    return new Uint8Array(opened)
  } catch (cause) {
    throw new KeyUnwrapFailedError({
      reason: 'HPKE open failed: wrong private key, wrong binding (info), or altered ciphertext',
      cause,
    })
  }
}
