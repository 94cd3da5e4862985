import type { Account, Address, Chain, PublicClient, Transport, WalletClient } from 'viem'
import type { KeyProvider } from '../keys/types.js'
import type { RecordStore } from '../storage/types.js'

/**
 * What every MedChain action runs against: a viem public client (reads, logs), an optional wallet
 * client with an account (writes, EIP-712 signatures), the MedChain deployment, a record store and
 * the account's key provider. `MedChainClient` holds one and binds the actions to it; you can also
 * build one yourself and call the actions directly (tree-shakable).
 *
 * @example
 * ```ts
 * import { createMedChainActionClient, publishRecord } from '@medchain/sdk'
 *
 * const client = createMedChainActionClient({ chain, transport, account, address, storage, keyProvider })
 * await publishRecord(client, { scope: 5, data: observation })
 * ```
 */
export type MedChainActionClient = {
  /** Reads, logs, receipts. */
  readonly publicClient: PublicClient<Transport, Chain>
  /** Writes and signatures (undefined for a read-only client). */
  readonly walletClient: WalletClient<Transport, Chain, Account> | undefined
  /** Chain id of `publicClient`'s chain. */
  readonly chainId: number
  /** The MedChain contract. */
  readonly address: Address
  /** Block the contract was deployed in: where log queries start. */
  readonly startBlock: bigint
  /** Where ciphertext, key envelopes and profiles are stored by CID. */
  readonly storage: RecordStore
  /** The account's X25519 key provider (opens key envelopes). */
  keyProvider: KeyProvider | undefined
  /** Blocks per `eth_getLogs` page (default 50,000). */
  readonly logPageSize: bigint
  /** In-memory caches (scope keys, pending publishes). Never persisted. */
  readonly cache: MedChainCache
}

/**
 * The in-memory caches of a {@link MedChainActionClient}: unwrapped scope keys by
 * `patient:scope:epoch`, and records stored but not yet known to be anchored (by a hash of patient,
 * scope and plaintext) so a repeated publish finds its earlier attempt.
 *
 * @example
 * ```ts
 * import { createMedChainCache } from '@medchain/sdk'
 *
 * const cache = createMedChainCache()
 * cache.scopeKeys.clear()
 * ```
 */
export type MedChainCache = {
  scopeKeys: Map<string, Uint8Array>
  pendingPublishes: Map<string, { cid: string; fromBlock: bigint }>
}

/**
 * Creates empty {@link MedChainCache}s.
 *
 * @example
 * ```ts
 * import { createMedChainCache } from '@medchain/sdk'
 *
 * const cache = createMedChainCache()
 * ```
 */
export function createMedChainCache(): MedChainCache {
  return { scopeKeys: new Map(), pendingPublishes: new Map() }
}
