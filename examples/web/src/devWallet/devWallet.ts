// DEVELOPMENT ONLY. An in-page EIP-1193 wallet over the anvil test mnemonic, so `pnpm dev` works
// without a browser extension. It is imported only behind `if (import.meta.env.DEV)` (see main.tsx),
// so production builds do not contain it; src/productionBuild.test.ts checks that.
import { announceProvider } from 'mipd'
import {
  type Address,
  createWalletClient,
  type EIP1193Provider,
  type Hex,
  http,
  numberToHex,
} from 'viem'
import { mnemonicToAccount } from 'viem/accounts'
import type { MedChainWebConfig } from '../config.js'
import { chainFromConfig } from '../lib/chain.js'
import { devWalletRdns } from '../lib/wallets.js'

const testMnemonic = 'test test test test test test test test test test test junk'

/** The anvil accounts the dev stack seeds, one per role. */
export const devAccounts = [
  { index: 0, role: 'Administrator' },
  { index: 1, role: 'Doctor' },
  { index: 2, role: 'Patient' },
  { index: 3, role: 'Second doctor' },
  { index: 4, role: 'Second patient' },
].map((a) => ({ ...a, account: mnemonicToAccount(testMnemonic, { addressIndex: a.index }) }))

type Listener = (...args: unknown[]) => void
const rpcError = (code: number, message: string) => Object.assign(new Error(message), { code })

/** Announces the development wallet over EIP-6963; returns a function that withdraws nothing (pages reload). */
export function announceDevWallet(config: MedChainWebConfig): void {
  const chain = chainFromConfig(config)
  let selected = devAccounts[2]!
  let connected = false
  const listeners = new Map<string, Set<Listener>>()
  const emit = (event: string, ...args: unknown[]) => {
    for (const listener of listeners.get(event) ?? []) listener(...args)
  }
  const wallet = () =>
    createWalletClient({ account: selected.account, chain, transport: http(config.rpcUrl) })

  async function forward(method: string, params: unknown) {
    const response = await fetch(config.rpcUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params: params ?? [] }),
    })
    const body = (await response.json()) as {
      result?: unknown
      error?: { code: number; message: string }
    }
    if (body.error) throw rpcError(body.error.code, body.error.message)
    return body.result
  }

  async function request({
    method,
    params,
  }: {
    method: string
    params?: unknown
  }): Promise<unknown> {
    const args = (params ?? []) as unknown[]
    switch (method) {
      case 'eth_requestAccounts':
        connected = true
        return [selected.account.address]
      case 'eth_accounts':
        return connected ? [selected.account.address] : []
      case 'eth_chainId':
        return numberToHex(config.chainId)
      case 'medchain_listDevAccounts':
        return devAccounts.map((a) => ({
          index: a.index,
          role: a.role,
          address: a.account.address,
        }))
      case 'medchain_selectDevAccount': {
        const next = devAccounts.find((a) => a.index === Number(args[0]))
        if (!next) throw rpcError(4100, 'Unknown development account.')
        selected = next
        emit('accountsChanged', [selected.account.address])
        return selected.account.address
      }
      case 'wallet_switchEthereumChain': {
        const { chainId } = args[0] as { chainId: Hex }
        if (Number(chainId) !== config.chainId)
          throw rpcError(4902, 'The development wallet only knows the local chain.')
        return null
      }
      case 'wallet_addEthereumChain':
        return null
      case 'personal_sign':
        return selected.account.signMessage({ message: { raw: args[0] as Hex } })
      case 'eth_signTypedData_v4': {
        const typed = JSON.parse(args[1] as string) as {
          domain: Record<string, unknown>
          types: Record<string, unknown>
          primaryType: string
          message: Record<string, unknown>
        }
        const { EIP712Domain: _, ...types } = typed.types
        return selected.account.signTypedData({ ...typed, types } as never)
      }
      case 'eth_sendTransaction': {
        const tx = args[0] as { to?: Address; data?: Hex; value?: Hex; gas?: Hex }
        return wallet().sendTransaction({
          to: tx.to,
          data: tx.data,
          value: tx.value ? BigInt(tx.value) : undefined,
          gas: tx.gas ? BigInt(tx.gas) : undefined,
        } as never)
      }
      default:
        return forward(method, params)
    }
  }

  const provider = {
    request,
    on: (event: string, listener: Listener) => {
      listeners.set(event, (listeners.get(event) ?? new Set()).add(listener))
    },
    removeListener: (event: string, listener: Listener) => {
      listeners.get(event)?.delete(listener)
    },
  } as unknown as EIP1193Provider

  announceProvider({
    info: {
      uuid: crypto.randomUUID(),
      name: 'MedChain Dev Wallet (development only)',
      icon: devWalletIcon,
      rdns: devWalletRdns,
    },
    provider,
  })
}

const devWalletIcon: `data:image/${string}` = `data:image/svg+xml,${encodeURIComponent(
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="8" fill="#b45309"/><text x="16" y="21" font-size="13" text-anchor="middle" fill="#fff" font-family="sans-serif">DEV</text></svg>',
)}`
