import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { MedChainWebConfig } from '../../src/config'
import { type StaticServer, serveStatic } from './staticServer'

const config: MedChainWebConfig = {
  chainId: 31337,
  chainName: 'Local anvil',
  rpcUrl: 'http://127.0.0.1:8545',
  contractAddress: '0x5FbDB2315678afecb367f032d93F642f64180aa3',
  startBlock: '1',
  storageUrl: 'http://127.0.0.1:5001',
}
const indexHtml = '<!doctype html><title>app</title><div id="root"></div>'
let dist: string
let server: StaticServer

beforeAll(async () => {
  dist = await mkdtemp(join(tmpdir(), 'medchain-static-'))
  await mkdir(join(dist, 'assets'))
  await writeFile(join(dist, 'index.html'), indexHtml)
  await writeFile(join(dist, 'assets', 'app-1a2b.js'), 'console.log(1)')
  await writeFile(join(dist, 'assets', 'app-1a2b.css'), 'body{}')
  await writeFile(join(dist, 'favicon.svg'), '<svg/>')
  server = await serveStatic(dist, config)
})

afterAll(async () => {
  await server?.stop()
  await rm(dist, { recursive: true, force: true })
})

const get = (path: string) => fetch(`${server.url}${path}`)

describe('serveStatic', () => {
  it('serves files with their content types', async () => {
    const cases = [
      ['/', 'text/html; charset=utf-8', indexHtml],
      ['/assets/app-1a2b.js', 'text/javascript; charset=utf-8', 'console.log(1)'],
      ['/assets/app-1a2b.css', 'text/css; charset=utf-8', 'body{}'],
      ['/favicon.svg', 'image/svg+xml', '<svg/>'],
    ] as const
    for (const [path, type, body] of cases) {
      const response = await get(path)
      expect([path, response.status, response.headers.get('content-type')]).toEqual([
        path,
        200,
        type,
      ])
      expect(await response.text()).toBe(body)
    }
  })

  it('answers client-side routes with index.html, and a missing asset with 404', async () => {
    for (const path of ['/patient', '/doctor/records', '/admin?tab=pending']) {
      const response = await get(path)
      expect(response.status).toBe(200)
      expect(await response.text()).toBe(indexHtml)
    }
    expect((await get('/assets/missing.js')).status).toBe(404)
  })

  it('serves /medchain.config.json from the config it was given', async () => {
    const response = await get('/medchain.config.json')
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8')
    expect(await response.json()).toEqual(config)
  })

  it('never serves files outside the dist folder', async () => {
    const response = await get('/..%2F..%2Fetc%2Fpasswd')
    expect([403, 404]).toContain(response.status)
    expect(await response.text()).not.toContain('root:')
  })
})
