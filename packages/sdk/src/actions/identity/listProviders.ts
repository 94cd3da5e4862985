import type { Address, Hex } from 'viem'
import type { MedChainActionClient } from '../../client/types.js'
import type { MedChainError } from '../../errors/base.js'
import { read } from '../internal/contract.js'
import { getLogsPaged, topic } from '../internal/logs.js'
import { cidFromHex } from '../internal/scopeKeys.js'
import type { ProviderProfile } from './registerProvider.js'

/**
 * A provider's verification status: `pending` until an administrator verifies it (the contract's
 * `Unverified`), `verified`, or `suspended`. Only a verified provider can request or hold access.
 *
 * @example
 * ```ts
 * import type { ProviderStatus } from '@medchain/sdk'
 *
 * const worklist: ProviderStatus = 'pending'
 * ```
 */
export type ProviderStatus = 'pending' | 'verified' | 'suspended'

// The contract's `ProviderStatus` enum, in order.
const statusNames = ['pending', 'verified', 'suspended'] as const satisfies ProviderStatus[]

/**
 * Parameters of {@link listProviders}.
 *
 * @example
 * ```ts
 * import type { ListProvidersParameters } from '@medchain/sdk'
 *
 * const parameters: ListProvidersParameters = { status: 'pending', withProfiles: true }
 * ```
 */
export type ListProvidersParameters = {
  /** Only list providers with this status (default: every provider). */
  status?: ProviderStatus | undefined
  /** Also fetch each listed provider's public profile from storage (default false). */
  withProfiles?: boolean | undefined
  /** Aborts the profile fetches. */
  signal?: AbortSignal | undefined
}

/**
 * A registered provider, as {@link listProviders} lists it.
 *
 * @example
 * ```ts
 * import type { RegisteredProvider } from '@medchain/sdk'
 *
 * const [first]: RegisteredProvider[] = await client.listProviders({ withProfiles: true })
 * console.log(first?.provider, first?.status, first?.profile?.name)
 * ```
 */
export type RegisteredProvider = {
  provider: Address
  status: ProviderStatus
  /**
   * CID of the provider's current public profile (the latest `Registered` or `ProfileUpdated`).
   * Registration accepts any bytes: ones that are not a CID are given as `0x…` hex.
   */
  profileCid: string
  /** Block of the registration. */
  blockNumber: bigint
  /** The public profile (with `withProfiles` when it could be fetched and decoded). */
  profile?: ProviderProfile | undefined
  /**
   * Why `profile` is missing (with `withProfiles`): the store's error, or a `SyntaxError` /
   * `TypeError` when the document is not a provider profile. One bad profile never fails the list.
   */
  profileError?: Error | undefined
}

/**
 * Result of {@link listProviders}: providers in registration order.
 *
 * @example
 * ```ts
 * import type { ListProvidersReturnType } from '@medchain/sdk'
 *
 * const providers: ListProvidersReturnType = await listProviders(client, { status: 'verified' })
 * ```
 */
export type ListProvidersReturnType = RegisteredProvider[]

/**
 * Errors {@link listProviders} can throw (log queries and contract reads; profile failures are
 * reported per provider in `profileError`).
 *
 * @example
 * ```ts
 * import type { ListProvidersErrorType } from '@medchain/sdk'
 *
 * const describe = (error: ListProvidersErrorType) => error.name
 * ```
 */
export type ListProvidersErrorType = MedChainError

// Reads and profile fetches in flight at once: bounded so a long list does not flood the node.
const concurrency = 8

/**
 * Lists the registered healthcare providers (an administrator's worklist, a patient's directory)
 * from the `Registered` logs of role Provider, paged by `logPageSize` blocks, with each provider's
 * current status (`providerStatusOf`, read at the same block as the logs) and the CID of its
 * current profile. With `withProfiles`, also fetches each listed provider's public profile
 * (JSON, not encrypted) from storage. Patients are never listed. No account is needed.
 *
 * @example
 * ```ts
 * import { listProviders } from '@medchain/sdk'
 *
 * const waiting = await listProviders(adminClient, { status: 'pending', withProfiles: true })
 * for (const { provider, profile } of waiting) console.log(provider, profile?.name, profile?.credentialRef)
 * ```
 */
export async function listProviders(
  client: MedChainActionClient,
  parameters: ListProvidersParameters = {},
): Promise<ListProvidersReturnType> {
  const toBlock = await client.publicClient.getBlockNumber({ cacheTime: 0 })
  const [registrations, updates] = await Promise.all([
    getLogsPaged(client, { eventNames: ['Registered'], topics: [null, topic(2)], toBlock }),
    // Profile updates are rare: one unfiltered query beats one per provider.
    getLogsPaged(client, { eventNames: ['ProfileUpdated'], toBlock }),
  ])
  const latestCid = new Map<string, Hex>()
  for (const log of registrations)
    latestCid.set(log.args.account.toLowerCase(), log.args.profileCid)
  for (const log of updates) {
    const account = log.args.account.toLowerCase()
    if (latestCid.has(account)) latestCid.set(account, log.args.profileCid)
  }
  const all = await mapLimit(registrations, async (log): Promise<RegisteredProvider> => {
    const provider = log.args.account
    const status = await read(client, 'providerStatusOf', [provider], toBlock)
    return {
      provider,
      status: statusNames[status] as ProviderStatus,
      profileCid: profileCidString(latestCid.get(provider.toLowerCase())!),
      blockNumber: log.blockNumber,
    }
  })
  const listed =
    parameters.status === undefined ? all : all.filter((p) => p.status === parameters.status)
  if (!parameters.withProfiles) return listed
  return mapLimit(listed, async (entry) => {
    try {
      return { ...entry, profile: await fetchProfile(client, entry.profileCid, parameters.signal) }
    } catch (error) {
      // An abort ends the whole listing (the store's `StorageAbortedError`).
      if (parameters.signal?.aborted) throw error
      return { ...entry, profileError: error instanceof Error ? error : new Error(String(error)) }
    }
  })
}

function profileCidString(cid: Hex): string {
  try {
    return cidFromHex(cid)
  } catch {
    return cid
  }
}

/** A provider profile from storage, checked for the fields a listing shows. */
async function fetchProfile(
  client: MedChainActionClient,
  cid: string,
  signal: AbortSignal | undefined,
): Promise<ProviderProfile> {
  if (cid.startsWith('0x')) throw new TypeError(`The profile reference ${cid} is not a CID.`)
  const bytes = await client.storage.get(cid, { signal })
  const profile: unknown = JSON.parse(new TextDecoder().decode(bytes))
  const fields = profile as Record<string, unknown> | null
  if (
    typeof fields !== 'object' ||
    fields === null ||
    typeof fields.name !== 'string' ||
    typeof fields.institution !== 'string' ||
    typeof fields.credentialRef !== 'string'
  )
    throw new TypeError(
      `The document ${cid} is not a provider profile (name, institution, credentialRef).`,
    )
  return profile as ProviderProfile
}

/** `map` with at most `concurrency` calls in flight, results in input order. */
async function mapLimit<item, result>(
  items: readonly item[],
  map: (item: item) => Promise<result>,
): Promise<result[]> {
  const results: result[] = new Array(items.length)
  let next = 0
  const worker = async () => {
    while (next < items.length) {
      const index = next++
      results[index] = await map(items[index]!)
    }
  }
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker))
  return results
}
