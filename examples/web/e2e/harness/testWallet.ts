// The EIP-1193 wallet the end-to-end tests inject into every page of a browser context, in place
// of MetaMask: announced over EIP-6963 like any extension wallet, with the key and the signing kept
// in Node (testWalletRpc.ts). The page only holds a thin provider that calls into Node.

import { randomUUID } from 'node:crypto'
import type { BrowserContext } from 'playwright-core'
import {
  createTestWalletRpc,
  type TestWalletEvent,
  type TestWalletOptions,
  toProviderError,
} from './testWalletRpc'

/** The EIP-6963 provider info of the test wallet (its `uuid` is new for every context). */
export const testWalletInfo = {
  name: 'MedChain Test Wallet',
  rdns: 'dev.medchain.test-wallet',
  icon: `data:image/svg+xml,${encodeURIComponent(
    "<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 32 32'><rect width='32' height='32' rx='7' fill='#0b7285'/><path d='M13 7h6v6h6v6h-6v6h-6v-6H7v-6h6z' fill='#fff'/></svg>",
  )}`,
} as const

const bindingName = '__medchainTestWalletRequest'

type Reply = { result: unknown } | { error: { code: number; message: string; data?: unknown } }

/** Runs in the page (and every frame) before its own scripts: the provider and its EIP-6963 announcement. */
function pageScript(init: {
  info: { uuid: string; name: string; icon: string; rdns: string }
  binding: string
}) {
  type Listener = (data: unknown) => void
  const scope = window as unknown as Record<string, unknown>
  if (scope.__medchainTestWallet) return
  const listeners = new Map<string, Set<Listener>>()
  const call = scope[init.binding] as (payload: {
    method: string
    params?: unknown
  }) => Promise<Reply>
  const provider = {
    isMedChainTestWallet: true,
    async request(args: { method: string; params?: unknown }) {
      if (!args || typeof args.method !== 'string')
        throw Object.assign(new Error('request needs { method, params? }'), { code: -32600 })
      const reply = await call({ method: args.method, params: args.params })
      if ('error' in reply) {
        const { code, message, data } = reply.error
        throw Object.assign(new Error(message), data === undefined ? { code } : { code, data })
      }
      return reply.result
    },
    on(event: string, listener: Listener) {
      const set = listeners.get(event) ?? new Set<Listener>()
      set.add(listener)
      listeners.set(event, set)
      return provider
    },
    removeListener(event: string, listener: Listener) {
      listeners.get(event)?.delete(listener)
      return provider
    },
  }
  scope.__medchainTestWallet = {
    emit(event: string, data: unknown) {
      for (const listener of listeners.get(event) ?? []) {
        try {
          listener(data)
        } catch (error) {
          console.error(error)
        }
      }
    },
  }
  const detail = Object.freeze({ info: Object.freeze({ ...init.info }), provider })
  const announce = () =>
    window.dispatchEvent(new CustomEvent('eip6963:announceProvider', { detail }))
  window.addEventListener('eip6963:requestProvider', announce)
  announce()
}

/**
 * Injects the test wallet into every page of `context`: an EIP-1193 provider announced over
 * EIP-6963 as "MedChain Test Wallet", signing with `privateKey` in Node. It handles accounts, chain
 * switching (4902 for an unknown chain), `personal_sign`, `eth_signTypedData_v4` and
 * `eth_sendTransaction`, emits `chainChanged` / `accountsChanged`, and forwards the rest to `rpcUrl`.
 * The wallet's state (connected, current chain) is shared by the context's pages, like an extension's.
 *
 * @example
 * ```ts
 * const context = await browser.newContext()
 * await installTestWallet(context, { privateKey: stack.accounts.patient.privateKey, rpcUrl, chainId: 31337 })
 * const page = await context.newPage()
 * ```
 */
export async function installTestWallet(
  context: BrowserContext,
  options: TestWalletOptions,
): Promise<void> {
  const emitToPages = ({ event, data }: TestWalletEvent) => {
    for (const page of context.pages())
      page
        .evaluate(
          ({ event, data }) =>
            (
              window as unknown as {
                __medchainTestWallet?: { emit(event: string, data: unknown): void }
              }
            ).__medchainTestWallet?.emit(event, data),
          { event, data },
        )
        .catch(() => {}) // a page that is closing or navigating misses the event, like a real tab
  }
  const wallet = createTestWalletRpc(options, emitToPages)
  await context.exposeBinding(
    bindingName,
    async (_source, payload: { method: string; params?: unknown }): Promise<Reply> => {
      try {
        return { result: await wallet.request(payload.method, payload.params) }
      } catch (error) {
        return { error: toProviderError(error) }
      }
    },
  )
  await context.addInitScript(pageScript, {
    info: { uuid: randomUUID(), ...testWalletInfo },
    binding: bindingName,
  })
}
