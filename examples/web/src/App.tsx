import type { EIP6963ProviderDetail } from 'mipd'
import { useCallback, useEffect, useState } from 'react'
import type { EIP1193Provider } from 'viem'
import { Pending } from './components/Feedback.js'
import type { MedChainWebConfig } from './config.js'
import { type AccountKind, accountKind } from './lib/chainReads.js'
import { shortAddress } from './lib/format.js'
import { createMedChainSession, type MedChainSession } from './lib/medchain.js'
import { clearSession, loadSession, type Session } from './lib/session.js'
import { useWallets } from './lib/wallets.js'
import { AdminPage } from './pages/AdminPage.js'
import { DoctorPage } from './pages/DoctorPage.js'
import { LoginPage } from './pages/LoginPage.js'
import { PatientPage } from './pages/PatientPage.js'
import { RegistrationPage } from './pages/RegistrationPage.js'
import { navigate, type Route, useRoute } from './router.js'

/** A signed-in user: the SIWE session, the SDK client for the wallet, and the account's role. */
export type Auth = { session: Session; medchain: MedChainSession; kind: AccountKind }

export const homeOf: Record<AccountKind, Route> = {
  patient: 'patient',
  provider: 'doctor',
  administrator: 'admin',
  unregistered: 'register',
}

export function App({ config }: { config: MedChainWebConfig }) {
  const route = useRoute()
  const wallets = useWallets()
  const [auth, setAuth] = useState<Auth>()
  const [restoring, setRestoring] = useState(() => loadSession(sessionStorage) !== undefined)

  const signOut = useCallback(() => {
    clearSession(sessionStorage)
    setAuth(undefined)
    navigate('login')
  }, [])

  // After a reload: reuse the stored SIWE session if the same wallet still exposes the account.
  useEffect(() => {
    if (!restoring) return
    const stored = loadSession(sessionStorage)
    const wallet = wallets.find((w) => w.info.rdns === stored?.walletRdns)
    if (!stored || !wallet) {
      const giveUp = setTimeout(() => setRestoring(false), 1500)
      return () => clearTimeout(giveUp)
    }
    let cancelled = false
    restore(config, stored, wallet)
      .then((restored) => {
        if (cancelled) return
        if (restored) setAuth(restored)
        else clearSession(sessionStorage)
      })
      .catch(() => clearSession(sessionStorage))
      .finally(() => !cancelled && setRestoring(false))
    return () => {
      cancelled = true
    }
  }, [restoring, wallets, config])

  // A different account in the wallet means a different person: sign out.
  useEffect(() => {
    if (!auth) return
    const wallet = wallets.find((w) => w.info.rdns === auth.session.walletRdns)
    const provider = wallet?.provider as EIP1193Provider | undefined
    if (!provider?.on) return
    const onAccounts = (accounts: unknown) => {
      const first = (accounts as string[])[0]
      if (first?.toLowerCase() !== auth.session.address.toLowerCase()) signOut()
    }
    provider.on('accountsChanged', onAccounts as never)
    return () => provider.removeListener?.('accountsChanged', onAccounts as never)
  }, [auth, wallets, signOut])

  useEffect(() => {
    if (auth && (route === 'login' || (route === 'register' && auth.kind !== 'unregistered')))
      navigate(homeOf[auth.kind])
    if (!auth && !restoring && route !== 'login') navigate('login')
  }, [auth, route, restoring])

  if (restoring)
    return (
      <Shell>
        <Pending>Restoring your session…</Pending>
      </Shell>
    )
  if (!auth || route === 'login')
    return (
      <Shell>
        <LoginPage
          config={config}
          onSignedIn={(signedIn) => {
            setAuth(signedIn)
            navigate(homeOf[signedIn.kind])
          }}
        />
      </Shell>
    )
  const onRegistered = (kind: AccountKind) => {
    setAuth({ ...auth, kind })
    navigate(homeOf[kind])
  }
  return (
    <Shell auth={auth} onSignOut={signOut}>
      {route === 'register' && <RegistrationPage auth={auth} onRegistered={onRegistered} />}
      {route === 'patient' && <PatientPage auth={auth} />}
      {route === 'doctor' && <DoctorPage auth={auth} />}
      {route === 'admin' && <AdminPage auth={auth} />}
    </Shell>
  )
}

async function restore(
  config: MedChainWebConfig,
  stored: Session,
  wallet: EIP6963ProviderDetail,
): Promise<Auth | undefined> {
  const provider = wallet.provider as EIP1193Provider
  const accounts = (await provider.request({ method: 'eth_accounts' })) as string[]
  if (!accounts.some((a) => a.toLowerCase() === stored.address.toLowerCase())) return undefined
  const medchain = createMedChainSession(config, provider, stored.address)
  const kind = await accountKind(medchain, stored.address)
  return { session: stored, medchain, kind }
}

const roleNames: Record<AccountKind, string> = {
  patient: 'Patient',
  provider: 'Healthcare provider',
  administrator: 'Administrator',
  unregistered: 'Not registered',
}

function Shell({
  auth,
  onSignOut,
  children,
}: {
  auth?: Auth | undefined
  onSignOut?: (() => void) | undefined
  children: React.ReactNode
}) {
  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="topbar">
        <div className="topbar-inner">
          <span className="brand">
            <span className="brand-mark" aria-hidden="true">
              ✚
            </span>
            MedChain
          </span>
          {auth && (
            <div className="account">
              <span className="account-role">{roleNames[auth.kind]}</span>
              <span className="account-address" title={auth.session.address}>
                {shortAddress(auth.session.address)}
              </span>
              <button type="button" className="button button-ghost" onClick={onSignOut}>
                Sign out
              </button>
            </div>
          )}
        </div>
      </header>
      <main id="main" className="page" tabIndex={-1}>
        {children}
      </main>
      <footer className="footer">
        Records are encrypted on your device, stored by content address, and shared only with your
        consent.
      </footer>
    </>
  )
}
