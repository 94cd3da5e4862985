import { deployMedChain } from '@medchain/contracts'
import {
  type Account,
  type Address,
  type Chain,
  createPublicClient,
  createWalletClient,
  http,
  type PublicClient,
  type Transport,
  type WalletClient,
} from 'viem'
import { foundry } from 'viem/chains'
import { roleAccounts } from './accounts.js'
import { type Anvil, startAnvil } from './anvil.js'

/** A real anvil with MedChain deployed on it, and a wallet client per role. */
export type LocalMedChain = {
  anvil: Anvil
  chain: Chain
  medChain: Address
  startBlock: bigint
  publicClient: PublicClient<Transport, Chain>
  accounts: ReturnType<typeof roleAccounts>
  /** A wallet client that signs as `account` on this chain. */
  walletFor: (account: Account) => WalletClient<Transport, Chain, Account>
  stop: () => Promise<void>
}

/**
 * Starts anvil, deploys MedChain with account 0 as administrator and returns clients for it.
 *
 * @example
 * ```ts
 * const local = await startLocalMedChain()
 * try { ... } finally { await local.stop() }
 * ```
 */
export async function startLocalMedChain(): Promise<LocalMedChain> {
  const anvil = await startAnvil()
  try {
    const chain = { ...foundry, rpcUrls: { default: { http: [anvil.rpcUrl] } } } as const
    const transport = http(anvil.rpcUrl)
    const accounts = roleAccounts()
    const walletFor = (account: Account) => createWalletClient({ account, chain, transport })
    const deployment = await deployMedChain(walletFor(accounts.admin))
    return {
      anvil,
      chain,
      medChain: deployment.address,
      startBlock: deployment.blockNumber,
      publicClient: createPublicClient({ chain, transport }),
      accounts,
      walletFor,
      stop: anvil.stop,
    }
  } catch (error) {
    await anvil.stop()
    throw error
  }
}
