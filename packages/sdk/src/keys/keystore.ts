import { nodeAeadKey } from '../crypto/aead/nodeAead.js'
import { x25519PublicKey } from '../crypto/hpke/x25519.js'
import {
  assertKey,
  concatBytes,
  equalBytes,
  fromBase64Url,
  toBase64Url,
  uintToBytes,
  utf8,
} from '../crypto/utils/bytes.js'
import { randomBytes } from '../crypto/utils/random.js'
import { loadNodeCrypto, loadNodeFs } from '../crypto/utils/runtime.js'
import {
  InvalidKeystoreError,
  KeystoreDecryptionFailedError,
  KeystoreFileError,
  UnsupportedRuntimeError,
} from '../errors/crypto.js'
import { rawKeyProvider } from './rawKeyProvider.js'
import type { KeyProvider } from './types.js'

// Node only. node:crypto and node:fs are loaded at call time (see crypto/utils/runtime.ts), so
// importing this module in a browser bundle pulls in no Node built-in; calling it there throws
// UnsupportedRuntimeError.

/**
 * scrypt cost parameters of a keystore.
 *
 * @example
 * ```ts
 * import type { KeystoreScryptParameters } from '@medchain/sdk/crypto'
 *
 * const scrypt: KeystoreScryptParameters = { N: 2 ** 17, r: 8, p: 1 } // the default
 * ```
 */
export type KeystoreScryptParameters = {
  /** CPU/memory cost, a power of two (default 2^17 = 131072: ~128 MiB, ~0.3 s). */
  N: number
  /** Block size (default 8). */
  r: number
  /** Parallelism (default 1). */
  p: number
}

const defaultScrypt: KeystoreScryptParameters = { N: 2 ** 17, r: 8, p: 1 }
const typeTag = 'medchain/keystore'
const aadLabel = /* @__PURE__ */ utf8('MedChain keystore v1')

async function nodeCrypto() {
  const crypto = await loadNodeCrypto()
  if (!crypto)
    throw new UnsupportedRuntimeError({ feature: 'node:crypto (keystore files are Node-only)' })
  return crypto
}

function validateScrypt(params: KeystoreScryptParameters): void {
  const { N, r, p } = params
  const okN = Number.isInteger(N) && N >= 2 ** 10 && N <= 2 ** 22 && (N & (N - 1)) === 0
  if (!okN || !Number.isInteger(r) || r < 1 || r > 32 || !Number.isInteger(p) || p < 1 || p > 16)
    throw new InvalidKeystoreError({
      reason: 'scrypt parameters must be N = 2^10..2^22, r = 1..32, p = 1..16',
    })
}

async function deriveKey(
  password: string,
  salt: Uint8Array,
  params: KeystoreScryptParameters,
): Promise<Uint8Array> {
  if (typeof password !== 'string' || password.length === 0)
    throw new InvalidKeystoreError({ reason: 'the password must be a non-empty string' })
  const crypto = await nodeCrypto()
  const { N, r, p } = params
  return new Promise((resolve, reject) =>
    crypto.scrypt(
      utf8(password.normalize('NFKC')),
      salt,
      32,
      { N, r, p, maxmem: 256 * N * r + 16 * 1024 * 1024 },
      (error, key) =>
        error
          ? reject(new InvalidKeystoreError({ reason: 'scrypt failed', cause: error }))
          : resolve(key),
    ),
  )
}

function aad(
  publicKey: Uint8Array,
  params: KeystoreScryptParameters,
  salt: Uint8Array,
): Uint8Array {
  return concatBytes(
    aadLabel,
    publicKey,
    uintToBytes(params.N, 4),
    uintToBytes(params.r, 4),
    uintToBytes(params.p, 4),
    salt,
  )
}

/**
 * Parameters of {@link encryptKeystore}.
 *
 * @example
 * ```ts
 * import type { EncryptKeystoreParameters } from '@medchain/sdk/crypto'
 *
 * const parameters: EncryptKeystoreParameters = { privateKey, password, scrypt: { N: 2 ** 18, r: 8, p: 1 } }
 * ```
 */
export type EncryptKeystoreParameters = {
  /** The 32-byte X25519 private key. */
  privateKey: Uint8Array
  /** The password (normalised to NFKC). */
  password: string
  /** scrypt cost; the default suits interactive use on a server. */
  scrypt?: KeystoreScryptParameters | undefined
}

/**
 * Encrypts an X25519 private key into a keystore JSON string (scrypt + AES-256-GCM). Node only.
 *
 * @example
 * ```ts
 * import { encryptKeystore, generateEncryptionKeyPair } from '@medchain/sdk/crypto'
 *
 * const { privateKey } = generateEncryptionKeyPair()
 * const json = await encryptKeystore({ privateKey, password: process.env.KEYSTORE_PASSWORD! })
 * ```
 */
export async function encryptKeystore({
  privateKey,
  password,
  scrypt = defaultScrypt,
}: EncryptKeystoreParameters): Promise<string> {
  assertKey(privateKey, 'privateKey')
  validateScrypt(scrypt)
  const crypto = await nodeCrypto()
  const salt = randomBytes(32)
  const nonce = randomBytes(12)
  const publicKey = x25519PublicKey(privateKey)
  const key = await deriveKey(password, salt, scrypt)
  const ciphertext = new Uint8Array(48)
  await nodeAeadKey(crypto, key).seal(
    nonce,
    aad(publicKey, scrypt, salt),
    privateKey,
    ciphertext,
    0,
  )
  key.fill(0)
  return `${JSON.stringify(
    {
      type: typeTag,
      version: 1,
      publicKey: toBase64Url(publicKey),
      kdf: { name: 'scrypt', N: scrypt.N, r: scrypt.r, p: scrypt.p, salt: toBase64Url(salt) },
      cipher: { name: 'aes-256-gcm', nonce: toBase64Url(nonce) },
      ciphertext: toBase64Url(ciphertext),
    },
    null,
    2,
  )}\n`
}

/**
 * Parameters of {@link decryptKeystore}.
 *
 * @example
 * ```ts
 * import type { DecryptKeystoreParameters } from '@medchain/sdk/crypto'
 *
 * const parameters: DecryptKeystoreParameters = { keystore: json, password }
 * ```
 */
export type DecryptKeystoreParameters = {
  /** The keystore JSON string. */
  keystore: string
  /** The password. */
  password: string
}

/**
 * Decrypts a keystore JSON string and returns the 32-byte X25519 private key. Throws
 * `KeystoreDecryptionFailedError` for a wrong password, `InvalidKeystoreError` for a malformed file.
 * Node only.
 *
 * @example
 * ```ts
 * import { decryptKeystore, rawKeyProvider } from '@medchain/sdk/crypto'
 *
 * const privateKey = await decryptKeystore({ keystore: json, password })
 * const provider = rawKeyProvider({ privateKey })
 * ```
 */
export async function decryptKeystore({
  keystore,
  password,
}: DecryptKeystoreParameters): Promise<Uint8Array> {
  type KeystoreJson = {
    type?: unknown
    version?: unknown
    publicKey?: unknown
    kdf?: { name?: unknown; N?: unknown; r?: unknown; p?: unknown; salt?: unknown }
    cipher?: { name?: unknown; nonce?: unknown }
    ciphertext?: unknown
  }
  let doc: KeystoreJson
  try {
    doc = JSON.parse(keystore) ?? {}
  } catch (cause) {
    throw new InvalidKeystoreError({ reason: 'not JSON', cause })
  }
  if (doc?.type !== typeTag || doc.version !== 1)
    throw new InvalidKeystoreError({ reason: `not a ${typeTag} v1 file` })
  if (doc.kdf?.name !== 'scrypt' || doc.cipher?.name !== 'aes-256-gcm')
    throw new InvalidKeystoreError({ reason: 'unsupported kdf or cipher' })
  const scrypt = { N: doc.kdf.N, r: doc.kdf.r, p: doc.kdf.p } as KeystoreScryptParameters
  validateScrypt(scrypt)
  const salt = fromBase64Url(String(doc.kdf.salt))
  const nonce = fromBase64Url(String(doc.cipher.nonce))
  const ciphertext = fromBase64Url(String(doc.ciphertext))
  const publicKey = fromBase64Url(String(doc.publicKey))
  if (
    salt?.length !== 32 ||
    nonce?.length !== 12 ||
    ciphertext?.length !== 48 ||
    publicKey?.length !== 32
  )
    throw new InvalidKeystoreError({
      reason: 'salt, nonce, ciphertext or publicKey has the wrong length',
    })
  const crypto = await nodeCrypto()
  const key = await deriveKey(password, salt, scrypt)
  const privateKey = new Uint8Array(32)
  const ok = await nodeAeadKey(crypto, key).open(
    nonce,
    aad(publicKey, scrypt, salt),
    ciphertext,
    privateKey,
    0,
  )
  key.fill(0)
  if (!ok) throw new KeystoreDecryptionFailedError()
  if (!equalBytes(x25519PublicKey(privateKey), publicKey))
    throw new InvalidKeystoreError({
      reason: 'the private key does not match the stored public key',
    })
  return privateKey
}

/**
 * Parameters of {@link saveKeystore}.
 *
 * @example
 * ```ts
 * import type { SaveKeystoreParameters } from '@medchain/sdk/crypto'
 *
 * const parameters: SaveKeystoreParameters = { path: './medchain-key.json', privateKey, password }
 * ```
 */
export type SaveKeystoreParameters = EncryptKeystoreParameters & {
  /** File path. */
  path: string
  /** Replace an existing file. Default: false (fail if it exists). */
  overwrite?: boolean | undefined
}

/**
 * Writes an encrypted keystore file (mode 0600). Node only.
 *
 * @example
 * ```ts
 * import { generateEncryptionKeyPair, saveKeystore } from '@medchain/sdk/crypto'
 *
 * const { privateKey } = generateEncryptionKeyPair()
 * await saveKeystore({ path: './medchain-key.json', privateKey, password })
 * ```
 */
export async function saveKeystore({
  path,
  overwrite = false,
  ...parameters
}: SaveKeystoreParameters): Promise<void> {
  const fs = await loadNodeFs()
  if (!fs) throw new UnsupportedRuntimeError({ feature: 'node:fs (keystore files are Node-only)' })
  const json = await encryptKeystore(parameters)
  try {
    await fs.writeFile(path, json, { mode: 0o600, flag: overwrite ? 'w' : 'wx' })
  } catch (cause) {
    throw new KeystoreFileError({ path, operation: 'write', cause })
  }
}

/**
 * Parameters of {@link loadKeystore}.
 *
 * @example
 * ```ts
 * import type { LoadKeystoreParameters } from '@medchain/sdk/crypto'
 *
 * const parameters: LoadKeystoreParameters = { path: './medchain-key.json', password }
 * ```
 */
export type LoadKeystoreParameters = {
  /** File path. */
  path: string
  /** The password. */
  password: string
}

/**
 * Reads and decrypts a keystore file and returns a raw key provider over it. Node only.
 *
 * @example
 * ```ts
 * import { loadKeystore } from '@medchain/sdk/crypto'
 *
 * const keyProvider = await loadKeystore({ path: './medchain-key.json', password })
 * ```
 */
export async function loadKeystore({
  path,
  password,
}: LoadKeystoreParameters): Promise<KeyProvider> {
  const fs = await loadNodeFs()
  if (!fs) throw new UnsupportedRuntimeError({ feature: 'node:fs (keystore files are Node-only)' })
  let keystore: string
  try {
    keystore = await fs.readFile(path, 'utf8')
  } catch (cause) {
    throw new KeystoreFileError({ path, operation: 'read', cause })
  }
  const privateKey = await decryptKeystore({ keystore, password })
  const provider = rawKeyProvider({ privateKey })
  privateKey.fill(0)
  return provider
}
