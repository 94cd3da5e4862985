import { anvilAccount } from '@medchain/test'
import {
  decrypt as ethSigDecrypt,
  getEncryptionPublicKey as ethSigGetEncryptionPublicKey,
} from '@metamask/eth-sig-util/encryption'
import { http } from 'viem'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  type Eip1193Requester,
  generateScopeKey,
  metamaskLegacyKeyProvider,
} from '../../src/exports/crypto.js'
import { createMedChainClient } from '../../src/exports/index.js'
import { days, now, startWorld, verifiedProvider, type World } from './setup.js'

// A provider whose encryption key is MetaMask's legacy key (x25519-xsalsa20-poly1305): its public
// profile declares the algorithm, so grants and rotations wrap keys the way eth_decrypt opens them.
// The wallet side is @metamask/eth-sig-util, which is what MetaMask runs for these two methods.

/** MetaMask's eth_getEncryptionPublicKey and eth_decrypt for one private key; counts decryptions. */
function legacyWallet(privateKey: string) {
  const calls: string[] = []
  const provider: Eip1193Requester = {
    async request({ method, params }) {
      calls.push(method)
      if (method === 'eth_getEncryptionPublicKey') return ethSigGetEncryptionPublicKey(privateKey)
      if (method === 'eth_decrypt') {
        const hex = (params as string[])[0]!.slice(2)
        const encryptedData = JSON.parse(Buffer.from(hex, 'hex').toString('utf8'))
        return ethSigDecrypt({ encryptedData, privateKey })
      }
      throw new Error(`unexpected ${method}`)
    },
  }
  return { provider, calls }
}

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex')

describe('a MetaMask-legacy provider as grantee', () => {
  let w: World
  beforeAll(async () => {
    w = await startWorld()
    await w.patient.registerPatient({ profile: { name: 'P', age: 50 } })
  })
  afterAll(() => w?.stop())

  it('opens grants and rotation bundles with eth_decrypt, also after rotating its key', async () => {
    const account = anvilAccount(8)
    const wallet = legacyWallet(hex(generateScopeKey()))
    const clientWith = (provider: Eip1193Requester) =>
      createMedChainClient({
        chain: w.local.chain,
        transport: http(w.local.anvil.rpcUrl),
        account,
        address: w.local.medChain,
        startBlock: w.local.startBlock,
        storage: w.store,
        keyProvider: metamaskLegacyKeyProvider({ provider, address: account.address }),
      })
    const doctor = clientWith(wallet.provider)
    await verifiedProvider(w, doctor, 'Dr. MetaMask')
    const { profile } = await w.patient.getProfile({ account: account.address })
    expect(profile).toMatchObject({ encryptionKey: { algorithm: 'x25519-xsalsa20-poly1305' } })

    const first = await w.patient.publishRecord({ scope: 5, data: 'creatinine 0.9' })
    await w.patient.grantAccess({
      grantee: account.address,
      scopes: [5],
      expiry: (await now(w)) + days(7),
    })
    const me = w.patient.address!
    expect((await doctor.readRecord({ patient: me, seq: first.anchor.seq })).text()).toBe(
      'creatinine 0.9',
    )
    expect(wallet.calls).toContain('eth_decrypt')

    // A rotation bundle wraps the new epoch to the doctor the same way.
    await w.patient.rotateScopeKey({ scope: 5 })
    const second = await w.patient.publishRecord({ scope: 5, data: 'creatinine 1.0' })
    expect(second.anchor.epoch).toBe(2)
    expect((await doctor.readRecord({ patient: me, seq: second.anchor.seq })).text()).toBe(
      'creatinine 1.0',
    )

    // A new MetaMask key: the profile declares it, and a new grant opens with the new wallet only.
    const next = legacyWallet(hex(generateScopeKey()))
    await doctor.rotateEncryptionKey({
      keyProvider: metamaskLegacyKeyProvider({ provider: next.provider, address: account.address }),
    })
    const { profile: updated } = await w.patient.getProfile({ account: account.address })
    expect(updated).toMatchObject({
      name: 'Dr. MetaMask',
      encryptionKey: { algorithm: 'x25519-xsalsa20-poly1305' },
    })
    expect(updated).not.toEqual(profile)
    await w.patient.grantAccess({
      grantee: account.address,
      scopes: [5],
      expiry: (await now(w)) + days(7),
    })
    // A restarted process with only the new wallet reads both epochs.
    const restarted = clientWith(next.provider)
    for (const { anchor } of [first, second])
      expect((await restarted.readRecord({ patient: me, seq: anchor.seq })).text()).toMatch(
        /^creatinine/,
      )
    expect(next.calls).toContain('eth_decrypt')
  })
})
