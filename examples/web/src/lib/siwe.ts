import type { Address, EIP1193Provider, PublicClient } from 'viem'
import { createSiweMessage, generateSiweNonce, verifySiweMessage } from 'viem/siwe'
import type { Session } from './session.js'

/** How long a session lasts before the app asks to sign in again. */
export const sessionLifetimeMs = 8 * 60 * 60 * 1000

/**
 * Sign-In with Ethereum (EIP-4361): the wallet signs a message naming this site, the account, the
 * chain and a fresh nonce; the app checks the signature through the chain (so smart-contract
 * wallets work too) before it trusts the session.
 */
export async function signInWithEthereum(parameters: {
  provider: EIP1193Provider
  publicClient: PublicClient
  address: Address
  chainId: number
  walletRdns: string
  location?: { host: string; origin: string } | undefined
  now?: Date | undefined
}): Promise<Session> {
  const { provider, publicClient, address, chainId, walletRdns } = parameters
  const { host, origin } = parameters.location ?? window.location
  const now = parameters.now ?? new Date()
  const expiresAt = new Date(now.getTime() + sessionLifetimeMs)
  const nonce = generateSiweNonce()
  const message = createSiweMessage({
    domain: host,
    address,
    statement: 'Sign in to MedChain. This does not send a transaction or cost anything.',
    uri: origin,
    version: '1',
    chainId,
    nonce,
    issuedAt: now,
    expirationTime: expiresAt,
  })
  const signature = (await provider.request({
    method: 'personal_sign',
    params: [toHexUtf8(message), address],
  })) as `0x${string}`
  const valid = await verifySiweMessage(publicClient, {
    message,
    signature,
    address,
    domain: host,
    nonce,
    time: now,
  })
  if (!valid) throw new Error('The sign-in signature did not verify. Try signing in again.')
  return { address, chainId, walletRdns, message, signature, expiresAt: expiresAt.getTime() }
}

function toHexUtf8(text: string): `0x${string}` {
  let hex = ''
  for (const byte of new TextEncoder().encode(text)) hex += byte.toString(16).padStart(2, '0')
  return `0x${hex}`
}
