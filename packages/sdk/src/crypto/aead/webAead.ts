import { UnsupportedRuntimeError } from '../../errors/crypto.js'
import { toArrayBufferBytes } from '../utils/bytes.js'
import { type AeadKey, tagLength } from './types.js'

/** How many segments run in parallel through WebCrypto. */
const webConcurrency = 4

function subtle(): SubtleCrypto {
  const subtle = globalThis.crypto?.subtle
  if (!subtle) throw new UnsupportedRuntimeError({ feature: 'WebCrypto (crypto.subtle)' })
  return subtle
}

/** AES-256-GCM through WebCrypto; the envelope code runs `webConcurrency` segments in parallel. */
export async function webAeadKey(key: Uint8Array): Promise<AeadKey> {
  const cryptoKey = await subtle().importKey(
    'raw',
    toArrayBufferBytes(key),
    { name: 'AES-GCM' },
    false,
    ['encrypt', 'decrypt'],
  )
  return {
    backend: 'web',
    concurrency: webConcurrency,
    async seal(nonce, aad, plaintext, out, offset) {
      const sealed = await subtle().encrypt(
        {
          name: 'AES-GCM',
          iv: toArrayBufferBytes(nonce),
          additionalData: toArrayBufferBytes(aad),
          tagLength: 128,
        },
        cryptoKey,
        toArrayBufferBytes(plaintext),
      )
      out.set(new Uint8Array(sealed), offset)
    },
    async open(nonce, aad, ciphertext, out, offset) {
      if (ciphertext.length < tagLength) return false
      let opened: ArrayBuffer
      try {
        opened = await subtle().decrypt(
          {
            name: 'AES-GCM',
            iv: toArrayBufferBytes(nonce),
            additionalData: toArrayBufferBytes(aad),
            tagLength: 128,
          },
          cryptoKey,
          toArrayBufferBytes(ciphertext),
        )
      } catch {
        return false
      }
      out.set(new Uint8Array(opened), offset)
      return true
    },
  }
}
