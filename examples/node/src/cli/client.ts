// Builds a MedChainClient from the resolved config: viem transport, private-key account, the
// keystore's X25519 key provider, and the record store (on-disk, or Kubo when the store is a URL).
import { join } from 'node:path'
import { createMedChainClient, type MedChainClient } from '@medchain/sdk'
import { type KeyProvider, loadKeystore } from '@medchain/sdk/crypto'
import type { RecordStore, StorageProgress } from '@medchain/sdk/storage'
import { createFilePublishJournal, createFsStore } from '@medchain/sdk/storage/node'
import { createPublicClient, createWalletClient, defineChain, http } from 'viem'
import { privateKeyToAccount } from 'viem/accounts'
import { type Config, envNames, privateKeyFromEnv } from './config.js'
import { CliError } from './output.js'

export type ClientOptions = {
  /** Load the X25519 key from the keystore (encrypting, decrypting, wrapping keys). */
  needsKey?: boolean | undefined
  /** Fail without a private key (anything that sends a transaction). */
  needsAccount?: boolean | undefined
  /** Called with the store's byte progress while a record is stored or fetched. */
  onProgress?: ((progress: StorageProgress) => void) | undefined
}

export type OpenClient = {
  client: MedChainClient
  config: Config
  chainId: number
  /** Closes the store. */
  close: () => Promise<void>
}

/** The chain id from the config, else asked from the RPC node. */
export async function chainIdOf(config: Config): Promise<number> {
  if (config.chainId !== undefined) return config.chainId
  try {
    return await createPublicClient({ transport: http(config.rpcUrl) }).getChainId()
  } catch {
    throw new CliError(
      `Cannot reach the RPC node at ${config.rpcUrl} (set --rpc-url or ${envNames.rpcUrl}).`,
    )
  }
}

export async function openClient(config: Config, options: ClientOptions = {}): Promise<OpenClient> {
  if (!config.contract)
    throw new CliError(
      `No MedChain contract address: pass --contract, set ${envNames.contract}, or run 'medchain init'.`,
    )
  const privateKey = privateKeyFromEnv(config)
  if (!privateKey && (options.needsAccount || options.needsKey))
    throw new CliError(
      `No account: set ${config.privateKeyEnv === envNames.privateKey ? envNames.privateKey : `${envNames.privateKey} or ${config.privateKeyEnv} (named in the config file)`}.`,
    )
  const keyProvider = options.needsKey ? await openKeystore(config.keystore) : undefined
  const chainId = await chainIdOf(config)
  const chain = defineChain({
    id: chainId,
    name: `chain ${chainId}`,
    nativeCurrency: { name: 'Ether', symbol: 'ETH', decimals: 18 },
    rpcUrls: { default: { http: [config.rpcUrl] } },
  })
  const { store, close } = await openStore(config.store)
  // How often to poll for a transaction receipt: a CLI waits for each one, and viem's default for an
  // unknown chain is 4 s. Anvil mines at once.
  const pollingInterval = chainId === 31337 ? 100 : 1000
  const transport = http(config.rpcUrl)
  const account = privateKey ? privateKeyToAccount(privateKey) : undefined
  const client = createMedChainClient({
    chain,
    transport,
    publicClient: createPublicClient({ chain, transport, pollingInterval }),
    walletClient: account
      ? createWalletClient({ account, chain, transport, pollingInterval })
      : undefined,
    account,
    address: config.contract,
    startBlock: config.startBlock,
    storage: options.onProgress ? withProgress(store, options.onProgress) : store,
    // Every command is a new process: the journal on disk is what lets a publish repeated after a
    // lost response find the anchor that already landed instead of anchoring a second copy.
    publishJournal: createFilePublishJournal({ path: publishJournalPath(config.store) }),
    keyProvider,
  })
  return { client, config, chainId, close }
}

/** Beside the on-disk store, or in `.medchain/` when records go to a Kubo node. */
function publishJournalPath(location: string): string {
  return /^https?:\/\//i.test(location)
    ? join('.medchain', 'publish-journal.json')
    : join(location, 'publish-journal.json')
}

async function openStore(
  location: string,
): Promise<{ store: RecordStore; close: () => Promise<void> }> {
  if (/^https?:\/\//i.test(location)) {
    // Imported only when used: the Kubo RPC client is a large dependency.
    const { createKuboStore } = await import('@medchain/sdk/storage')
    return { store: createKuboStore({ url: location }), close: async () => {} }
  }
  const store = createFsStore({ path: location })
  await store.open()
  return { store, close: () => store.close() }
}

/** The same store, reporting byte progress of every `put` and `get` (the SDK's `onProgress`). */
function withProgress(
  store: RecordStore,
  onProgress: (progress: StorageProgress) => void,
): RecordStore {
  return {
    put: (data, options) => store.put(data, { ...options, onProgress }),
    get: (cid, options) => store.get(cid, { ...options, onProgress }),
    stream: (cid, options) => store.stream(cid, options),
    has: (cid, options) => store.has(cid, options),
    pin: (cid, options) => store.pin(cid, options),
    unpin: (cid, options) => store.unpin(cid, options),
  }
}

export async function openKeystore(path: string): Promise<KeyProvider> {
  const password = await passphrase({ confirm: false })
  return loadKeystore({ path, password })
}

/** The keystore passphrase: `MEDCHAIN_PASSPHRASE`, else asked on the terminal (input hidden). */
export async function passphrase({ confirm }: { confirm: boolean }): Promise<string> {
  const fromEnv = process.env[envNames.passphrase]
  if (fromEnv) return fromEnv
  if (!process.stdin.isTTY)
    throw new CliError(
      `No passphrase: set ${envNames.passphrase} or run in a terminal to be asked.`,
    )
  const first = await ask('Keystore passphrase: ')
  if (!first) throw new CliError('The passphrase must not be empty.')
  if (confirm && (await ask('Repeat passphrase: ')) !== first)
    throw new CliError('The passphrases differ.')
  return first
}

/** Reads one line from the terminal without echoing it. */
function ask(prompt: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const stdin = process.stdin
    let answer = ''
    process.stderr.write(prompt)
    stdin.setRawMode(true)
    stdin.resume()
    stdin.setEncoding('utf8')
    const onData = (chunk: string) => {
      for (const char of chunk) {
        if (char === '\r' || char === '\n') {
          done()
          return resolve(answer)
        }
        if (char === '\u0003') {
          done()
          return reject(new CliError('Cancelled.'))
        }
        if (char === '\u007f') answer = answer.slice(0, -1)
        else answer += char
      }
    }
    const done = () => {
      stdin.off('data', onData)
      stdin.setRawMode(false)
      stdin.pause()
      process.stderr.write('\n')
    }
    stdin.on('data', onData)
  })
}
