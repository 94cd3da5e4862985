import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  type KuboPair,
  kuboBinaryPath,
  kuboVersion,
  requireKuboBinary,
  startKuboNode,
  startKuboPair,
} from './kubo.js'

const isRunning = (pid: number) => {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}

async function rpc(url: string, path: string, body?: { name: string; data: Uint8Array }) {
  const init: RequestInit = { method: 'POST' }
  if (body) {
    const form = new FormData()
    form.append('file', new Blob([body.data as Uint8Array<ArrayBuffer>]), body.name)
    init.body = form
  }
  const response = await fetch(new URL(`/api/v0/${path}`, url), init)
  expect(response.status, await response.clone().text()).toBe(200)
  return response
}

describe('Kubo test setup', () => {
  it('a missing binary fails with a message naming the install script', () => {
    expect(() => requireKuboBinary('/nonexistent/ipfs')).toThrow(/scripts\/kubo\/install\.sh/)
  })

  it(`the installed binary is Kubo ${kuboVersion}`, () => {
    const binary = requireKuboBinary()
    const out = spawnSync(binary, ['version', '--number'], { encoding: 'utf8' })
    expect(out.stdout.trim()).toBe(kuboVersion)
  })

  describe('two nodes', () => {
    let pair: KuboPair
    beforeAll(async () => {
      pair = await startKuboPair()
    })
    afterAll(() => pair?.stop())

    it('run on loopback with their own repos, ports and identities', () => {
      const { a, b } = pair
      for (const node of [a, b]) {
        expect(node.rpcUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
        expect(node.gatewayUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
        expect(node.multiaddr).toBe(`${node.multiaddr.split('/p2p/')[0]}/p2p/${node.peerId}`)
        expect(node.multiaddr).toMatch(/^\/ip4\/127\.0\.0\.1\/tcp\/\d+\/p2p\//)
        expect(isRunning(node.pid)).toBe(true)
      }
      expect(a.repoDir).not.toBe(b.repoDir)
      expect(a.peerId).not.toBe(b.peerId)
      expect(a.rpcUrl).not.toBe(b.rpcUrl)
    })

    it('announce no public address and know only each other', async () => {
      const { a, b } = pair
      for (const node of [a, b]) {
        const id = await (await rpc(node.rpcUrl, 'id')).json()
        for (const addr of id.Addresses ?? []) expect(addr).toMatch(/^\/ip4\/127\.0\.0\.1\//)
        const peers = await (await rpc(node.rpcUrl, 'swarm/peers')).json()
        expect((peers.Peers ?? []).map((p: { Peer: string }) => p.Peer)).toEqual([
          node === a ? b.peerId : a.peerId,
        ])
      }
    })

    it('a block added on A is served by B', async () => {
      const data = new TextEncoder().encode(`hello from A ${Date.now()}`)
      const added = await (await rpc(pair.a.rpcUrl, 'add', { name: 'x', data })).json()
      const got = await rpc(pair.b.rpcUrl, `block/get?arg=${added.Hash}`)
      expect(new Uint8Array(await got.arrayBuffer())).toEqual(data)
    })
  })

  it('stop() ends the daemon by PID and removes its repo', async () => {
    const node = await startKuboNode()
    await node.stop()
    expect(isRunning(node.pid)).toBe(false)
    expect(existsSync(node.repoDir)).toBe(false)
    await node.stop() // idempotent
  })

  it('stop({ kill: true }) kills at once, like a crash', async () => {
    const node = await startKuboNode()
    await node.stop({ kill: true })
    expect(isRunning(node.pid)).toBe(false)
    expect(
      await fetch(`${node.rpcUrl}/api/v0/id`, { method: 'POST' }).catch((e) => e),
    ).toBeInstanceOf(Error)
  })

  it('kuboBinaryPath honours MEDCHAIN_KUBO_BIN', () => {
    const saved = process.env.MEDCHAIN_KUBO_BIN
    process.env.MEDCHAIN_KUBO_BIN = '/somewhere/ipfs'
    try {
      expect(kuboBinaryPath()).toBe('/somewhere/ipfs')
    } finally {
      if (saved === undefined) delete process.env.MEDCHAIN_KUBO_BIN
      else process.env.MEDCHAIN_KUBO_BIN = saved
    }
  })
})
