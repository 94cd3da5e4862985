import { medChainAbi } from '@medchain/contracts'
import { anvilAccount } from '@medchain/test'
import { bytesToHex, http, toHex } from 'viem'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  createMedChainClient,
  type MedChainClient,
  type ProviderProfile,
  type RegisteredProvider,
} from '../../src/exports/index.js'
import { createMemoryStore } from '../../src/exports/storage.js'
import { credential, startWorld, verifiedProvider, type World } from './setup.js'

const profileOf = (name: string): ProviderProfile => ({
  name,
  institution: `${name} Clinic`,
  credentialRef: credential(name),
})

describe('listProviders', () => {
  let w: World
  let pendingDoctor: MedChainClient
  const cids: Record<string, string> = {}

  beforeAll(async () => {
    w = await startWorld()
    pendingDoctor = w.clientFor(anvilAccount(7))
    await w.patient.registerPatient({ profile: { name: 'Patient One', age: 40 } })
    await verifiedProvider(w, w.doctor, 'Dr. Verified')
    await verifiedProvider(w, w.otherDoctor, 'Dr. Suspended')
    await w.admin.suspendProvider({ provider: w.otherDoctor.address!, reasonCode: 3 })
    cids.pending = (
      await pendingDoctor.registerProvider({ profile: profileOf('Dr. Pending') })
    ).profileCid
    await w.otherPatient.registerPatient({ profile: { name: 'Patient Two', age: 50 } })
  })
  afterAll(() => w?.stop())

  const summary = (providers: RegisteredProvider[]) =>
    providers.map((p) => ({ provider: p.provider, status: p.status }))

  it('lists every provider in registration order with its status, and no patient', async () => {
    const providers = await w.admin.listProviders()
    expect(summary(providers)).toEqual([
      { provider: w.doctor.address, status: 'verified' },
      { provider: w.otherDoctor.address, status: 'suspended' },
      { provider: pendingDoctor.address, status: 'pending' },
    ])
    const listed = providers.map((p) => p.provider)
    expect(listed).not.toContain(w.patient.address)
    expect(listed).not.toContain(w.otherPatient.address)
    // Without `withProfiles` nothing is fetched from storage.
    expect(providers.every((p) => p.profile === undefined && p.profileError === undefined)).toBe(
      true,
    )
    expect(providers[2]!.profileCid).toBe(cids.pending)
    const blocks = providers.map((p) => p.blockNumber)
    expect(blocks).toEqual([...blocks].sort((a, b) => Number(a - b)))
  })

  it('filters by status', async () => {
    for (const [status, expected] of [
      ['pending', pendingDoctor.address],
      ['verified', w.doctor.address],
      ['suspended', w.otherDoctor.address],
    ] as const) {
      const providers = await w.admin.listProviders({ status })
      expect(providers.map((p) => p.provider)).toEqual([expected])
      expect(providers[0]!.status).toBe(status)
    }
  })

  it('decodes the public profiles from storage, also for a client without an account', async () => {
    const reader = createMedChainClient({
      chain: w.local.chain,
      transport: http(w.local.anvil.rpcUrl),
      address: w.local.medChain,
      startBlock: w.local.startBlock,
      storage: w.store,
    })
    const providers = await reader.listProviders({ withProfiles: true })
    expect(providers.map((p) => p.profile)).toEqual([
      {
        name: 'Dr. Verified',
        institution: 'General Hospital',
        credentialRef: credential('Dr. Verified'),
      },
      {
        name: 'Dr. Suspended',
        institution: 'General Hospital',
        credentialRef: credential('Dr. Suspended'),
      },
      profileOf('Dr. Pending'),
    ])
    expect(providers.every((p) => p.profileError === undefined)).toBe(true)
    const pending = await reader.listProviders({ status: 'pending', withProfiles: true })
    expect(pending.map((p) => p.profile?.name)).toEqual(['Dr. Pending'])
  })

  it('stops at an aborted signal instead of reporting every profile as missing', async () => {
    const listing = w.admin.listProviders({ withProfiles: true, signal: AbortSignal.abort() })
    await expect(listing).rejects.toMatchObject({ name: 'StorageAbortedError' })
    // Without profiles the signal is not used: only the chain is read.
    expect(await w.admin.listProviders({ signal: AbortSignal.abort() })).toHaveLength(3)
  })

  it('follows profile updates and reports a bad profile on its own entry only', async () => {
    // A provider whose profile went to another store: its CID is on chain, its content is not here.
    const elsewhere = w.clientFor(anvilAccount(8), { storage: createMemoryStore() })
    const lost = await elsewhere.registerProvider({ profile: profileOf('Dr. Elsewhere') })
    // The pending provider points its profile at a new document, then at one that is not a profile.
    const wallet = w.local.walletFor(anvilAccount(7))
    const updateProfile = async (document: unknown) => {
      const cid = await w.store.put(new TextEncoder().encode(JSON.stringify(document)))
      const hash = await wallet.writeContract({
        address: w.local.medChain,
        abi: medChainAbi,
        functionName: 'updateProfile',
        args: [bytesToHex(cid.bytes)],
      })
      await w.local.publicClient.waitForTransactionReceipt({ hash })
      return cid.toString()
    }
    const moved = { ...profileOf('Dr. Pending'), institution: 'New Clinic' }
    const movedCid = await updateProfile(moved)
    const [updated] = await w.admin.listProviders({ status: 'pending', withProfiles: true })
    expect(updated!.profileCid).toBe(movedCid)
    expect(updated!.profile).toEqual(moved)

    const notAProfileCid = await updateProfile({ resourceType: 'Observation' })
    // Registration accepts any bytes as the profile reference, not only CIDs.
    const junk = w.local.walletFor(anvilAccount(9))
    const hash = await junk.writeContract({
      address: w.local.medChain,
      abi: medChainAbi,
      functionName: 'register',
      args: [2, toHex(1n, { size: 32 }), '0x1234'],
    })
    await w.local.publicClient.waitForTransactionReceipt({ hash })

    const providers = await w.admin.listProviders({ withProfiles: true })
    const byAddress = new Map(providers.map((p) => [p.provider, p]))
    const entry = byAddress.get(pendingDoctor.address!)
    expect(entry!.profileCid).toBe(notAProfileCid)
    expect(entry!.profile).toBeUndefined()
    expect(entry!.profileError?.name).toBe('TypeError')
    expect(entry!.profileError?.message).toMatch(/is not a provider profile/)

    const missing = byAddress.get(elsewhere.address!)!
    expect(missing.profileCid).toBe(lost.profileCid)
    expect(missing.profile).toBeUndefined()
    expect(missing.profileError?.name).toBe('ContentNotFoundError')

    const raw = byAddress.get(anvilAccount(9).address)!
    expect(raw.profileCid).toBe('0x1234')
    expect(raw.status).toBe('pending')
    expect(raw.profileError?.message).toMatch(/not a CID/)

    // The others still decode.
    expect(byAddress.get(w.doctor.address!)!.profile?.name).toBe('Dr. Verified')
    expect(providers).toHaveLength(5)
  })
})
