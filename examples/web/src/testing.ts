// Test helpers for component tests: an Auth for pages whose tested paths do not reach the chain.
import type { EIP1193Provider } from 'viem'
import type { Auth } from './App.js'
import type { MedChainWebConfig } from './config.js'
import { createMedChainSession } from './lib/medchain.js'

export const testConfig: MedChainWebConfig = {
  chainId: 31337,
  chainName: 'Local anvil',
  rpcUrl: 'http://127.0.0.1:1',
  contractAddress: '0x5FbDB2315678afecb367f032d93F642f64180aa3',
  startBlock: '0',
  storageUrl: 'http://127.0.0.1:1',
}

/** A signed-in user whose wallet refuses everything: any chain call in a test would fail loudly. */
export function offlineAuth(kind: Auth['kind'] = 'unregistered'): Auth {
  const address = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8'
  const provider = {
    request: async () => {
      throw new Error('no wallet in this test')
    },
  } as unknown as EIP1193Provider
  return {
    session: {
      address,
      chainId: 31337,
      walletRdns: 'test',
      message: '',
      signature: '0x',
      expiresAt: Date.now() + 60_000,
    },
    medchain: createMedChainSession(testConfig, provider, address),
    kind,
  }
}
