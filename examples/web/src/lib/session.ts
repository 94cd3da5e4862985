import type { Address } from 'viem'

/** A signed-in session: the SIWE message and signature, kept in sessionStorage until `expiresAt`. */
export type Session = {
  address: Address
  chainId: number
  /** rdns of the wallet that signed in, to reconnect to the same one after a reload. */
  walletRdns: string
  message: string
  signature: `0x${string}`
  /** Unix milliseconds. */
  expiresAt: number
}

const key = 'medchain.session'

/** The stored session, or undefined when there is none or it has expired (then it is removed). */
export function loadSession(storage: Storage, now = Date.now()): Session | undefined {
  const raw = storage.getItem(key)
  if (!raw) return undefined
  try {
    const session = JSON.parse(raw) as Session
    if (typeof session.expiresAt !== 'number' || session.expiresAt <= now) {
      storage.removeItem(key)
      return undefined
    }
    return session
  } catch {
    storage.removeItem(key)
    return undefined
  }
}

export function saveSession(storage: Storage, session: Session): void {
  storage.setItem(key, JSON.stringify(session))
}

export function clearSession(storage: Storage): void {
  storage.removeItem(key)
}
