import { execFileSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createPublicClient, http } from 'viem'
import { describe, expect, it } from 'vitest'
import { startWebStack } from './stack'

/** Whether a process with this PID exists (signal 0 checks without signalling). */
function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}

/** PIDs of this process's child processes running the anvil binary. */
function anvilChildren(): string[] {
  const out = execFileSync('ps', ['-o', 'pid=,comm=', '--ppid', String(process.pid)], {
    encoding: 'utf8',
  })
  return out
    .split('\n')
    .filter((line) => /\banvil\b/.test(line))
    .map((line) => line.trim().split(/\s+/)[0]!)
}

describe('startWebStack', () => {
  it('starts anvil with MedChain deployed and the storage node; stop() stops both and removes its temp folder', async () => {
    const stack = await startWebStack()
    let stopped = false
    try {
      const { config, accounts } = stack
      expect(config).toMatchObject({ chainId: 31337, chainName: 'Local anvil' })
      expect(config.rpcUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
      expect(config.storageUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
      expect(config.startBlock).toMatch(/^\d+$/)

      // The contract is deployed at the configured address, from the admin account (anvil 0).
      const client = createPublicClient({ transport: http(config.rpcUrl) })
      expect(await client.getChainId()).toBe(config.chainId)
      const code = await client.getCode({ address: config.contractAddress })
      expect(code && code.length > 2).toBe(true)
      const deployment = await client.getBlock({
        blockNumber: BigInt(config.startBlock),
        includeTransactions: true,
      })
      expect(deployment.transactions.map((tx) => tx.from.toLowerCase())).toContain(
        accounts.admin.address.toLowerCase(),
      )

      // Anvil's default accounts 0-5 in role order, with their keys, each funded.
      expect(accounts.admin.address).toBe('0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266')
      expect(accounts.doctor.address).toBe('0x70997970C51812dc3A010C7d01b50e0d17dc79C8')
      expect(accounts.delegate.address).toBe('0x9965507D1a55bcC2695C58ba16FB37d819B0A4dc')
      expect(accounts.admin.privateKey).toBe(
        '0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80',
      )
      const addresses = Object.values(accounts).map((account) => account.address)
      expect(new Set(addresses).size).toBe(6)
      for (const address of addresses)
        expect(await client.getBalance({ address })).toBeGreaterThan(10n ** 21n)

      // The storage node answers the Kubo RPC API.
      const version = await fetch(`${config.storageUrl}/api/v0/version`, { method: 'POST' })
      expect(version.status).toBe(200)
      expect(existsSync(stack.storageDir)).toBe(true)
      expect(isRunning(stack.anvilPid)).toBe(true)

      await stack.stop()
      stopped = true
      expect(isRunning(stack.anvilPid)).toBe(false)
      await expect(
        fetch(`${config.storageUrl}/api/v0/version`, { method: 'POST' }),
      ).rejects.toThrow()
      expect(existsSync(stack.storageDir)).toBe(false)
    } finally {
      if (!stopped) await stack.stop()
    }
  })

  it('stops the anvil it started when the storage node cannot start', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'medchain-web-broken-'))
    try {
      // A file where the store's folder should be: the storage node fails, anvil has started.
      await writeFile(join(dataDir, 'ipfs'), 'not a folder')
      const before = anvilChildren()
      await expect(startWebStack({ dataDir })).rejects.toMatchObject({
        name: 'StorageUnavailableError',
      })
      expect(anvilChildren()).toEqual(before)
    } finally {
      await rm(dataDir, { recursive: true, force: true })
    }
  })
})
