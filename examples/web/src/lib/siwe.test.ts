import { type Anvil, anvilAccount, startAnvil } from '@medchain/test'
import { createPublicClient, type EIP1193Provider, http, type PublicClient } from 'viem'
import { parseSiweMessage } from 'viem/siwe'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sessionLifetimeMs, signInWithEthereum } from './siwe.js'

// A wallet that answers personal_sign with a local account: the one request SIWE makes.
function walletOf(index: number): EIP1193Provider {
  const account = anvilAccount(index)
  return {
    request: async ({ method, params }: { method: string; params: unknown[] }) => {
      if (method !== 'personal_sign') throw new Error(`unexpected ${method}`)
      return account.signMessage({ message: { raw: params[0] as `0x${string}` } })
    },
  } as unknown as EIP1193Provider
}

describe('signInWithEthereum (EIP-4361) against anvil', () => {
  let anvil: Anvil
  let publicClient: PublicClient
  const location = { host: 'medchain.example', origin: 'https://medchain.example' }

  beforeAll(async () => {
    anvil = await startAnvil()
    publicClient = createPublicClient({ transport: http(anvil.rpcUrl) })
  })
  afterAll(() => anvil?.stop())

  it('signs a message naming the site, account, chain and a nonce, and verifies it', async () => {
    const address = anvilAccount(2).address
    const now = new Date()
    const session = await signInWithEthereum({
      provider: walletOf(2),
      publicClient,
      address,
      chainId: 31337,
      walletRdns: 'dev.medchain.test',
      location,
      now,
    })
    const message = parseSiweMessage(session.message)
    expect(message).toMatchObject({
      domain: 'medchain.example',
      address,
      chainId: 31337,
      uri: location.origin,
      version: '1',
    })
    expect(message.nonce).toMatch(/^[a-zA-Z0-9]{8,}$/)
    expect(session.expiresAt).toBe(now.getTime() + sessionLifetimeMs)
    expect(session.walletRdns).toBe('dev.medchain.test')
  })

  it('refuses a signature from another account', async () => {
    await expect(
      signInWithEthereum({
        provider: walletOf(3),
        publicClient,
        address: anvilAccount(2).address,
        chainId: 31337,
        walletRdns: 'dev.medchain.test',
        location,
      }),
    ).rejects.toThrow('The sign-in signature did not verify. Try signing in again.')
  })
})
