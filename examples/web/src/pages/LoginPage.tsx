import type { EIP6963ProviderDetail } from 'mipd'
import { useEffect, useState } from 'react'
import type { Address, EIP1193Provider } from 'viem'
import type { Auth } from '../App.js'
import { ActionStatus } from '../components/Feedback.js'
import { Field } from '../components/Field.js'
import { useAction } from '../components/useAction.js'
import type { MedChainWebConfig } from '../config.js'
import { accountKind } from '../lib/chainReads.js'
import { createMedChainSession } from '../lib/medchain.js'
import { switchToAppChain, walletChainId } from '../lib/network.js'
import { saveSession } from '../lib/session.js'
import { signInWithEthereum } from '../lib/siwe.js'
import { devWalletRdns, useWallets } from '../lib/wallets.js'

type Connected = { wallet: EIP6963ProviderDetail; address: Address; chainId: number }

/** Connect a wallet (any EIP-6963 wallet in the page), check the network, then sign in (EIP-4361). */
export function LoginPage({
  config,
  onSignedIn,
}: {
  config: MedChainWebConfig
  onSignedIn: (auth: Auth) => void
}) {
  const wallets = useWallets()
  const action = useAction()
  const [connected, setConnected] = useState<Connected>()

  const connect = (wallet: EIP6963ProviderDetail) =>
    action.run(`Waiting for ${wallet.info.name} to share an account…`, async () => {
      const provider = wallet.provider as EIP1193Provider
      const accounts = (await provider.request({ method: 'eth_requestAccounts' })) as Address[]
      const address = accounts[0]
      if (!address) throw new Error('The wallet shared no account. Unlock it and try again.')
      setConnected({ wallet, address, chainId: await walletChainId(provider) })
    })

  const switchNetwork = () =>
    action.run(`Asking your wallet to switch to ${config.chainName}…`, async () => {
      if (!connected) return
      const provider = connected.wallet.provider as EIP1193Provider
      await switchToAppChain(provider, config)
      setConnected({ ...connected, chainId: await walletChainId(provider) })
    })

  const signIn = () =>
    action.run('Waiting for your signature in the wallet…', async () => {
      if (!connected) return
      const provider = connected.wallet.provider as EIP1193Provider
      const medchain = createMedChainSession(config, provider, connected.address)
      const session = await signInWithEthereum({
        provider,
        publicClient: medchain.publicClient,
        address: connected.address,
        chainId: config.chainId,
        walletRdns: connected.wallet.info.rdns,
      })
      saveSession(sessionStorage, session)
      onSignedIn({ session, medchain, kind: await accountKind(medchain, connected.address) })
    })

  const wrongNetwork = connected && connected.chainId !== config.chainId

  return (
    <div className="login">
      <section className="hero">
        <h1>Your health records, under your control</h1>
        <p className="lead">
          MedChain encrypts every record on your device, stores it by its content address and shares
          it only with the providers you approve. Every access is written to a public audit trail.
        </p>
      </section>
      <section className="card" aria-labelledby="login-title">
        <h2 id="login-title">Sign in with your wallet</h2>
        {!connected && (
          <>
            <p>
              Choose a wallet. MedChain never sees your keys: your wallet signs, on your device.
            </p>
            {wallets.length === 0 ? (
              <p className="note note-info" role="status">
                No wallet found in this browser. Install a browser wallet such as MetaMask, then
                reload this page.
              </p>
            ) : (
              <ul className="wallet-list">
                {wallets.map((wallet) => (
                  <li key={wallet.info.uuid}>
                    {wallet.info.rdns === devWalletRdns && <DevAccountPicker wallet={wallet} />}
                    <button
                      type="button"
                      className="wallet-button"
                      disabled={action.busy}
                      onClick={() => connect(wallet)}
                    >
                      <img src={wallet.info.icon} alt="" width={28} height={28} />
                      <span>Connect {wallet.info.name}</span>
                    </button>
                  </li>
                ))}
              </ul>
            )}
          </>
        )}
        {connected && (
          <>
            <p>
              Connected to <strong>{connected.wallet.info.name}</strong> as{' '}
              <code className="address">{connected.address}</code>.
            </p>
            {wrongNetwork ? (
              <div className="note note-warn" role="alert">
                <p>
                  Your wallet is on network {connected.chainId}. MedChain runs on{' '}
                  <strong>{config.chainName}</strong> (chain {config.chainId}).
                </p>
                <button
                  type="button"
                  className="button"
                  disabled={action.busy}
                  onClick={switchNetwork}
                >
                  Switch to {config.chainName}
                </button>
              </div>
            ) : (
              <>
                <p>
                  Sign a short message to prove you own this account. It is free and sends no
                  transaction.
                </p>
                <button type="button" className="button" disabled={action.busy} onClick={signIn}>
                  Sign in
                </button>
              </>
            )}
            <button
              type="button"
              className="button button-ghost"
              disabled={action.busy}
              onClick={() => setConnected(undefined)}
            >
              Use another wallet
            </button>
          </>
        )}
        <ActionStatus action={action} />
      </section>
    </div>
  )
}

type DevAccount = { index: number; role: string; address: Address }

/** The development wallet's account chooser (it exists only in `pnpm dev`). */
function DevAccountPicker({ wallet }: { wallet: EIP6963ProviderDetail }) {
  const provider = wallet.provider as unknown as {
    request(args: { method: string; params?: unknown[] }): Promise<unknown>
  }
  const [accounts, setAccounts] = useState<DevAccount[]>([])
  const [selected, setSelected] = useState('2')
  useEffect(() => {
    provider
      .request({ method: 'medchain_listDevAccounts' })
      .then((list) => setAccounts(list as DevAccount[]))
  }, [provider])
  return (
    <Field
      id="dev-account"
      label="Development account (test keys, never use real data)"
      className="dev-picker"
    >
      {(control) => (
        <select
          {...control}
          value={selected}
          onChange={(event) => {
            setSelected(event.target.value)
            void provider.request({
              method: 'medchain_selectDevAccount',
              params: [Number(event.target.value)],
            })
          }}
        >
          {accounts.map((a) => (
            <option key={a.index} value={a.index}>
              {a.role} ({a.address.slice(0, 6)}…{a.address.slice(-4)})
            </option>
          ))}
        </select>
      )}
    </Field>
  )
}
