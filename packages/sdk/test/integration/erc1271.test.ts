// A smart-contract-wallet patient (ERC-1271) through MedChainClient: the wallet's transactions come
// from anvil's account impersonation (the contract only sees msg.sender), and its EIP-712
// signatures are its owner's ECDSA signatures, which the wallet's isValidSignature accepts on chain.
import { execFileSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import {
  type Abi,
  type Address,
  createTestClient,
  custom,
  getAddress,
  type Hex,
  http,
  keccak256,
  type LocalAccount,
  parseEther,
} from 'viem'
import { generatePrivateKey, type PrivateKeyAccount, privateKeyToAccount } from 'viem/accounts'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { generateEncryptionKeyPair, rawKeyProvider } from '../../src/exports/crypto.js'
import {
  createMedChainClient,
  InvalidSignatureError,
  type MedChainClient,
} from '../../src/exports/index.js'
import { days, now, startWorld, verifiedProvider, type World } from './setup.js'

const contractsDir = fileURLToPath(new URL('../../../contracts/', import.meta.url))
const artifactPath = `${contractsDir}out/ERC1271WalletMock.sol/ERC1271WalletMock.json`

/** The mock wallet's forge artifact (built on demand: `out/` is a build output). */
function walletArtifact(): { abi: Abi; bytecode: Hex } {
  if (!existsSync(artifactPath))
    execFileSync('pnpm', ['exec', 'forge', 'build'], { cwd: contractsDir, stdio: 'ignore' })
  const json = JSON.parse(readFileSync(artifactPath, 'utf8'))
  return { abi: json.abi, bytecode: json.bytecode.object }
}

/** uint fields arrive as decimal strings in `eth_signTypedData_v4` JSON; viem wants bigints. */
function typedDataFromJson(json: string) {
  const data = JSON.parse(json)
  const { EIP712Domain: _, ...types } = data.types as Record<
    string,
    { name: string; type: string }[]
  >
  const message = { ...data.message }
  for (const { name, type } of types[data.primaryType]!)
    if (/^u?int\d*$/.test(type) && typeof message[name] === 'string')
      message[name] = BigInt(message[name])
  return { domain: data.domain, types, primaryType: data.primaryType, message }
}

describe('a smart-contract-wallet patient (ERC-1271)', () => {
  let w: World
  let wallet: Address
  let owner: PrivateKeyAccount
  let patient: MedChainClient

  /** A client for `wallet` whose JSON-RPC provider answers eth_signTypedData_v4 with `signer`'s signature. */
  function walletClient(signer: LocalAccount): MedChainClient {
    const rpc = http(w.local.anvil.rpcUrl)({ chain: w.local.chain })
    return createMedChainClient({
      chain: w.local.chain,
      transport: custom({
        async request({ method, params }) {
          if (method === 'eth_signTypedData_v4')
            return signer.signTypedData(typedDataFromJson((params as [Address, string])[1]))
          return rpc.request({ method, params })
        },
      }),
      account: wallet,
      address: w.local.medChain,
      startBlock: w.local.startBlock,
      storage: w.store,
      keyProvider,
    })
  }
  const keyProvider = rawKeyProvider({ privateKey: generateEncryptionKeyPair().privateKey })

  beforeAll(async () => {
    w = await startWorld()
    await verifiedProvider(w, w.doctor, 'Dr. A')
    owner = privateKeyToAccount(generatePrivateKey())
    const { abi, bytecode } = walletArtifact()
    const deployer = w.clientFor(w.local.accounts.relayer).client.walletClient!
    const hash = await deployer.deployContract({ abi, bytecode, args: [owner.address] })
    const receipt = await w.local.publicClient.waitForTransactionReceipt({ hash })
    wallet = getAddress(receipt.contractAddress!)
    const testClient = createTestClient({
      mode: 'anvil',
      chain: w.local.chain,
      transport: http(w.local.anvil.rpcUrl),
    })
    await testClient.impersonateAccount({ address: wallet })
    await testClient.setBalance({ address: wallet, value: parseEther('10') })
    patient = walletClient(owner)
  })
  afterAll(() => w?.stop())

  it('the wallet is a contract that accepts its owner signatures only', async () => {
    expect(await w.local.publicClient.getCode({ address: wallet })).toMatch(/^0x6080/)
    const hash = keccak256('0x01')
    const isValid = async (signature: Hex) =>
      w.local.publicClient.readContract({
        address: wallet,
        abi: walletArtifact().abi,
        functionName: 'isValidSignature',
        args: [hash, signature],
      })
    expect(await isValid(await owner.sign({ hash }))).toBe('0x1626ba7e')
    const stranger = privateKeyToAccount(generatePrivateKey())
    expect(await isValid(await stranger.sign({ hash }))).toBe('0x00000000')
  })

  it('registers, publishes, signs a grant the provider relays; the provider reads', async () => {
    await patient.registerPatient({ profile: { name: 'Wallet Patient', age: 44 } })
    const { anchor } = await patient.publishRecord({ scope: 5, data: 'HbA1c 5.9 %' })
    const signed = await patient.signGrant({
      grantee: w.doctor.address!,
      scopes: [5],
      expiry: (await now(w)) + days(1),
    })
    expect(signed.signer).toBe(wallet)
    // An owner's ECDSA signature is not an EOA signature of the wallet: only ERC-1271 can accept it.
    expect(signed.signature).toHaveLength(132)
    const relayed = await w.doctor.relayGrant(signed)
    expect(relayed.events[0]!.args).toMatchObject({ patient: wallet, actor: wallet, scope: 5 })
    expect((await w.doctor.readRecord({ patient: wallet, seq: anchor.seq })).text()).toBe(
      'HbA1c 5.9 %',
    )
  })

  it('refuses a grant signed by a key the wallet does not accept', async () => {
    const impostor = walletClient(privateKeyToAccount(generatePrivateKey()))
    const signed = await impostor.signGrant({
      grantee: w.doctor.address!,
      scopes: [5],
      expiry: (await now(w)) + days(2),
    })
    const error = await w.doctor.relayGrant(signed).catch((e) => e)
    expect(error).toBeInstanceOf(InvalidSignatureError)
    expect(error.name).toBe('InvalidSignatureError')
  })

  it('signs a revocation with its key rotation; a relayer submits both', async () => {
    const relayer = w.clientFor(w.local.accounts.relayer)
    const signed = await patient.signRevoke({ grantee: w.doctor.address!, scopes: [5] })
    const { transactions } = await relayer.relayRevoke(signed)
    expect(transactions.map((t) => t.events[0]!.eventName)).toEqual([
      'AccessRevoked',
      'ScopeKeyRotated',
    ])
    expect((await w.doctor.checkAccess({ patient: wallet, scope: 5 })).read).toBe(false)
    const { anchor } = await patient.publishRecord({ scope: 5, data: 'after revoke' })
    expect(anchor.epoch).toBe(2)
    expect((await patient.readRecord({ record: anchor })).text()).toBe('after revoke')
  })
})
