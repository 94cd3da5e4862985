import { medChainAbi } from '@medchain/contracts'
import type { Address, PublicClient } from 'viem'
import type { MedChainWebConfig } from '../config.js'

/** What an account is in MedChain: it decides which page the app opens after sign-in. */
export type AccountKind = 'patient' | 'provider' | 'administrator' | 'unregistered'

/** The provider verification states of the contract (`ProviderStatus`). */
export type ProviderStatus = 'unverified' | 'verified' | 'suspended'
const statuses: ProviderStatus[] = ['unverified', 'verified', 'suspended']

type Reader = { publicClient: PublicClient; config: MedChainWebConfig }

const contract = (config: MedChainWebConfig) =>
  ({ address: config.contractAddress, abi: medChainAbi }) as const

/** The role of `account`: registered role first, else administrator if it holds VERIFIER_ROLE. */
export async function accountKind({ publicClient, config }: Reader, account: Address) {
  const role = await publicClient.readContract({
    ...contract(config),
    functionName: 'roleOf',
    args: [account],
  })
  if (role === 1) return 'patient' satisfies AccountKind
  if (role === 2) return 'provider' satisfies AccountKind
  return (await isAdministrator({ publicClient, config }, account))
    ? 'administrator'
    : 'unregistered'
}

/** True when `account` may verify and suspend providers. */
export async function isAdministrator({ publicClient, config }: Reader, account: Address) {
  const role = await publicClient.readContract({
    ...contract(config),
    functionName: 'VERIFIER_ROLE',
  })
  return publicClient.readContract({
    ...contract(config),
    functionName: 'hasRole',
    args: [role, account],
  })
}

/** Whether `account` is registered as a patient (the doctor's "find a patient" check). */
export async function isPatient({ publicClient, config }: Reader, account: Address) {
  const role = await publicClient.readContract({
    ...contract(config),
    functionName: 'roleOf',
    args: [account],
  })
  return role === 1
}

export async function providerStatus({ publicClient, config }: Reader, account: Address) {
  const status = await publicClient.readContract({
    ...contract(config),
    functionName: 'providerStatusOf',
    args: [account],
  })
  return statuses[status] ?? 'unverified'
}

export async function emergencyAccessEnabled({ publicClient, config }: Reader, patient: Address) {
  return publicClient.readContract({
    ...contract(config),
    functionName: 'emergencyAccessEnabled',
    args: [patient],
  })
}

/** Every registered provider with its status, newest registration first (the admin's worklist). */
export async function listProviders({ publicClient, config }: Reader) {
  const logs = await publicClient.getContractEvents({
    ...contract(config),
    eventName: 'Registered',
    args: { role: 2 },
    fromBlock: BigInt(config.startBlock),
    toBlock: 'latest',
  })
  const providers = await Promise.all(
    logs.map(async (log) => ({
      address: log.args.account as Address,
      blockNumber: log.blockNumber,
      status: await providerStatus({ publicClient, config }, log.args.account as Address),
    })),
  )
  return providers.reverse()
}
