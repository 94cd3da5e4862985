// The local stack the web app runs on, for `pnpm dev` and the end-to-end tests: a real anvil with
// MedChain deployed (from @medchain/test), the development IPFS node (storageServer.ts), and the
// runtime config the app loads from /medchain.config.json.

import { mkdir, mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { type LocalMedChain, roleAccounts, startLocalMedChain } from '@medchain/test'
import { type Address, type Hex, toHex } from 'viem'
import type { MedChainWebConfig } from '../src/config'
import { type SeedResult, seedDemo } from './seed'
import { type StorageServer, startStorageServer } from './storageServer'

/** A funded anvil account the app's development wallet (or the e2e test wallet) signs with. */
export type StackAccount = { address: Address; privateKey: Hex }

/** The roles, each on its own anvil account: admin 0, doctor 1, patient 2, otherDoctor 3, otherPatient 4, delegate 5. */
export type StackAccounts = Record<
  'admin' | 'doctor' | 'patient' | 'otherDoctor' | 'otherPatient' | 'delegate',
  StackAccount
>

/** A running local stack from {@link startWebStack}. */
export type WebStack = {
  /** What the app loads from `/medchain.config.json`. */
  config: MedChainWebConfig
  accounts: StackAccounts
  /** What {@link seedDemo} created, when started with `seed: true`. */
  seed?: SeedResult
  /** The anvil node's PID (for logs). */
  anvilPid: number
  /** Directory of the storage node's on-disk store. */
  storageDir: string
  /** Stops the storage node and anvil (by PID), and removes the temporary data folder if it made one. */
  stop(): Promise<void>
}

/** Options of {@link startWebStack}. */
export type StartWebStackOptions = {
  /** Seed the demo users and records ({@link seedDemo}). Default false. */
  seed?: boolean
  /** Where the storage node keeps its blocks (`<dataDir>/ipfs`); kept on stop. Default: a temp folder, removed on stop. */
  dataDir?: string
}

/** The role accounts with their private keys (anvil's well-known test keys: development only). */
export function stackAccounts(): StackAccounts {
  const { admin, doctor, patient, otherDoctor, otherPatient, delegate } = roleAccounts()
  const entry = (account: ReturnType<typeof roleAccounts>['admin']): StackAccount => {
    const privateKey = account.getHdKey().privateKey
    if (!privateKey) throw new Error(`no private key for anvil account ${account.address}`)
    return { address: account.address, privateKey: toHex(privateKey) }
  }
  return {
    admin: entry(admin),
    doctor: entry(doctor),
    patient: entry(patient),
    otherDoctor: entry(otherDoctor),
    otherPatient: entry(otherPatient),
    delegate: entry(delegate),
  }
}

/**
 * Starts anvil (MedChain deployed by account 0) and the development storage node, and builds the
 * app's config for them; with `seed: true`, also seeds the demo data.
 *
 * @example
 * ```ts
 * const stack = await startWebStack({ seed: true })
 * try {
 *   await writeFile('public/medchain.config.json', JSON.stringify(stack.config))
 * } finally {
 *   await stack.stop()
 * }
 * ```
 */
export async function startWebStack(options: StartWebStackOptions = {}): Promise<WebStack> {
  const ownDataDir = options.dataDir === undefined
  const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), 'medchain-web-')))
  const storageDir = join(dataDir, 'ipfs')
  let local: LocalMedChain | undefined
  let storage: StorageServer | undefined
  const stop = async () => {
    // Both, even if one fails; then the temp folder.
    const results = await Promise.allSettled([storage?.stop(), local?.stop()])
    if (ownDataDir) await rm(dataDir, { recursive: true, force: true })
    const failed = results.find((result) => result.status === 'rejected')
    if (failed) throw failed.reason
  }
  try {
    await mkdir(dataDir, { recursive: true })
    const [chain, node] = await Promise.allSettled([
      startLocalMedChain(),
      startStorageServer({ directory: storageDir }),
    ])
    if (chain.status === 'fulfilled') local = chain.value
    if (node.status === 'fulfilled') storage = node.value
    if (chain.status === 'rejected') throw chain.reason
    if (node.status === 'rejected') throw node.reason
    if (!local || !storage) throw new Error('unreachable')
    let stopped: Promise<void> | undefined
    const stack: WebStack = {
      config: {
        chainId: local.chain.id,
        chainName: 'Local anvil',
        rpcUrl: local.anvil.rpcUrl,
        contractAddress: local.medChain,
        startBlock: local.startBlock.toString(),
        storageUrl: storage.url,
      },
      accounts: stackAccounts(),
      anvilPid: local.anvil.pid,
      storageDir,
      stop: () => {
        stopped ??= stop()
        return stopped
      },
    }
    if (options.seed) stack.seed = await seedDemo(stack)
    return stack
  } catch (error) {
    await stop().catch(() => {})
    throw error
  }
}
