// Faults against real Kubo daemons: the node dying mid-publish, and a gateway serving tampered blocks.
import { createServer, request, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { type KuboNode, type KuboPair, startKuboNode, startKuboPair } from '@medchain/test'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { StorageUnavailableError } from '../../src/exports/index.js'
import {
  ContentIntegrityError,
  createGatewayReader,
  createKuboStore,
  type RecordStore,
} from '../../src/exports/storage.js'
import { startWorld, type World } from '../integration/setup.js'
import { chunksOf, kuboBinary, MiB, pseudoRandomBytes, sameBytes } from './setup.js'

describe('Kubo: node A stopped mid-publish', () => {
  let world: World
  let node: KuboNode
  beforeAll(async () => {
    kuboBinary()
    ;[world, node] = await Promise.all([startWorld(), startKuboNode()])
  })
  afterAll(async () => {
    await Promise.all([node?.stop(), world?.stop()])
  })

  it('rejects with StorageUnavailableError and anchors nothing on chain', async () => {
    const kubo = createKuboStore({ url: node.rpcUrl })
    let killAfterBytes = Number.POSITIVE_INFINITY
    let killedAt: number | undefined
    // Node A's store with a tripwire: the record is handed to the node in 1 MiB chunks, and once
    // `killAfterBytes` have gone out the daemon is killed (SIGKILL by PID, like a crash) before
    // the next chunk, so the upload is cut off half-way.
    async function* tripwire(bytes: Uint8Array) {
      for (let offset = 0; offset < bytes.length; offset += MiB) {
        if (killedAt === undefined && offset >= killAfterBytes) {
          killedAt = offset
          await node.stop({ kill: true })
        }
        yield bytes.subarray(offset, offset + MiB)
      }
    }
    const storage: RecordStore = {
      ...kubo,
      put: (data, options) => kubo.put(data instanceof Uint8Array ? tripwire(data) : data, options),
    }
    const patient = world.clientFor(world.local.accounts.patient, { storage })
    await patient.registerPatient({ profile: { name: 'Crash', age: 52 } })
    await patient.publishRecord({ scope: 7, data: 'warm up the scope key' })
    const before = (await patient.listRecords()).count

    killAfterBytes = 4 * MiB
    const error = await patient
      .publishRecord({ scope: 7, data: pseudoRandomBytes(24 * MiB, 3) })
      .catch((e: unknown) => e)
    expect(killedAt).toBeGreaterThanOrEqual(4 * MiB)
    expect(killedAt).toBeLessThan(24 * MiB)
    expect(error).toBeInstanceOf(StorageUnavailableError)
    expect((error as Error).message).toMatch(/Kubo RPC at/)
    expect((await patient.listRecords()).count).toBe(before)

    // A publish against the dead node fails the same way, before anything reaches the chain.
    const again = await patient.publishRecord({ scope: 7, data: 'later' }).catch((e) => e)
    expect(again).toBeInstanceOf(StorageUnavailableError)
    expect((await patient.listRecords()).count).toBe(before)
  })
})

/**
 * A reverse proxy in front of a gateway that flips one byte in the body of each response whose
 * path `shouldTamper` selects (the real response otherwise, headers and status included).
 */
async function startTamperingProxy(
  target: string,
  shouldTamper: (path: string) => boolean,
): Promise<{ url: string; tampered: string[]; server: Server }> {
  const tampered: string[] = []
  const upstream = new URL(target)
  const server = createServer((req, res) => {
    const forward = request(
      {
        host: upstream.hostname,
        port: upstream.port,
        method: req.method,
        path: req.url,
        headers: { ...req.headers, host: upstream.host },
      },
      (response) => {
        const chunks: Buffer[] = []
        response.on('data', (chunk: Buffer) => chunks.push(chunk))
        response.on('end', () => {
          const body = Buffer.concat(chunks)
          if (req.method === 'GET' && response.statusCode === 200 && body.length > 0) {
            if (shouldTamper(req.url ?? '')) {
              body[body.length >> 1]! ^= 0x01
              tampered.push(req.url ?? '')
            }
          }
          const headers = { ...response.headers }
          delete headers['transfer-encoding']
          if (req.method === 'GET') headers['content-length'] = String(body.length)
          res.writeHead(response.statusCode ?? 502, headers)
          res.end(body)
        })
      },
    )
    forward.on('error', () => res.destroy())
    req.pipe(forward)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return { url: `http://127.0.0.1:${port}`, tampered, server }
}

describe("Kubo: a tampering proxy in front of B's gateway", () => {
  let pair: KuboPair
  const servers: Server[] = []
  beforeAll(async () => {
    kuboBinary()
    pair = await startKuboPair()
  })
  afterAll(async () => {
    for (const server of servers) server.close()
    await pair?.stop()
  })

  it('a tampered block is refused with ContentIntegrityError; the honest path reads the same CID', async () => {
    const bytes = pseudoRandomBytes(3 * MiB + 5, 21) // root + 4 leaves
    const cid = (await createKuboStore({ url: pair.a.rpcUrl }).put(bytes)).toString()

    const honest = await startTamperingProxy(pair.b.gatewayUrl, () => false)
    const rootOnly = await startTamperingProxy(pair.b.gatewayUrl, (path) => path.includes(cid))
    const leaves = await startTamperingProxy(pair.b.gatewayUrl, (path) => !path.includes(cid))
    servers.push(honest.server, rootOnly.server, leaves.server)

    // Through the proxy untouched: B fetched the blocks from A and they verify.
    expect(sameBytes(await createGatewayReader({ url: honest.url }).get(cid), bytes)).toBe(true)

    const root = await createGatewayReader({ url: rootOnly.url })
      .get(cid)
      .catch((e) => e)
    expect(root).toBeInstanceOf(ContentIntegrityError)
    expect(rootOnly.tampered.length).toBeGreaterThan(0)

    const leaf = await createGatewayReader({ url: leaves.url })
      .get(cid)
      .catch((e) => e)
    expect(leaf).toBeInstanceOf(ContentIntegrityError)
    expect(leaves.tampered.length).toBeGreaterThan(0)

    // Streaming refuses it too (after at most the blocks that verified).
    const streamError = await (async () => {
      for await (const _ of chunksOf(createGatewayReader({ url: leaves.url }).stream(cid))) {
      }
    })().catch((e) => e)
    expect(streamError).toBeInstanceOf(ContentIntegrityError)
  })
})
