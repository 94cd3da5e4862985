// @vitest-environment jsdom
import { beforeEach, describe, expect, it } from 'vitest'
import { clearSession, loadSession, type Session, saveSession } from './session.js'

const session: Session = {
  address: '0x70997970C51812dc3A010C7d01b50e0d17dc79C8',
  chainId: 31337,
  walletRdns: 'io.metamask',
  message: 'example.com wants you to sign in…',
  signature: '0x1234',
  expiresAt: 2_000,
}

describe('session storage', () => {
  beforeEach(() => sessionStorage.clear())
  it('keeps a session until it expires, then forgets it', () => {
    saveSession(sessionStorage, session)
    expect(loadSession(sessionStorage, 1_999)).toEqual(session)
    expect(loadSession(sessionStorage, 2_000)).toBeUndefined()
    expect(sessionStorage.getItem('medchain.session')).toBeNull()
  })
  it('drops unreadable data and clears on sign-out', () => {
    sessionStorage.setItem('medchain.session', '{not json')
    expect(loadSession(sessionStorage, 0)).toBeUndefined()
    saveSession(sessionStorage, session)
    clearSession(sessionStorage)
    expect(loadSession(sessionStorage, 0)).toBeUndefined()
  })
})
