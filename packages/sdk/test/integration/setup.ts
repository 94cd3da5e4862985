import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { type LocalMedChain, startLocalMedChain } from '@medchain/test'
import { type Account, createTestClient, http, keccak256, toHex } from 'viem'
import { generateEncryptionKeyPair, rawKeyProvider } from '../../src/exports/crypto.js'
import { createMedChainClient, type MedChainClient } from '../../src/exports/index.js'
import type { RecordStore } from '../../src/exports/storage.js'
import { createFsStore, type FsRecordStore } from '../../src/exports/storage-node.js'

export type World = {
  local: LocalMedChain
  store: FsRecordStore
  dir: string
  clientFor: (
    account: Account,
    options?: { storage?: RecordStore; privateKey?: Uint8Array },
  ) => MedChainClient
  admin: MedChainClient
  doctor: MedChainClient
  otherDoctor: MedChainClient
  patient: MedChainClient
  otherPatient: MedChainClient
  increaseTime: (seconds: number) => Promise<void>
  stop: () => Promise<void>
}

/** A real anvil with MedChain, a real on-disk store in a temp folder, and a client per role. */
export async function startWorld(): Promise<World> {
  const local = await startLocalMedChain()
  const dir = await mkdtemp(join(tmpdir(), 'medchain-client-'))
  const store = createFsStore({ path: dir })
  await store.open()
  const clientFor = (
    account: Account,
    options: { storage?: RecordStore; privateKey?: Uint8Array } = {},
  ) =>
    createMedChainClient({
      chain: local.chain,
      transport: http(local.anvil.rpcUrl),
      account,
      address: local.medChain,
      startBlock: local.startBlock,
      storage: options.storage ?? store,
      keyProvider: rawKeyProvider({
        privateKey: options.privateKey ?? generateEncryptionKeyPair().privateKey,
      }),
    })
  const { accounts } = local
  const testClient = createTestClient({
    mode: 'anvil',
    chain: local.chain,
    transport: http(local.anvil.rpcUrl),
  })
  return {
    local,
    store,
    dir,
    clientFor,
    admin: clientFor(accounts.admin),
    doctor: clientFor(accounts.doctor),
    otherDoctor: clientFor(accounts.otherDoctor),
    patient: clientFor(accounts.patient),
    otherPatient: clientFor(accounts.otherPatient),
    increaseTime: async (seconds) => {
      await testClient.increaseTime({ seconds })
      await testClient.mine({ blocks: 1 })
    },
    stop: async () => {
      await store.close().catch(() => {})
      await local.stop()
      await rm(dir, { recursive: true, force: true })
    },
  }
}

export const credential = (label: string) => keccak256(toHex(label))

/** Registers and verifies a provider client. */
export async function verifiedProvider(world: World, client: MedChainClient, name: string) {
  await client.registerProvider({
    profile: { name, institution: 'General Hospital', credentialRef: credential(name) },
  })
  await world.admin.verifyProvider({ provider: client.address!, credentialRef: credential(name) })
}

export const days = (n: number) => BigInt(n * 86_400)
export async function now(world: World) {
  return (await world.local.publicClient.getBlock()).timestamp
}
