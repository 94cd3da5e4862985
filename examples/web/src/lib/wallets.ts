import { createStore, type EIP6963ProviderDetail, type Store } from 'mipd'
import { useSyncExternalStore } from 'react'

/** rdns of the in-page development wallet (see src/devWallet): the login page shows its account picker. */
export const devWalletRdns = 'dev.medchain.dev-wallet'

let store: Store | undefined

/** The EIP-6963 store: every wallet that announced itself in this page. */
export function walletStore(): Store {
  store ??= createStore()
  return store
}

/** Every announced wallet, re-rendering when one more announces itself. */
export function useWallets(): readonly EIP6963ProviderDetail[] {
  const s = walletStore()
  return useSyncExternalStore(
    (onChange) => s.subscribe(onChange),
    () => s.getProviders(),
  )
}
