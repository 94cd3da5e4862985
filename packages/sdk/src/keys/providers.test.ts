import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  decrypt as ethSigDecrypt,
  encrypt as ethSigEncrypt,
  getEncryptionPublicKey as ethSigGetEncryptionPublicKey,
} from '@metamask/eth-sig-util/encryption'
import { createWalletClient, http } from 'viem'
import { privateKeyToAccount } from 'viem/accounts'
import { afterAll, describe, expect, test } from 'vitest'
import { generateEncryptionKeyPair } from '../crypto/hpke/x25519.js'
import { context } from '../crypto/testing/fixtures.js'
import { fromBase64, fromHex, fromUtf8, toBase64, toHex } from '../crypto/utils/bytes.js'
import { setForceWebBackend } from '../crypto/utils/runtime.js'
import {
  CryptoAbortedError,
  InvalidKeystoreError,
  InvalidWalletSignatureError,
  KeyProviderRequestError,
  KeystoreDecryptionFailedError,
  KeystoreFileError,
  KeyUnwrapFailedError,
  NonDeterministicWalletError,
  UnsupportedWrapAlgorithmError,
} from '../errors/crypto.js'
import { scopeKeyBinding } from './bindings.js'
import { createKeyEnvelope } from './createKeyEnvelope.js'
import { generateScopeKey } from './generateScopeKey.js'
import { decryptKeystore, encryptKeystore, loadKeystore, saveKeystore } from './keystore.js'
import type { Eip1193Requester } from './metamaskLegacyKeyProvider.js'
import { metamaskLegacyKeyProvider } from './metamaskLegacyKeyProvider.js'
import { encodeMetaMaskPayload } from './metamaskPayload.js'
import { openKeyEnvelope } from './openKeyEnvelope.js'
import { rawKeyProvider } from './rawKeyProvider.js'
import type { TypedDataSigner } from './walletSignatureKeyProvider.js'
import { walletSignatureKeyProvider } from './walletSignatureKeyProvider.js'
import { wrapKey } from './wrapKey.js'

const { patient, chainId, contract } = context
// Anvil's default account #3 (public test key).
const testPrivateKey = '0x7c852118294e51e653712a81e05800f419141751be58f605c371e15141b007a6' as const

describe('walletSignatureKeyProvider', () => {
  const account = privateKeyToAccount(testPrivateKey)

  test('derives the same key every time from a deterministic (RFC 6979) wallet', async () => {
    let prompts = 0
    const signer: TypedDataSigner = {
      signTypedData: (p) => {
        prompts++
        return account.signTypedData(p)
      },
    }
    const a = walletSignatureKeyProvider({ signer, address: account.address })
    const b = walletSignatureKeyProvider({ signer: account, address: account.address })
    const publicKey = await a.getEncryptionPublicKey()
    expect(publicKey).toHaveLength(32)
    expect(await b.getEncryptionPublicKey()).toEqual(publicKey)
    expect(prompts).toBe(2) // signed twice, then cached
    await a.getEncryptionPublicKey()
    expect(prompts).toBe(2)
    const scopeKey = generateScopeKey()
    const info = scopeKeyBinding({ context, epoch: 0, grantee: account.address })
    const wrapped = await wrapKey({ key: scopeKey, recipient: { publicKey }, info })
    expect(await b.unwrapKey({ wrapped, info })).toEqual(scopeKey)
    expect(a.kind).toBe('wallet-signature')
  })

  test('works with a viem WalletClient', async () => {
    const client = createWalletClient({ account, transport: http('http://127.0.0.1:1') })
    const provider = walletSignatureKeyProvider({ signer: client, address: account.address })
    expect(await provider.getEncryptionPublicKey()).toEqual(
      await walletSignatureKeyProvider({
        signer: account,
        address: account.address,
      }).getEncryptionPublicKey(),
    )
  })

  test('refuses a wallet whose two signatures differ', async () => {
    // A fault a real RFC 6979 signer cannot produce, so a small fake: every second call returns the
    // other valid form of the same signature (s' = n - s, v flipped), which recovers to the same
    // address but would derive a different key.
    const n = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n
    let calls = 0
    const signer: TypedDataSigner = {
      async signTypedData(p) {
        const signature = await account.signTypedData(p)
        if (calls++ % 2 === 0) return signature
        const s = BigInt(`0x${signature.slice(66, 130)}`)
        const v = Number.parseInt(signature.slice(130), 16)
        return `${signature.slice(0, 66)}${(n - s).toString(16).padStart(64, '0')}${(v === 27 ? 28 : 27).toString(16)}` as `0x${string}`
      },
    }
    const provider = walletSignatureKeyProvider({ signer, address: account.address })
    await expect(provider.getEncryptionPublicKey()).rejects.toBeInstanceOf(
      NonDeterministicWalletError,
    )
    expect(calls).toBe(2)
  })

  test('refuses a signature from another account, a malformed one, or a failing wallet', async () => {
    const other = privateKeyToAccount(
      '0x47e179ec197488593b187f80a00eb0da91f1b9d0b13f8733639f19c30a34926a',
    )
    await expect(
      walletSignatureKeyProvider({
        signer: other,
        address: account.address,
      }).getEncryptionPublicKey(),
    ).rejects.toBeInstanceOf(InvalidWalletSignatureError)
    await expect(
      walletSignatureKeyProvider({
        signer: { signTypedData: async () => '0x1234' },
        address: account.address,
      }).getEncryptionPublicKey(),
    ).rejects.toBeInstanceOf(InvalidWalletSignatureError)
    const rejected = walletSignatureKeyProvider({
      signer: {
        signTypedData: async () => {
          throw Object.assign(new Error('User rejected the request.'), { code: 4001 })
        },
      },
      address: account.address,
    })
    const error = await rejected.getEncryptionPublicKey().catch((e) => e)
    expect(error).toBeInstanceOf(KeyProviderRequestError)
    expect(error.cause.code).toBe(4001)
  })
})

/** A stand-in for MetaMask: eth_getEncryptionPublicKey and eth_decrypt done by @metamask/eth-sig-util. */
function fakeMetaMask(privateKeyHex: string, options: { reject?: boolean } = {}) {
  const calls: string[] = []
  const provider: Eip1193Requester = {
    async request({ method, params }) {
      calls.push(method)
      if (options.reject)
        throw Object.assign(new Error('MetaMask Decryption: User denied message decryption.'), {
          code: 4001,
        })
      const args = params as string[]
      if (method === 'eth_getEncryptionPublicKey')
        return ethSigGetEncryptionPublicKey(privateKeyHex)
      if (method === 'eth_decrypt') {
        const encryptedData = JSON.parse(fromUtf8(fromHex(args[0]!)!))
        return ethSigDecrypt({ encryptedData, privateKey: privateKeyHex })
      }
      throw new Error(`unexpected ${method}`)
    },
  }
  return { provider, calls }
}

describe('metamaskLegacyKeyProvider (x25519-xsalsa20-poly1305 via @metamask/eth-sig-util)', () => {
  const mmPrivateKey = toHex(generateScopeKey())
  const address = '0x15d34AAf54267DB7D7c367839AAf71A00a2C6A65' as const
  const info = scopeKeyBinding({ context, epoch: 2, grantee: address })

  test('a ciphertext from eth-sig-util `encrypt` opens through the provider', async () => {
    const { provider, calls } = fakeMetaMask(mmPrivateKey)
    const mm = metamaskLegacyKeyProvider({ provider, address })
    const publicKey = await mm.getEncryptionPublicKey()
    expect(toBase64(publicKey)).toBe(ethSigGetEncryptionPublicKey(mmPrivateKey))
    const key = generateScopeKey()
    const sealed = ethSigEncrypt({
      publicKey: ethSigGetEncryptionPublicKey(mmPrivateKey),
      data: encodeMetaMaskPayload(key, info),
      version: 'x25519-xsalsa20-poly1305',
    })
    const wrapped = {
      algorithm: 'x25519-xsalsa20-poly1305' as const,
      ephemPublicKey: fromBase64(sealed.ephemPublicKey)!,
      nonce: fromBase64(sealed.nonce)!,
      ciphertext: fromBase64(sealed.ciphertext)!,
    }
    expect(await mm.unwrapKey({ wrapped, info })).toEqual(key)
    expect(calls).toEqual(['eth_getEncryptionPublicKey', 'eth_decrypt'])
  })

  test.each(['node (eth-sig-util encrypt)', 'browser (@noble NaCl box)'])(
    'the reverse, %s: our wrap opens with eth-sig-util `decrypt` (what MetaMask runs)',
    async (backend) => {
      setForceWebBackend(backend.startsWith('browser'))
      try {
        const publicKey = fromBase64(ethSigGetEncryptionPublicKey(mmPrivateKey))!
        for (let i = 0; i < 5; i++) {
          const key = generateScopeKey()
          const wrapped = await wrapKey({
            key,
            recipient: { publicKey, algorithm: 'x25519-xsalsa20-poly1305' },
            info,
          })
          if (wrapped.algorithm !== 'x25519-xsalsa20-poly1305')
            throw new Error('unexpected algorithm')
          const plaintext = ethSigDecrypt({
            encryptedData: {
              version: 'x25519-xsalsa20-poly1305',
              nonce: toBase64(wrapped.nonce),
              ephemPublicKey: toBase64(wrapped.ephemPublicKey),
              ciphertext: toBase64(wrapped.ciphertext),
            },
            privateKey: mmPrivateKey,
          })
          expect(plaintext).toBe(encodeMetaMaskPayload(key, info))
          const { provider } = fakeMetaMask(mmPrivateKey)
          expect(
            await metamaskLegacyKeyProvider({ provider, address }).unwrapKey({ wrapped, info }),
          ).toEqual(key)
        }
      } finally {
        setForceWebBackend(false)
      }
    },
  )

  test('a grant to a MetaMask account opens end to end, one eth_decrypt per key', async () => {
    const { provider, calls } = fakeMetaMask(mmPrivateKey)
    const mm = metamaskLegacyKeyProvider({ provider, address })
    const labs = generateScopeKey()
    const keyEnvelope = await createKeyEnvelope({
      patient,
      chainId,
      contract,
      grantee: address,
      recipient: { publicKey: await mm.getEncryptionPublicKey(), algorithm: mm.algorithm },
      scopeKeys: [{ scope: 1, epoch: 0, key: labs }],
    })
    const opened = await openKeyEnvelope({ keyEnvelope, keyProvider: mm })
    expect(opened.scopeKeys[0]!.key).toEqual(labs)
    expect(calls.filter((c) => c === 'eth_decrypt')).toHaveLength(1)
    // The same grant cannot be opened by an HPKE provider.
    await expect(
      openKeyEnvelope({ keyEnvelope, keyProvider: rawKeyProvider(generateEncryptionKeyPair()) }),
    ).rejects.toBeInstanceOf(UnsupportedWrapAlgorithmError)
  })

  test('binding mismatch, wrong algorithm, user rejection, abort', async () => {
    const { provider } = fakeMetaMask(mmPrivateKey)
    const mm = metamaskLegacyKeyProvider({ provider, address })
    const publicKey = await mm.getEncryptionPublicKey()
    const key = generateScopeKey()
    const wrapped = await wrapKey({
      key,
      recipient: { publicKey, algorithm: 'x25519-xsalsa20-poly1305' },
      info,
    })
    const otherInfo = scopeKeyBinding({ context, epoch: 3, grantee: address })
    await expect(mm.unwrapKey({ wrapped, info: otherInfo })).rejects.toBeInstanceOf(
      KeyUnwrapFailedError,
    )
    const hpke = await wrapKey({ key, recipient: { publicKey }, info })
    await expect(mm.unwrapKey({ wrapped: hpke, info })).rejects.toBeInstanceOf(
      UnsupportedWrapAlgorithmError,
    )
    const denied = metamaskLegacyKeyProvider({
      provider: fakeMetaMask(mmPrivateKey, { reject: true }).provider,
      address,
    })
    await expect(denied.unwrapKey({ wrapped, info })).rejects.toBeInstanceOf(
      KeyProviderRequestError,
    )
    const controller = new AbortController()
    const hanging = metamaskLegacyKeyProvider({
      provider: { request: () => new Promise(() => {}) },
      address,
    })
    const pending = hanging.unwrapKey({ wrapped, info, signal: controller.signal })
    controller.abort()
    await expect(pending).rejects.toBeInstanceOf(CryptoAbortedError)
  })
})

describe('keystore (Node)', () => {
  const scrypt = { N: 2 ** 10, r: 8, p: 1 } // fast for tests; the default is 2^17
  let dir: string | undefined
  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true })
  })

  test('encrypt and decrypt', async () => {
    const { privateKey } = generateEncryptionKeyPair()
    const json = await encryptKeystore({ privateKey, password: 'correct horse', scrypt })
    expect(JSON.parse(json)).toMatchObject({
      type: 'medchain/keystore',
      version: 1,
      kdf: { name: 'scrypt', N: 1024 },
    })
    expect(await decryptKeystore({ keystore: json, password: 'correct horse' })).toEqual(privateKey)
    await expect(decryptKeystore({ keystore: json, password: 'wrong' })).rejects.toBeInstanceOf(
      KeystoreDecryptionFailedError,
    )
    // Parameters are authenticated: changing them is detected, not silently accepted.
    const doc = JSON.parse(json)
    await expect(
      decryptKeystore({
        keystore: JSON.stringify({ ...doc, kdf: { ...doc.kdf, r: 4 } }),
        password: 'correct horse',
      }),
    ).rejects.toBeInstanceOf(KeystoreDecryptionFailedError)
    await expect(decryptKeystore({ keystore: '{}', password: 'x' })).rejects.toBeInstanceOf(
      InvalidKeystoreError,
    )
    await expect(
      decryptKeystore({
        keystore: JSON.stringify({ ...doc, kdf: { ...doc.kdf, N: 1000 } }),
        password: 'x',
      }),
    ).rejects.toBeInstanceOf(InvalidKeystoreError)
  })

  test('save and load a file (mode 0600); no silent overwrite', async () => {
    dir = await mkdtemp(join(tmpdir(), 'medchain-keystore-'))
    const path = join(dir, 'key.json')
    const { privateKey, publicKey } = generateEncryptionKeyPair()
    await saveKeystore({ path, privateKey, password: 'pw', scrypt })
    expect((await stat(path)).mode & 0o777).toBe(0o600)
    const provider = await loadKeystore({ path, password: 'pw' })
    expect(await provider.getEncryptionPublicKey()).toEqual(publicKey)
    await expect(saveKeystore({ path, privateKey, password: 'pw', scrypt })).rejects.toBeInstanceOf(
      KeystoreFileError,
    )
    await saveKeystore({ path, privateKey, password: 'pw2', scrypt, overwrite: true })
    await expect(loadKeystore({ path, password: 'pw' })).rejects.toBeInstanceOf(
      KeystoreDecryptionFailedError,
    )
    await expect(
      loadKeystore({ path: join(dir, 'missing.json'), password: 'pw' }),
    ).rejects.toBeInstanceOf(KeystoreFileError)
    await writeFile(path, (await readFile(path, 'utf8')).replace('"version": 1', '"version": 9'))
    await expect(loadKeystore({ path, password: 'pw2' })).rejects.toBeInstanceOf(
      InvalidKeystoreError,
    )
  })
})
