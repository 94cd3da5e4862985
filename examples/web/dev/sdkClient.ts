// A MedChainClient for one role of the local stack, built the way the app builds its own: records
// on the stack's storage node through the Kubo RPC API, and the encryption key derived from a
// wallet signature. So what the seed (or a test) writes, the app reads with the same keys.

import { createMedChainClient, type MedChainClient } from '@medchain/sdk'
import { walletSignatureKeyProvider } from '@medchain/sdk/crypto'
import { createKuboStore } from '@medchain/sdk/storage'
import { type Chain, defineChain, type Hex, http } from 'viem'
import { privateKeyToAccount } from 'viem/accounts'
import type { MedChainWebConfig } from '../src/config'

/** The viem chain the config describes. */
export function chainFromConfig(config: MedChainWebConfig): Chain {
  return defineChain({
    id: config.chainId,
    name: config.chainName,
    nativeCurrency: { name: 'Ether', symbol: 'ETH', decimals: 18 },
    rpcUrls: { default: { http: [config.rpcUrl] } },
  })
}

/**
 * A client that signs as the account of `privateKey`, against the chain, contract and storage node
 * of `config`.
 *
 * @example
 * ```ts
 * const patient = createStackClient(stack.config, stack.accounts.patient.privateKey)
 * const { records } = await patient.listRecords()
 * ```
 */
export function createStackClient(config: MedChainWebConfig, privateKey: Hex): MedChainClient {
  const account = privateKeyToAccount(privateKey)
  return createMedChainClient({
    chain: chainFromConfig(config),
    transport: http(config.rpcUrl),
    account,
    address: config.contractAddress,
    startBlock: BigInt(config.startBlock),
    storage: createKuboStore({ url: config.storageUrl }),
    // The app derives the key from the connected wallet's EIP-712 signature the same way, and a
    // local account signs deterministically, so the seeded users' keys are the app's keys.
    keyProvider: walletSignatureKeyProvider({ signer: account, address: account.address }),
  })
}
