import { createMedChainClient, type MedChainClient } from '@medchain/sdk'
import { walletSignatureKeyProvider } from '@medchain/sdk/crypto'
import { createKuboStore } from '@medchain/sdk/storage'
import {
  type Address,
  createPublicClient,
  createWalletClient,
  custom,
  type EIP1193Provider,
  http,
  type PublicClient,
} from 'viem'
import type { MedChainWebConfig } from '../config.js'
import { chainFromConfig } from './chain.js'

/** Everything a signed-in page needs to talk to MedChain. */
export type MedChainSession = {
  address: Address
  config: MedChainWebConfig
  client: MedChainClient
  publicClient: PublicClient
}

/**
 * Builds the SDK client for a connected wallet: reads go straight to the configured RPC node, writes
 * and signatures go to the wallet, records to the configured Kubo-RPC node. The encryption key is
 * derived from a wallet signature (two identical EIP-712 signatures) on first use and kept in
 * memory only, for this page's lifetime.
 */
export function createMedChainSession(
  config: MedChainWebConfig,
  provider: EIP1193Provider,
  address: Address,
): MedChainSession {
  const chain = chainFromConfig(config)
  const publicClient = createPublicClient({ chain, transport: http(config.rpcUrl) })
  const walletClient = createWalletClient({ account: address, chain, transport: custom(provider) })
  const client = createMedChainClient({
    chain,
    transport: http(config.rpcUrl),
    account: address,
    address: config.contractAddress,
    startBlock: BigInt(config.startBlock),
    publicClient,
    walletClient,
    storage: createKuboStore({ url: config.storageUrl }),
    keyProvider: walletSignatureKeyProvider({ signer: walletClient, address }),
  })
  return {
    address,
    config,
    client,
    publicClient: publicClient as PublicClient,
  }
}
