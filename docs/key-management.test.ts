import { mkdtemp, rm, stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { KeystoreDecryptionFailedError, KeystoreFileError } from '@medchain/sdk'
import { anvilAccount } from '@medchain/test'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  createEncryptionKey,
  openEncryptionKey,
  walletDerivedKey,
} from './snippets/key-management.js'

// Runs the key management guide's code (docs/snippets/key-management.ts) with real keystore files
// and a real signing account.
describe('the key management guide', () => {
  let dir: string
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'medchain-keys-'))
  })
  afterAll(() => rm(dir, { recursive: true, force: true }))

  it('a keystore written at setup opens at the next start with the same key, and only with the passphrase', async () => {
    const path = join(dir, 'service.keystore.json')
    const publicKey = await createEncryptionKey(path, 'correct horse battery staple')
    expect((await stat(path)).mode & 0o777).toBe(0o600)

    const keyProvider = await openEncryptionKey(path, 'correct horse battery staple')
    expect(await keyProvider.getEncryptionPublicKey()).toEqual(publicKey)

    await expect(openEncryptionKey(path, 'wrong passphrase')).rejects.toBeInstanceOf(
      KeystoreDecryptionFailedError,
    )
    await expect(createEncryptionKey(path, 'another')).rejects.toBeInstanceOf(KeystoreFileError)
  })

  it('the same wallet derives the same key on every device; another wallet derives another', async () => {
    const wallet = anvilAccount(2)
    const onLaptop = walletDerivedKey(wallet, wallet.address)
    const onPhone = walletDerivedKey(wallet, wallet.address)
    const other = walletDerivedKey(anvilAccount(3), anvilAccount(3).address)
    const key = await onLaptop.getEncryptionPublicKey()
    expect(key).toHaveLength(32)
    expect(await onPhone.getEncryptionPublicKey()).toEqual(key)
    expect(await other.getEncryptionPublicKey()).not.toEqual(key)
  })
})
