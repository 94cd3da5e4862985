import { Aes256Gcm, CipherSuite, DhkemX25519HkdfSha256, HkdfSha256 } from '@hpke/core'
import { x25519 } from '@noble/curves/ed25519.js'
import { afterEach, describe, expect, test } from 'vitest'
import { InvalidPublicKeyError, KeyUnwrapFailedError } from '../../errors/crypto.js'
import { fromHex, toHex, utf8 } from '../utils/bytes.js'
import { loadNodeCrypto, setForceWebBackend } from '../utils/runtime.js'
import { hpkeOpen, hpkeSeal } from './hpke.js'
import { nodeHpkeOpen, nodeHpkeSeal } from './nodeHpke.js'
import {
  deriveX25519PrivateKey,
  extractAndExpand,
  hpkeSuiteId,
  kemSuiteId,
  keyScheduleBase,
} from './suite.js'
import { webHpkeOpen, webHpkeSeal } from './webHpke.js'
import { generateEncryptionKeyPair, x25519PublicKey } from './x25519.js'

const hex = (value: string) => fromHex(value) as Uint8Array

// RFC 9180 test vector (CFRG test-vectors.json): mode 0 (base), kem_id 0x0020 DHKEM(X25519,
// HKDF-SHA256), kdf_id 0x0001 HKDF-SHA256, aead_id 0x0002 AES-256-GCM; encryption sequence 0.
const rfc = {
  info: '4f6465206f6e2061204772656369616e2055726e',
  ikmE: '2cd7c601cefb3d42a62b04b7a9041494c06c7843818e0ce28a8f704ae7ab20f9',
  pkEm: '6c93e09869df3402d7bf231bf540fadd35cd56be14f97178f0954db94b7fc256',
  skEm: '179d4b53b6365c45b600c4163b61d95cbc2f4d9e36f1695558dce265ab8bab11',
  ikmR: 'dac33b0e9db1b59dbbea58d59a14e7b5896e9bdf98fad6891e99d1686492b9ee',
  pkRm: '430f4b9859665145a6b1ba274024487bd66f03a2dd577d7753c68d7d7d00c00c',
  skRm: '497b4502664cfea5d5af0b39934dac72242a74f8480451e1aee7d6a53320333d',
  enc: '6c93e09869df3402d7bf231bf540fadd35cd56be14f97178f0954db94b7fc256',
  sharedSecret: '3101c54c3a4f87439eaac080699ed9bbcc726ffe44e860c0424ccb7e3e2ead7b',
  key: 'f50b0609186798729ed0564b36ef2ef8044f1f9d05636874d1f46c819c7a669f',
  baseNonce: '151d9929e2449747889bc923',
  aad: '436f756e742d30',
  pt: '4265617574792069732074727574682c20747275746820626561757479',
  ct: 'e5d84cd531cfb583096e7cfa9641bd3079cf3a91cda813c52deb5f512be9931980a41de125a925cdad859d5b7a',
}

afterEach(() => setForceWebBackend(false))

describe('RFC 9180 key schedule (mode 0, 0x0020/0x0001/0x0002)', () => {
  test('suite ids', () => {
    expect(toHex(kemSuiteId)).toBe('4b454d0020')
    expect(toHex(hpkeSuiteId)).toBe('48504b45002000010002')
  })

  test('DeriveKeyPair(ikmE) and DeriveKeyPair(ikmR)', () => {
    expect(toHex(deriveX25519PrivateKey(hex(rfc.ikmE)))).toBe(rfc.skEm)
    expect(toHex(deriveX25519PrivateKey(hex(rfc.ikmR)))).toBe(rfc.skRm)
    expect(toHex(x25519PublicKey(hex(rfc.skEm)))).toBe(rfc.pkEm)
    expect(toHex(x25519PublicKey(hex(rfc.skRm)))).toBe(rfc.pkRm)
  })

  test('shared_secret, key and base_nonce', () => {
    const dh = x25519.getSharedSecret(hex(rfc.skEm), hex(rfc.pkRm))
    const sharedSecret = extractAndExpand(dh, hex(rfc.enc + rfc.pkRm))
    expect(toHex(sharedSecret)).toBe(rfc.sharedSecret)
    const { key, baseNonce } = keyScheduleBase(sharedSecret, hex(rfc.info))
    expect(toHex(key)).toBe(rfc.key)
    expect(toHex(baseNonce)).toBe(rfc.baseNonce)
  })
})

describe.each(['node', 'web'] as const)('%s backend', (backend) => {
  const seal = async (p: Parameters<typeof hpkeSeal>[0]) => {
    setForceWebBackend(backend === 'web')
    return hpkeSeal(p)
  }
  const open = async (p: Parameters<typeof hpkeOpen>[0]) => {
    setForceWebBackend(backend === 'web')
    return hpkeOpen(p)
  }

  test('seal reproduces the RFC 9180 vector (enc and ciphertext)', async () => {
    const sealed = await seal({
      recipientPublicKey: hex(rfc.pkRm),
      plaintext: hex(rfc.pt),
      info: hex(rfc.info),
      aad: hex(rfc.aad),
      ikmE: hex(rfc.ikmE),
    })
    expect(toHex(sealed.enc)).toBe(rfc.enc)
    expect(toHex(sealed.ciphertext)).toBe(rfc.ct)
  })

  test('open decrypts the RFC 9180 vector', async () => {
    const pt = await open({
      privateKey: hex(rfc.skRm),
      enc: hex(rfc.enc),
      ciphertext: hex(rfc.ct),
      info: hex(rfc.info),
      aad: hex(rfc.aad),
    })
    expect(toHex(pt)).toBe(rfc.pt)
  })

  test('wrong info, aad, key or a flipped bit fail with KeyUnwrapFailedError', async () => {
    const base = {
      privateKey: hex(rfc.skRm),
      enc: hex(rfc.enc),
      ciphertext: hex(rfc.ct),
      info: hex(rfc.info),
      aad: hex(rfc.aad),
    }
    await expect(open({ ...base, info: utf8('other') })).rejects.toBeInstanceOf(
      KeyUnwrapFailedError,
    )
    await expect(open({ ...base, aad: utf8('Count-1') })).rejects.toBeInstanceOf(
      KeyUnwrapFailedError,
    )
    await expect(
      open({ ...base, privateKey: generateEncryptionKeyPair().privateKey }),
    ).rejects.toBeInstanceOf(KeyUnwrapFailedError)
    const flipped = hex(rfc.ct)
    flipped[3] = (flipped[3] as number) ^ 1
    await expect(open({ ...base, ciphertext: flipped })).rejects.toBeInstanceOf(
      KeyUnwrapFailedError,
    )
  })

  test('low-order and malformed public keys are refused', async () => {
    const p = { plaintext: new Uint8Array(32), info: new Uint8Array(0) }
    await expect(seal({ ...p, recipientPublicKey: new Uint8Array(32) })).rejects.toBeInstanceOf(
      InvalidPublicKeyError,
    )
    await expect(seal({ ...p, recipientPublicKey: new Uint8Array(31) })).rejects.toBeInstanceOf(
      InvalidPublicKeyError,
    )
  })
})

describe('interop with @hpke/core', () => {
  const suite = new CipherSuite({
    kem: new DhkemX25519HkdfSha256(),
    kdf: new HkdfSha256(),
    aead: new Aes256Gcm(),
  })
  const info = utf8('MedChain interop')
  const aad = utf8('aad')
  const key = new Uint8Array(32).fill(7)

  test('node:crypto composition → @hpke/core', async () => {
    const crypto = (await loadNodeCrypto())!
    const { privateKey, publicKey } = generateEncryptionKeyPair()
    const sealed = await nodeHpkeSeal(crypto, {
      recipientPublicKey: publicKey,
      plaintext: key,
      info,
      aad,
    })
    const skR = await suite.kem.deserializePrivateKey(privateKey)
    const opened = await suite.open(
      { recipientKey: skR, enc: sealed.enc, info },
      sealed.ciphertext,
      aad,
    )
    expect(new Uint8Array(opened)).toEqual(key)
  })

  test('@hpke/core → node:crypto composition', async () => {
    const crypto = (await loadNodeCrypto())!
    const { privateKey, publicKey } = generateEncryptionKeyPair()
    const pkR = await suite.kem.deserializePublicKey(publicKey)
    const sealed = await suite.seal({ recipientPublicKey: pkR, info }, key, aad)
    const opened = await nodeHpkeOpen(crypto, {
      privateKey,
      enc: new Uint8Array(sealed.enc),
      ciphertext: new Uint8Array(sealed.ct),
      info,
      aad,
    })
    expect(opened).toEqual(key)
  })

  test('node and web backends open each other', async () => {
    const crypto = (await loadNodeCrypto())!
    const { privateKey, publicKey } = generateEncryptionKeyPair()
    const a = await webHpkeSeal({ recipientPublicKey: publicKey, plaintext: key, info })
    expect(await nodeHpkeOpen(crypto, { privateKey, ...a, info })).toEqual(key)
    const b = await nodeHpkeSeal(crypto, { recipientPublicKey: publicKey, plaintext: key, info })
    expect(await webHpkeOpen({ privateKey, ...b, info })).toEqual(key)
  })
})
