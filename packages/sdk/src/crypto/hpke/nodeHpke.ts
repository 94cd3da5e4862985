import type * as NodeCrypto from 'node:crypto'
import { InvalidPublicKeyError, KeyUnwrapFailedError } from '../../errors/crypto.js'
import { nodeAeadKey } from '../aead/nodeAead.js'
import { concatBytes, fromBase64Url, toBase64Url } from '../utils/bytes.js'
import { deriveX25519PrivateKey, openWithDhSecret, sealWithDhSecret } from './suite.js'
import type { HpkeOpenParameters, HpkeSealed, HpkeSealParameters } from './types.js'

// RFC 9180 base mode composed from node:crypto primitives (X25519 and AES-256-GCM run in OpenSSL;
// the key schedule is suite.ts). Several times faster than WebCrypto-based @hpke/core in Node; it
// is checked against the RFC 9180 test vector and against @hpke/core in both directions.

const pkcs8X25519Prefix = /* @__PURE__ */ Uint8Array.of(
  0x30,
  0x2e,
  0x02,
  0x01,
  0x00,
  0x30,
  0x05,
  0x06,
  0x03,
  0x2b,
  0x65,
  0x6e,
  0x04,
  0x22,
  0x04,
  0x20,
)

type KeyObject = NodeCrypto.KeyObject

function publicKeyObject(crypto: typeof NodeCrypto, publicKey: Uint8Array): KeyObject {
  return crypto.createPublicKey({
    key: { kty: 'OKP', crv: 'X25519', x: toBase64Url(publicKey) },
    format: 'jwk',
  })
}

function rawPublicKey(key: KeyObject): Uint8Array {
  const { x } = key.export({ format: 'jwk' })
  return fromBase64Url(x as string) as Uint8Array
}

const privateKeyCache = new WeakMap<
  Uint8Array,
  { key: KeyObject; publicKey: Uint8Array; copy: Uint8Array }
>()

/** Imports a raw X25519 private key (cached per Uint8Array; re-imported if its bytes change). */
export function nodePrivateKey(
  crypto: typeof NodeCrypto,
  privateKey: Uint8Array,
): { key: KeyObject; publicKey: Uint8Array } {
  const cached = privateKeyCache.get(privateKey)
  if (cached?.copy.every((b, i) => b === privateKey[i])) return cached
  const der = concatBytes(pkcs8X25519Prefix, privateKey)
  const key = crypto.createPrivateKey({ key: der as Buffer, format: 'der', type: 'pkcs8' })
  der.fill(0)
  const entry = {
    key,
    publicKey: rawPublicKey(crypto.createPublicKey(key)),
    copy: privateKey.slice(),
  }
  privateKeyCache.set(privateKey, entry)
  return entry
}

/** X25519 public key of a raw private key. */
export function nodeX25519PublicKey(crypto: typeof NodeCrypto, privateKey: Uint8Array): Uint8Array {
  return nodePrivateKey(crypto, privateKey).publicKey
}

function dh(
  crypto: typeof NodeCrypto,
  privateKey: KeyObject,
  publicKey: KeyObject,
): Uint8Array | undefined {
  try {
    const shared = crypto.diffieHellman({ privateKey, publicKey })
    // RFC 9180 §7.1.4: abort on an all-zero X25519 output (OpenSSL already refuses it).
    return shared.some((b) => b !== 0) ? shared : undefined
  } catch {
    return undefined
  }
}

/** HPKE base-mode single-shot seal through node:crypto. */
export async function nodeHpkeSeal(
  crypto: typeof NodeCrypto,
  parameters: HpkeSealParameters,
): Promise<HpkeSealed> {
  const { recipientPublicKey, plaintext, info, aad = new Uint8Array(0), ikmE } = parameters
  let pkR: KeyObject
  try {
    pkR = publicKeyObject(crypto, recipientPublicKey)
  } catch (cause) {
    throw new InvalidPublicKeyError({ reason: 'node:crypto rejected the X25519 public key', cause })
  }
  let skE: KeyObject
  let enc: Uint8Array
  if (ikmE) {
    const sk = deriveX25519PrivateKey(ikmE)
    const imported = nodePrivateKey(crypto, sk)
    skE = imported.key
    enc = imported.publicKey
  } else {
    const pair = crypto.generateKeyPairSync('x25519')
    skE = pair.privateKey
    enc = rawPublicKey(pair.publicKey)
  }
  const ciphertext = await sealWithDhSecret(
    dh(crypto, skE, pkR),
    enc,
    recipientPublicKey,
    info,
    aad,
    plaintext,
    (key) => nodeAeadKey(crypto, key),
  )
  return { enc, ciphertext }
}

/** HPKE base-mode single-shot open through node:crypto; throws {@link KeyUnwrapFailedError}. */
export async function nodeHpkeOpen(
  crypto: typeof NodeCrypto,
  parameters: HpkeOpenParameters,
): Promise<Uint8Array> {
  const { privateKey, enc, ciphertext, info, aad = new Uint8Array(0) } = parameters
  const skR = nodePrivateKey(crypto, privateKey)
  let pkE: KeyObject
  try {
    pkE = publicKeyObject(crypto, enc)
  } catch (cause) {
    throw new KeyUnwrapFailedError({
      reason: 'the encapsulated key is not an X25519 public key',
      cause,
    })
  }
  return openWithDhSecret(
    dh(crypto, skR.key, pkE),
    enc,
    skR.publicKey,
    info,
    aad,
    ciphertext,
    (key) => nodeAeadKey(crypto, key),
  )
}
