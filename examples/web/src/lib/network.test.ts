import { type EIP1193Provider, numberToHex } from 'viem'
import { describe, expect, it } from 'vitest'
import type { MedChainWebConfig } from '../config.js'
import { switchToAppChain, walletChainId } from './network.js'

const config: MedChainWebConfig = {
  chainId: 31337,
  chainName: 'Local anvil',
  rpcUrl: 'http://127.0.0.1:8545',
  contractAddress: '0x5FbDB2315678afecb367f032d93F642f64180aa3',
  startBlock: '0',
  storageUrl: 'http://127.0.0.1:5001',
}

// A wallet's chain handling (EIP-3326 / EIP-3085): which chains it knows is the wallet's state, so
// the test plays a wallet that starts on mainnet and knows only the chains in `known`.
function wallet(known: number[]) {
  let current = 1
  const calls: string[] = []
  const provider = {
    request: async ({ method, params }: { method: string; params?: unknown[] }) => {
      calls.push(method)
      if (method === 'eth_chainId') return numberToHex(current)
      const chainId = Number((params?.[0] as { chainId?: string } | undefined)?.chainId)
      if (method === 'wallet_addEthereumChain') {
        known.push(chainId)
        return null
      }
      if (method === 'wallet_switchEthereumChain') {
        if (!known.includes(chainId))
          throw Object.assign(new Error('Unrecognized chain'), { code: 4902 })
        current = chainId
        return null
      }
      throw new Error(method)
    },
  } as unknown as EIP1193Provider
  return { provider, calls }
}

describe('switchToAppChain', () => {
  it('switches when the wallet knows the chain', async () => {
    const { provider, calls } = wallet([1, 31337])
    await switchToAppChain(provider, config)
    expect(await walletChainId(provider)).toBe(31337)
    expect(calls).not.toContain('wallet_addEthereumChain')
  })
  it('adds the chain after error 4902, then switches', async () => {
    const { provider, calls } = wallet([1])
    await switchToAppChain(provider, config)
    expect(await walletChainId(provider)).toBe(31337)
    expect(calls).toEqual([
      'wallet_switchEthereumChain',
      'wallet_addEthereumChain',
      'eth_chainId',
      'wallet_switchEthereumChain',
      'eth_chainId',
    ])
  })
  it('passes other errors on (e.g. the user declined)', async () => {
    const provider = {
      request: async () => {
        throw Object.assign(new Error('User rejected'), { code: 4001 })
      },
    } as unknown as EIP1193Provider
    await expect(switchToAppChain(provider, config)).rejects.toMatchObject({ code: 4001 })
  })
})
