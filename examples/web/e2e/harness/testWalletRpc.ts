// The Node side of the end-to-end test wallet: answers EIP-1193 requests for one private key the
// way MetaMask would (accounts, chain switching, signatures, transactions signed locally), and
// forwards everything else to the chain's JSON-RPC. testWallet.ts wires it into the browser.

import {
  createWalletClient,
  defineChain,
  type Hex,
  hexToBigInt,
  http,
  isAddressEqual,
  isHex,
  numberToHex,
  type TypedDataDefinition,
} from 'viem'
import { privateKeyToAccount } from 'viem/accounts'

/** Options of {@link createTestWalletRpc}. */
export type TestWalletOptions = {
  /** The account the wallet signs with (for example an anvil test key). */
  privateKey: Hex
  /** JSON-RPC URL of the chain `chainId`. */
  rpcUrl: string
  /** The chain the wallet knows from the start. */
  chainId: number
  /** The chain it is on at first (default `chainId`): another id simulates a wallet on the wrong network. */
  walletChainId?: number
}

/** An EIP-1193 error: `{ code, message }` (4001 rejected, 4100 unauthorized, 4200 unsupported, 4902 unknown chain). */
export class ProviderRpcError extends Error {
  constructor(
    readonly code: number,
    message: string,
    readonly data?: unknown,
  ) {
    super(message)
  }
}

/** Events the wallet emits to the page's `provider.on(...)` listeners. */
export type TestWalletEvent =
  | { event: 'chainChanged'; data: Hex }
  | { event: 'accountsChanged'; data: Hex[] }

/** The wallet's request handler, from {@link createTestWalletRpc}. */
export type TestWalletRpc = {
  /** Answers one EIP-1193 request, or throws a {@link ProviderRpcError}. */
  request(method: string, params?: unknown): Promise<unknown>
  /** The chain it is on now. */
  chainId(): number
}

type AddChainParameter = { chainId?: unknown; rpcUrls?: unknown; chainName?: unknown }

/**
 * Creates the wallet logic for one private key; `emit` is called for `chainChanged` and
 * `accountsChanged`.
 *
 * @example
 * ```ts
 * const wallet = createTestWalletRpc({ privateKey, rpcUrl, chainId: 31337 }, console.log)
 * const [address] = (await wallet.request('eth_requestAccounts')) as Hex[]
 * ```
 */
export function createTestWalletRpc(
  options: TestWalletOptions,
  emit: (event: TestWalletEvent) => void,
): TestWalletRpc {
  const account = privateKeyToAccount(options.privateKey)
  // Chains the wallet knows: id -> JSON-RPC URL.
  const chains = new Map<number, string>([[options.chainId, options.rpcUrl]])
  let current = options.walletChainId ?? options.chainId
  let connected = false
  // One transaction at a time, so nonces never collide.
  let sending: Promise<unknown> = Promise.resolve()

  const rpcUrlOfCurrentChain = (): string => {
    const url = chains.get(current)
    if (!url)
      throw new ProviderRpcError(
        4901,
        `The test wallet is on chain ${current}, for which it has no RPC URL.`,
      )
    return url
  }
  const requireConnected = (address: unknown) => {
    if (!connected) throw new ProviderRpcError(4100, 'Call eth_requestAccounts first.')
    if (typeof address !== 'string' || !isHex(address) || !isAddressEqual(address, account.address))
      throw new ProviderRpcError(4100, `The test wallet holds ${account.address} only.`)
  }
  const parseChainId = (value: unknown): number => {
    if (typeof value !== 'string' || !isHex(value))
      throw new ProviderRpcError(
        -32602,
        `Invalid chainId ${JSON.stringify(value)}: expected a hex string.`,
      )
    return Number(hexToBigInt(value))
  }

  async function forward(method: string, params: unknown): Promise<unknown> {
    const response = await fetch(rpcUrlOfCurrentChain(), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params: params ?? [] }),
    })
    const body = (await response.json()) as {
      result?: unknown
      error?: { code: number; message: string; data?: unknown }
    }
    if (body.error) throw new ProviderRpcError(body.error.code, body.error.message, body.error.data)
    return body.result
  }

  async function sendTransaction(transaction: Record<string, unknown>): Promise<Hex> {
    requireConnected(transaction.from)
    const rpcUrl = rpcUrlOfCurrentChain()
    const chain = defineChain({
      id: current,
      name: `chain ${current}`,
      nativeCurrency: { name: 'Ether', symbol: 'ETH', decimals: 18 },
      rpcUrls: { default: { http: [rpcUrl] } },
    })
    const wallet = createWalletClient({ account, chain, transport: http(rpcUrl) })
    const quantity = (value: unknown) =>
      typeof value === 'string' && isHex(value) ? hexToBigInt(value) : undefined
    const defined = <T extends Record<string, unknown>>(object: T) =>
      Object.fromEntries(Object.entries(object).filter(([, value]) => value !== undefined))
    // viem fills in what the page left out (nonce, gas, fees) from the chain, signs with the local
    // key and sends eth_sendRawTransaction.
    return wallet.sendTransaction({
      to: transaction.to as Hex | undefined,
      data: transaction.data as Hex | undefined,
      ...defined({
        value: quantity(transaction.value),
        gas: quantity(transaction.gas),
        nonce:
          quantity(transaction.nonce) === undefined
            ? undefined
            : Number(quantity(transaction.nonce)),
        maxFeePerGas: quantity(transaction.maxFeePerGas),
        maxPriorityFeePerGas: quantity(transaction.maxPriorityFeePerGas),
      }),
    } as Parameters<typeof wallet.sendTransaction>[0])
  }

  async function request(method: string, params?: unknown): Promise<unknown> {
    const args = Array.isArray(params) ? params : []
    switch (method) {
      case 'eth_requestAccounts':
        if (!connected) {
          connected = true
          emit({ event: 'accountsChanged', data: [account.address] })
        }
        return [account.address]
      case 'eth_accounts':
        return connected ? [account.address] : []
      case 'wallet_revokePermissions':
        connected = false
        emit({ event: 'accountsChanged', data: [] })
        return null
      case 'eth_chainId':
        return numberToHex(current)
      case 'net_version':
        return String(current)
      case 'wallet_switchEthereumChain': {
        const id = parseChainId((args[0] as AddChainParameter | undefined)?.chainId)
        if (!chains.has(id))
          throw new ProviderRpcError(
            4902,
            `Unrecognized chain ID "${numberToHex(id)}". Try adding the chain using wallet_addEthereumChain first.`,
          )
        if (id !== current) {
          current = id
          emit({ event: 'chainChanged', data: numberToHex(id) })
        }
        return null
      }
      case 'wallet_addEthereumChain': {
        const parameter = (args[0] ?? {}) as AddChainParameter
        const id = parseChainId(parameter.chainId)
        const rpcUrl = Array.isArray(parameter.rpcUrls) ? parameter.rpcUrls[0] : undefined
        if (typeof rpcUrl !== 'string' || !/^https?:\/\//.test(rpcUrl))
          throw new ProviderRpcError(
            -32602,
            'wallet_addEthereumChain needs an http(s) URL in rpcUrls.',
          )
        chains.set(id, rpcUrl)
        return null
      }
      case 'personal_sign': {
        const [message, address] = args
        requireConnected(address)
        if (typeof message !== 'string')
          throw new ProviderRpcError(-32602, 'personal_sign needs a message string.')
        // Hex is signed as bytes, anything else as UTF-8 text (as MetaMask does).
        return account.signMessage({ message: isHex(message) ? { raw: message } : message })
      }
      case 'eth_signTypedData_v4': {
        const [address, data] = args
        requireConnected(address)
        const typedData = (
          typeof data === 'string' ? JSON.parse(data) : data
        ) as TypedDataDefinition
        const { EIP712Domain: _domainType, ...types } = typedData.types as Record<string, unknown>
        return account.signTypedData({ ...typedData, types } as TypedDataDefinition)
      }
      case 'eth_sendTransaction': {
        const transaction = (args[0] ?? {}) as Record<string, unknown>
        const sent = sending.then(() => sendTransaction(transaction))
        sending = sent.catch(() => {})
        return sent
      }
      case 'eth_sign':
      case 'eth_signTransaction':
      case 'eth_getEncryptionPublicKey':
      case 'eth_decrypt':
        throw new ProviderRpcError(4200, `The test wallet does not support ${method}.`)
      default:
        return forward(method, params)
    }
  }

  return { request, chainId: () => current }
}

/**
 * Any failure as the `{ code, message, data? }` an EIP-1193 provider rejects with. A viem error
 * keeps the code and data of the JSON-RPC error under it (a revert's data, for example), so the
 * page can decode it as it would from MetaMask.
 */
export function toProviderError(error: unknown): { code: number; message: string; data?: unknown } {
  for (let cause: unknown = error; cause instanceof Error; cause = cause.cause) {
    const { code, data } = cause as { code?: unknown; data?: unknown }
    if (typeof code === 'number') {
      const message = (cause as { shortMessage?: string }).shortMessage ?? cause.message
      return data === undefined ? { code, message } : { code, message, data }
    }
  }
  return { code: -32603, message: error instanceof Error ? error.message : String(error) }
}
