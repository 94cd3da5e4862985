import { type ChildProcess, execFile, spawn } from 'node:child_process'
import { accessSync, constants } from 'node:fs'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { homedir, tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { killOnExit } from './killOnExit.js'

/** The Kubo version `scripts/kubo/install.sh` builds (see there why not a newer one). */
export const kuboVersion = '0.42.0'

/** A running Kubo daemon started by {@link startKuboNode}. */
export type KuboNode = {
  /** RPC API base URL, `http://127.0.0.1:<port>` (for `createKuboStore({ url })`). */
  rpcUrl: string
  /** Gateway base URL, `http://127.0.0.1:<port>` (trustless: raw blocks and CARs only). */
  gatewayUrl: string
  peerId: string
  /** The loopback swarm address to dial, `/ip4/127.0.0.1/tcp/<port>/p2p/<peerId>`. */
  multiaddr: string
  pid: number
  /** The node's repo folder (`IPFS_PATH`). */
  repoDir: string
  /**
   * Stops the daemon by its PID (SIGTERM, SIGKILL after 10 s; `{ kill: true }` for an immediate
   * SIGKILL, like a crash), waits until it has exited, and removes the repo folder if this setup
   * created it. Calling it again is a no-op.
   */
  stop: (options?: { kill?: boolean }) => Promise<void>
}

export type StartKuboNodeOptions = {
  /** Path of the `ipfs` binary. Default: {@link kuboBinaryPath}. */
  binary?: string
  /** Repo folder to init (must not exist yet or be empty). Default: a fresh temp folder, removed by `stop`. */
  repoDir?: string
  /** How long to wait for the daemon to be ready. Default 30 s. */
  timeoutMs?: number
}

/** Two connected nodes from {@link startKuboPair}: B has dialled A. */
export type KuboPair = {
  a: KuboNode
  b: KuboNode
  /** Stops both nodes (by PID) and removes their repos. */
  stop: () => Promise<void>
}

const installHint =
  'Run `scripts/kubo/install.sh` from the repository root (builds Kubo once into the cache, a few minutes), ' +
  'or set MEDCHAIN_KUBO_BIN to an ipfs binary.'

/** The folder `scripts/kubo/install.sh` installs into: `$MEDCHAIN_KUBO_CACHE`, default `~/.cache/medchain-kubo`. */
export function kuboCacheDir(): string {
  return process.env.MEDCHAIN_KUBO_CACHE || join(homedir(), '.cache', 'medchain-kubo')
}

/**
 * Where the Kubo binary is expected: `$MEDCHAIN_KUBO_BIN` if set, else `<kuboCacheDir()>/bin/ipfs`.
 * `PATH` is deliberately not searched, so the tests never pick up some other Kubo version.
 */
export function kuboBinaryPath(): string {
  return process.env.MEDCHAIN_KUBO_BIN || join(kuboCacheDir(), 'bin', 'ipfs')
}

/** True when {@link kuboBinaryPath} (or `binary`) is an executable file. */
export function isKuboInstalled(binary: string = kuboBinaryPath()): boolean {
  try {
    accessSync(binary, constants.X_OK)
    return true
  } catch {
    return false
  }
}

/**
 * Returns the Kubo binary path, or throws an error that says how to install it. The Kubo tests
 * call this first so a missing binary fails them with that message instead of skipping them.
 */
export function requireKuboBinary(binary: string = kuboBinaryPath()): string {
  if (isKuboInstalled(binary)) return binary
  const from = process.env.MEDCHAIN_KUBO_BIN
    ? 'MEDCHAIN_KUBO_BIN'
    : process.env.MEDCHAIN_KUBO_CACHE
      ? '$MEDCHAIN_KUBO_CACHE/bin/ipfs'
      : 'the default cache'
  throw new Error(`Kubo is not installed: no executable at ${binary} (${from}). ${installHint}`)
}

const exec = promisify(execFile)
/** Settings on top of `ipfs init --profile test` (loopback, port 0, no bootstrap, no MDNS). */
// biome-ignore lint/suspicious/noExplicitAny: Kubo's config file is an open JSON document
function configure(config: Record<string, any>): void {
  config.Addresses = {
    ...config.Addresses,
    API: '/ip4/127.0.0.1/tcp/0',
    Gateway: '/ip4/127.0.0.1/tcp/0',
    Swarm: ['/ip4/127.0.0.1/tcp/0'],
    Announce: [],
    AppendAnnounce: [],
    NoAnnounce: [],
  }
  config.Bootstrap = []
  config.Peering = { Peers: [] }
  config.Discovery = { MDNS: { Enabled: false } }
  // No DHT: the nodes are connected explicitly, and Bitswap asks connected peers directly.
  config.Routing = { ...config.Routing, Type: 'none', DelegatedRouters: [] }
  config.AutoConf = { ...config.AutoConf, Enabled: false }
  config.AutoTLS = { ...config.AutoTLS, Enabled: false }
  config.AutoNAT = { ...config.AutoNAT, ServiceMode: 'disabled' }
  config.HTTPRetrieval = { ...config.HTTPRetrieval, Enabled: false }
  config.Swarm = {
    ...config.Swarm,
    DisableNatPortMap: true,
    RelayClient: { ...config.Swarm?.RelayClient, Enabled: false },
    RelayService: { ...config.Swarm?.RelayService, Enabled: false },
  }
  // A trustless gateway, like the one docs/guides/storage.md recommends.
  config.Gateway = { ...config.Gateway, DeserializedResponses: false, NoFetch: false }
  // The SDK's CID profile, so a plain `ipfs add` on the node matches computeCid as well.
  config.Import = {
    ...config.Import,
    CidVersion: 1,
    UnixFSRawLeaves: true,
    UnixFSChunker: 'size-1048576',
    HashFunction: 'sha2-256',
    UnixFSFileMaxLinks: 174,
  }
}

/**
 * Starts a real Kubo daemon on loopback: its own repo (`ipfs init --profile test`), RPC API,
 * gateway and swarm on port 0, no bootstrap peers, no MDNS, no DHT, no announced public addresses.
 * It finds no peer by itself; connect nodes with {@link connectKubo} or use {@link startKuboPair}.
 *
 * @example
 * ```ts
 * const node = await startKuboNode()
 * try { createKuboStore({ url: node.rpcUrl }) } finally { await node.stop() }
 * ```
 */
export async function startKuboNode(options: StartKuboNodeOptions = {}): Promise<KuboNode> {
  const binary = requireKuboBinary(options.binary)
  const ownRepo = options.repoDir === undefined
  const repoDir = options.repoDir ?? (await mkdtemp(join(tmpdir(), 'medchain-kubo-')))
  const env = { ...process.env, IPFS_PATH: repoDir, IPFS_TELEMETRY: 'off' }
  try {
    await exec(binary, ['init', '--profile', 'test', '--empty-repo'], { env })
    const configPath = join(repoDir, 'config')
    const config = JSON.parse(await readFile(configPath, 'utf8'))
    configure(config)
    await writeFile(configPath, JSON.stringify(config, null, 2))

    const child = spawn(binary, ['daemon', '--migrate=false'], {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    killOnExit(child)
    const removeRepo = () =>
      ownRepo ? rm(repoDir, { recursive: true, force: true }) : Promise.resolve()
    let ports: { api: number; gateway: number }
    try {
      ports = await waitForReady(child, options.timeoutMs ?? 30_000)
    } catch (error) {
      await stopProcess(child, true)
      throw error
    }
    const rpcUrl = `http://127.0.0.1:${ports.api}`
    const id = (await rpc(rpcUrl, 'id')) as { ID: string; Addresses: string[] | null }
    const multiaddr = (id.Addresses ?? []).find((a) =>
      /^\/ip4\/127\.0\.0\.1\/tcp\/\d+\/p2p\//.test(a),
    )
    if (!multiaddr) {
      await stopProcess(child, true)
      throw new Error(`kubo: no loopback TCP swarm address in ${JSON.stringify(id.Addresses)}`)
    }
    let stopped: Promise<void> | undefined
    return {
      rpcUrl,
      gatewayUrl: `http://127.0.0.1:${ports.gateway}`,
      peerId: id.ID,
      multiaddr,
      pid: child.pid!,
      repoDir,
      stop: (stopOptions = {}) => {
        stopped ??= stopProcess(child, stopOptions.kill === true).then(removeRepo)
        return stopped
      },
    }
  } catch (error) {
    if (ownRepo) await rm(repoDir, { recursive: true, force: true })
    throw error
  }
}

/**
 * Makes `from` dial `to` (`ipfs swarm peering add` + `ipfs swarm connect`) and checks that `from`
 * lists `to` as a peer.
 */
export async function connectKubo(from: KuboNode, to: KuboNode): Promise<void> {
  // A peering entry protects the connection from the connection manager and redials it if it
  // drops; without a DHT (Routing.Type none) nothing else would ever find the peer again.
  await rpc(from.rpcUrl, 'swarm/peering/add', to.multiaddr)
  await rpc(from.rpcUrl, 'swarm/connect', to.multiaddr)
  const peers = (await rpc(from.rpcUrl, 'swarm/peers')) as { Peers: { Peer: string }[] | null }
  if (!(peers.Peers ?? []).some((p) => p.Peer === to.peerId))
    throw new Error(`kubo: ${from.peerId} is not connected to ${to.peerId} after swarm connect`)
}

/**
 * Starts two Kubo nodes (see {@link startKuboNode}) and connects B to A, so content added on A can
 * be read through B only by travelling between them.
 *
 * @example
 * ```ts
 * const { a, b, stop } = await startKuboPair()
 * ```
 */
export async function startKuboPair(
  options: Omit<StartKuboNodeOptions, 'repoDir'> = {},
): Promise<KuboPair> {
  const [a, b] = await Promise.allSettled([startKuboNode(options), startKuboNode(options)])
  if (a.status === 'rejected' || b.status === 'rejected') {
    await Promise.all([a, b].map((r) => (r.status === 'fulfilled' ? r.value.stop() : undefined)))
    throw a.status === 'rejected' ? a.reason : (b as PromiseRejectedResult).reason
  }
  const stop = async () => {
    await Promise.all([a.value.stop(), b.value.stop()])
  }
  try {
    await connectKubo(b.value, a.value)
  } catch (error) {
    await stop()
    throw error
  }
  return { a: a.value, b: b.value, stop }
}

/** POSTs to the Kubo RPC API (`/api/v0/<path>?arg=...`) and returns the parsed JSON. */
async function rpc(rpcUrl: string, path: string, arg?: string): Promise<unknown> {
  const url = new URL(`/api/v0/${path}`, rpcUrl)
  if (arg !== undefined) url.searchParams.set('arg', arg)
  const response = await fetch(url, { method: 'POST' })
  const text = await response.text()
  if (!response.ok) throw new Error(`kubo: ${path} failed with HTTP ${response.status}: ${text}`)
  return JSON.parse(text)
}

function waitForReady(
  child: ChildProcess,
  timeoutMs: number,
): Promise<{ api: number; gateway: number }> {
  return new Promise((resolve, reject) => {
    let output = ''
    const timer = setTimeout(() => {
      reject(new Error(`kubo daemon was not ready within ${timeoutMs} ms:\n${output}`))
    }, timeoutMs)
    const onData = (chunk: Buffer) => {
      // Keep the tail only; the daemon is chatty on stderr in some situations.
      output = (output + chunk.toString()).slice(-20_000)
      const api = /RPC API server listening on \/ip4\/127\.0\.0\.1\/tcp\/(\d+)/.exec(output)
      const gateway = /Gateway server listening on \/ip4\/127\.0\.0\.1\/tcp\/(\d+)/.exec(output)
      if (api && gateway && /Daemon is ready/.test(output)) {
        clearTimeout(timer)
        child.removeListener('exit', onExit)
        resolve({ api: Number(api[1]), gateway: Number(gateway[1]) })
      }
    }
    const onExit = (code: number | null, signal: string | null) => {
      clearTimeout(timer)
      reject(new Error(`kubo daemon exited (${signal ?? code}) before it was ready:\n${output}`))
    }
    // Listeners stay attached for the process's life so a full pipe never blocks the daemon.
    child.stdout?.on('data', onData)
    child.stderr?.on('data', onData)
    child.once('exit', onExit)
  })
}

async function stopProcess(child: ChildProcess, kill: boolean): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  child.kill(kill ? 'SIGKILL' : 'SIGTERM')
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000)
  await exited
  clearTimeout(timer)
}
