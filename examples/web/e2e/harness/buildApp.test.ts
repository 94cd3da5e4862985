import { existsSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { buildWebApp } from './buildApp'
import { serveStatic } from './staticServer'

describe('buildWebApp', () => {
  it('builds the production app once per process, and serveStatic serves it', async () => {
    const started = performance.now()
    const dist = await buildWebApp()
    const firstMs = performance.now() - started
    const again = performance.now()
    expect(await buildWebApp()).toBe(dist)
    const secondMs = performance.now() - again
    console.log(`vite build: ${firstMs.toFixed(0)} ms; memoized call: ${secondMs.toFixed(1)} ms`)
    expect(secondMs).toBeLessThan(50)

    const html = await readFile(join(dist, 'index.html'), 'utf8')
    const scripts = [...html.matchAll(/<script[^>]+src="([^"]+)"/g)].map((match) => match[1]!)
    expect(scripts.length).toBeGreaterThan(0)
    for (const script of scripts) expect(existsSync(join(dist, script))).toBe(true)

    const server = await serveStatic(dist, {
      chainId: 31337,
      chainName: 'Local anvil',
      rpcUrl: 'http://127.0.0.1:8545',
      contractAddress: '0x5FbDB2315678afecb367f032d93F642f64180aa3',
      startBlock: '1',
      storageUrl: 'http://127.0.0.1:5001',
    })
    try {
      const response = await fetch(`${server.url}${scripts[0]}`)
      expect(response.headers.get('content-type')).toBe('text/javascript; charset=utf-8')
      expect((await response.text()).length).toBeGreaterThan(1000)
    } finally {
      await server.stop()
    }
  })
})
