import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { walletKeyTypedData } from '@medchain/sdk/crypto'
import { type Anvil, startAnvil } from '@medchain/test'
import type { BrowserContext, Page } from 'playwright-core'
import {
  createTestClient,
  type Hex,
  http,
  publicActions,
  verifyMessage,
  verifyTypedData,
} from 'viem'
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { stackAccounts } from '../../dev/stack'
import { launchChromium } from './chromium'
import { installTestWallet, testWalletInfo } from './testWallet'

const { doctor, otherPatient } = stackAccounts()
let anvil: Anvil
let server: Server
let pageUrl: string
let chromium: Awaited<ReturnType<typeof launchChromium>>
const contexts: BrowserContext[] = []

type Eip6963Detail = { info: { uuid: string; name: string; icon: string; rdns: string } }

/** A page with the wallet installed, on a blank page served from 127.0.0.1. */
async function walletPage(
  options: { walletChainId?: number; privateKey?: Hex } = {},
): Promise<Page> {
  const context = await chromium.browser.newContext()
  contexts.push(context)
  await installTestWallet(context, {
    rpcUrl: anvil.rpcUrl,
    chainId: 31337,
    ...options,
    privateKey: options.privateKey ?? doctor.privateKey,
  })
  const page = await context.newPage()
  await page.goto(pageUrl)
  // Find the wallet the way a dApp does (EIP-6963), keep its provider and record its events.
  await page.evaluate(() => {
    const scope = window as unknown as Record<string, unknown>
    const events: unknown[] = []
    scope.walletEvents = events
    window.addEventListener('eip6963:announceProvider', (event) => {
      const detail = (event as CustomEvent).detail
      scope.announced = [...((scope.announced as unknown[]) ?? []), detail.info]
      scope.provider = detail.provider
      for (const name of ['chainChanged', 'accountsChanged'])
        detail.provider.on(name, (data: unknown) => events.push({ name, data }))
    })
    window.dispatchEvent(new Event('eip6963:requestProvider'))
  })
  return page
}

/** `provider.request(...)` in the page: `{ result }` or the thrown error's `{ code, message, isError }`. */
function request(page: Page, method: string, params?: unknown) {
  return page.evaluate(
    async ({ method, params }) => {
      const provider = (
        window as unknown as { provider: { request: (a: unknown) => Promise<unknown> } }
      ).provider
      try {
        return { result: await provider.request({ method, params }) }
      } catch (error) {
        const { code, message } = error as { code: number; message: string }
        return { error: { code, message, isError: error instanceof Error } }
      }
    },
    { method, params },
  )
}

beforeAll(async () => {
  anvil = await startAnvil()
  server = createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
    response.end('<!doctype html><html><head><title>wallet test</title></head><body></body></html>')
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  pageUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`
  chromium = await launchChromium()
})

afterAll(async () => {
  for (const context of contexts) await context.close().catch(() => {})
  await chromium?.close()
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()))
  await anvil?.stop()
})

describe('installTestWallet in Chromium', () => {
  it('is discovered over EIP-6963 and connects', async () => {
    const page = await walletPage()
    const announced = (await page.evaluate(
      () => (window as unknown as { announced: Eip6963Detail['info'][] }).announced,
    )) as Eip6963Detail['info'][]
    expect(announced).toHaveLength(1)
    expect(announced[0]).toMatchObject({
      name: testWalletInfo.name,
      rdns: 'dev.medchain.test-wallet',
    })
    expect(announced[0]!.uuid).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    )
    expect(announced[0]!.icon).toMatch(/^data:image\/svg\+xml,/)

    expect(await request(page, 'eth_accounts')).toEqual({ result: [] })
    expect(await request(page, 'eth_requestAccounts')).toEqual({ result: [doctor.address] })
    expect(await request(page, 'eth_accounts')).toEqual({ result: [doctor.address] })
    expect(await request(page, 'eth_chainId')).toEqual({ result: '0x7a69' })
    // Anything else goes to the chain.
    const block = await request(page, 'eth_blockNumber')
    expect(block.result).toMatch(/^0x[0-9a-f]+$/)
    await expect
      .poll(() =>
        page.evaluate(() => (window as unknown as { walletEvents: unknown[] }).walletEvents),
      )
      .toEqual([{ name: 'accountsChanged', data: [doctor.address] }])
  })

  it('signs typed data (v4) and messages; the signatures verify and match the local account', async () => {
    const page = await walletPage()
    await request(page, 'eth_requestAccounts')
    // The typed data the app's wallet key provider asks for, serialized as viem sends it.
    const typedData = {
      ...walletKeyTypedData,
      message: {
        purpose: 'Unlock my MedChain encryption key.',
        account: doctor.address,
        keyVersion: 1n,
      },
    }
    const json = JSON.stringify(typedData, (_key, value) =>
      typeof value === 'bigint' ? value.toString() : value,
    )
    const signed = await request(page, 'eth_signTypedData_v4', [doctor.address, json])
    const signature = signed.result as Hex
    expect(await verifyTypedData({ address: doctor.address, signature, ...typedData })).toBe(true)
    // Deterministic and equal to the account's own signature: the app derives the seeded users' keys.
    expect(signature).toBe(await privateKeyToAccount(doctor.privateKey).signTypedData(typedData))

    const text = await request(page, 'personal_sign', ['0x68656c6c6f', doctor.address])
    expect(
      await verifyMessage({
        address: doctor.address,
        message: { raw: '0x68656c6c6f' },
        signature: text.result as Hex,
      }),
    ).toBe(true)
    // Another address than the wallet's is refused with 4100.
    expect(await request(page, 'personal_sign', ['0x00', otherPatient.address])).toMatchObject({
      error: { code: 4100, isError: true },
    })
  })

  it('sends a transaction that mines on anvil, signed in Node', async () => {
    // A key anvil does not hold, so only a locally signed transaction can go through.
    const key = generatePrivateKey()
    const sender = privateKeyToAccount(key)
    const client = createTestClient({ mode: 'anvil', transport: http(anvil.rpcUrl) }).extend(
      publicActions,
    )
    await client.setBalance({ address: sender.address, value: 10n ** 18n })
    const page = await walletPage({ privateKey: key })
    await request(page, 'eth_requestAccounts')
    const before = await client.getBalance({ address: otherPatient.address })
    const sent = await request(page, 'eth_sendTransaction', [
      { from: sender.address, to: otherPatient.address, value: '0x2386f26fc10000' }, // 0.01 ETH
    ])
    const receipt = await client.waitForTransactionReceipt({ hash: sent.result as Hex })
    expect(receipt.status).toBe('success')
    expect(receipt.from.toLowerCase()).toBe(sender.address.toLowerCase())
    expect((await client.getBalance({ address: otherPatient.address })) - before).toBe(10n ** 16n)
  })

  it('switches chains: 4902 for an unknown chain, then add, switch and chainChanged', async () => {
    const page = await walletPage()
    const unknown = await request(page, 'wallet_switchEthereumChain', [{ chainId: '0x539' }])
    expect(unknown).toMatchObject({ error: { code: 4902, isError: true } })
    expect(unknown.error?.message).toMatch(/Unrecognized chain ID "0x539"/)

    const added = await request(page, 'wallet_addEthereumChain', [
      {
        chainId: '0x539',
        chainName: 'Other',
        rpcUrls: [anvil.rpcUrl],
        nativeCurrency: { name: 'Ether', symbol: 'ETH', decimals: 18 },
      },
    ])
    expect(added).toEqual({ result: null })
    expect(await request(page, 'eth_chainId')).toEqual({ result: '0x7a69' })
    expect(await request(page, 'wallet_switchEthereumChain', [{ chainId: '0x539' }])).toEqual({
      result: null,
    })
    expect(await request(page, 'eth_chainId')).toEqual({ result: '0x539' })
    await expect
      .poll(() =>
        page.evaluate(() => (window as unknown as { walletEvents: unknown[] }).walletEvents),
      )
      .toEqual([{ name: 'chainChanged', data: '0x539' }])
  })

  it('starts on walletChainId (the wrong network) and switches to the known chain', async () => {
    const page = await walletPage({ walletChainId: 1 })
    expect(await request(page, 'eth_chainId')).toEqual({ result: '0x1' })
    expect(await request(page, 'eth_blockNumber')).toMatchObject({ error: { code: 4901 } })
    expect(await request(page, 'wallet_switchEthereumChain', [{ chainId: '0x7a69' }])).toEqual({
      result: null,
    })
    expect(await request(page, 'eth_chainId')).toEqual({ result: '0x7a69' })
  })
})
