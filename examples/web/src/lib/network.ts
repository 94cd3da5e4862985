import { type EIP1193Provider, numberToHex } from 'viem'
import type { MedChainWebConfig } from '../config.js'

/** The chain id the wallet is on now. */
export async function walletChainId(provider: EIP1193Provider): Promise<number> {
  return Number(await provider.request({ method: 'eth_chainId' }))
}

/**
 * Asks the wallet to switch to the app's chain; when the wallet does not know it (EIP-1193 error
 * 4902), asks it to add the chain (EIP-3085), which also switches.
 */
export async function switchToAppChain(
  provider: EIP1193Provider,
  config: MedChainWebConfig,
): Promise<void> {
  const chainId = numberToHex(config.chainId)
  try {
    await provider.request({ method: 'wallet_switchEthereumChain', params: [{ chainId }] })
  } catch (error) {
    if (codeOf(error) !== 4902) throw error
    await provider.request({
      method: 'wallet_addEthereumChain',
      params: [
        {
          chainId,
          chainName: config.chainName,
          nativeCurrency: { name: 'Ether', symbol: 'ETH', decimals: 18 },
          rpcUrls: [config.rpcUrl],
        },
      ],
    })
    // Some wallets add without switching.
    if ((await walletChainId(provider)) !== config.chainId)
      await provider.request({ method: 'wallet_switchEthereumChain', params: [{ chainId }] })
  }
}

function codeOf(error: unknown): number | undefined {
  let current: unknown = error
  for (let depth = 0; current && typeof current === 'object' && depth < 5; depth++) {
    const code = (current as { code?: unknown }).code
    if (typeof code === 'number') return code
    current = (current as { cause?: unknown }).cause
  }
  return undefined
}
