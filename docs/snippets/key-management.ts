// The code of the key management guide (docs/guides/key-management.md shows the regions).
// docs/key-management.test.ts runs it with real files and a real signing account.
import {
  generateEncryptionKeyPair,
  type KeyProvider,
  loadKeystore,
  saveKeystore,
  type TypedDataSigner,
  walletSignatureKeyProvider,
} from '@medchain/sdk/crypto'
import type { Address } from 'viem'

/** Once, at setup: a fresh encryption key, written only as an encrypted keystore file. */
export async function createEncryptionKey(path: string, password: string): Promise<Uint8Array> {
  // #region keystore-setup
  const { privateKey, publicKey } = generateEncryptionKeyPair()
  await saveKeystore({ path, privateKey, password }) // mode 0600; refuses to overwrite a file
  privateKey.fill(0) // the keystore is now the only copy: back it up, and the passphrase apart
  // #endregion keystore-setup
  return publicKey
}

/** Every start: the key provider the client uses. */
export async function openEncryptionKey(path: string, password: string): Promise<KeyProvider> {
  // #region keystore-load
  const keyProvider = await loadKeystore({ path, password }) // KeystoreDecryptionFailedError if wrong
  // #endregion keystore-load
  return keyProvider
}

/** In a browser: the key derived from the connected wallet (a viem WalletClient or Account). */
export function walletDerivedKey(wallet: TypedDataSigner, address: Address): KeyProvider {
  // #region wallet
  const keyProvider = walletSignatureKeyProvider({ signer: wallet, address })
  // #endregion wallet
  return keyProvider
}
