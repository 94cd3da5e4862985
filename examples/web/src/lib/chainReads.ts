import { medChainAbi } from '@medchain/contracts'
import type { ProviderStatus } from '@medchain/sdk'
import { type Address, type PublicClient, zeroAddress } from 'viem'
import type { MedChainWebConfig } from '../config.js'

/** What an account is in MedChain: it decides which page the app opens after sign-in. */
export type AccountKind = 'patient' | 'provider' | 'administrator' | 'unregistered'

// The contract's `ProviderStatus` enum in order, named as the SDK's `listProviders` names them.
const statuses: ProviderStatus[] = ['pending', 'verified', 'suspended']

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

/** The verification status of the provider `account` (the doctor's own page). */
export async function providerStatus({ publicClient, config }: Reader, account: Address) {
  const status = await publicClient.readContract({
    ...contract(config),
    functionName: 'providerStatusOf',
    args: [account],
  })
  return statuses[status] ?? 'pending'
}

/** Whether the patient opted in to break-glass emergency access. */
export async function emergencyAccessEnabled({ publicClient, config }: Reader, patient: Address) {
  return publicClient.readContract({
    ...contract(config),
    functionName: 'emergencyAccessEnabled',
    args: [patient],
  })
}

/** The patient's emergency custodian (holds the keys for break-glass access), undefined when none. */
export async function emergencyCustodian(
  { publicClient, config }: Reader,
  patient: Address,
): Promise<Address | undefined> {
  const custodian = await publicClient.readContract({
    ...contract(config),
    functionName: 'emergencyCustodianOf',
    args: [patient],
  })
  return custodian === zeroAddress ? undefined : custodian
}
