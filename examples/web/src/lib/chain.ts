import { defineChain } from 'viem'
import type { MedChainWebConfig } from '../config.js'

/** The viem chain of the deployment the app is configured for. */
export function chainFromConfig(config: MedChainWebConfig) {
  return defineChain({
    id: config.chainId,
    name: config.chainName,
    nativeCurrency: { name: 'Ether', symbol: 'ETH', decimals: 18 },
    rpcUrls: { default: { http: [config.rpcUrl] } },
  })
}
