// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { announceProvider } from 'mipd'
import { type EIP1193Provider, numberToHex } from 'viem'
import { afterEach, describe, expect, it } from 'vitest'
import { walletStore } from '../lib/wallets.js'
import { testConfig } from '../testing.js'
import { LoginPage } from './LoginPage.js'

afterEach(() => {
  cleanup()
  walletStore().clear()
})

const icon = 'data:image/svg+xml,%3Csvg xmlns="http://www.w3.org/2000/svg"/%3E' as const

// An EIP-6963 wallet on chain 1 that shares one account (the wallet's side of the protocol).
function announce(name: string, rdns: string) {
  const provider = {
    request: async ({ method }: { method: string }) => {
      if (method === 'eth_requestAccounts') return ['0x70997970C51812dc3A010C7d01b50e0d17dc79C8']
      if (method === 'eth_chainId') return numberToHex(1)
      throw new Error(method)
    },
  } as unknown as EIP1193Provider
  announceProvider({ info: { uuid: crypto.randomUUID(), name, icon, rdns }, provider })
}

describe('LoginPage', () => {
  it('says when no wallet is installed', () => {
    walletStore()
    render(<LoginPage config={testConfig} onSignedIn={() => {}} />)
    expect(screen.getByRole('status').textContent).toMatch(/^No wallet found in this browser/)
  })

  it('lists every announced wallet and offers to switch a wallet on the wrong network', async () => {
    walletStore()
    announce('Wallet One', 'com.example.one')
    announce('Wallet Two', 'com.example.two')
    render(<LoginPage config={testConfig} onSignedIn={() => {}} />)
    expect(await screen.findByRole('button', { name: 'Connect Wallet One' })).toBeTruthy()
    await userEvent.click(screen.getByRole('button', { name: 'Connect Wallet Two' }))
    const alert = await screen.findByRole('alert')
    expect(alert.textContent).toContain(
      'Your wallet is on network 1. MedChain runs on Local anvil (chain 31337).',
    )
    expect(screen.getByRole('button', { name: 'Switch to Local anvil' })).toBeTruthy()
    expect(screen.queryByRole('button', { name: 'Sign in' })).toBeNull()
  })
})
