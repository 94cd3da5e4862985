import { createPublicClient, http } from 'viem'
import { describe, expect, it } from 'vitest'
import { startAnvil } from './anvil.js'

describe('startAnvil', () => {
  it('starts a real chain on a free port and stops it by PID', async () => {
    const anvil = await startAnvil()
    const client = createPublicClient({ transport: http(anvil.rpcUrl) })
    expect(await client.getChainId()).toBe(31337)
    await anvil.stop()
    expect(() => process.kill(anvil.pid, 0)).toThrow()
    await expect(client.getChainId()).rejects.toThrow()
  })

  it('runs two chains side by side on different ports', async () => {
    const [a, b] = await Promise.all([startAnvil(), startAnvil()])
    try {
      expect(a.port).not.toBe(b.port)
    } finally {
      await Promise.all([a.stop(), b.stop()])
    }
  })
})
