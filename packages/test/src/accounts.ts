import { type HDAccount, mnemonicToAccount } from 'viem/accounts'

/** The mnemonic anvil funds its ten default accounts from (10,000 ETH each). Test-only. */
export const anvilMnemonic = 'test test test test test test test test test test test junk'

/** Anvil's default account `index` (0-9 are funded), as a viem account. */
export function anvilAccount(index: number): HDAccount {
  return mnemonicToAccount(anvilMnemonic, { addressIndex: index })
}

/** The roles MedChain's tests and demos play, each on its own funded anvil account. */
export function roleAccounts() {
  return {
    admin: anvilAccount(0),
    doctor: anvilAccount(1),
    patient: anvilAccount(2),
    otherDoctor: anvilAccount(3),
    otherPatient: anvilAccount(4),
    delegate: anvilAccount(5),
    relayer: anvilAccount(6),
  }
}
