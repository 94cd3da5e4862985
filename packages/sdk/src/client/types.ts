import type { Account, Address, Chain, PublicClient, Transport, WalletClient } from 'viem'
import type { EncryptionRecipient, KeyProvider } from '../keys/types.js'
import type { RecordStore } from '../storage/types.js'
import type { PublishJournal } from './publishJournal.js'

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
  /** In-memory caches (scope keys). Never persisted. */
  readonly cache: MedChainCache
  /**
   * Earlier publish attempts (the CIDs they stored, by a fingerprint of the records), so a repeated
   * publish returns the earlier anchor. On disk with the default store, so this survives restarts.
   */
  readonly publishJournal: PublishJournal
}

/**
 * The in-memory caches of a {@link MedChainActionClient}: unwrapped scope keys by
 * `patient:scope:epoch`, recipients' wrap algorithms by `account:key`, and the publishes running now by their fingerprint (so a concurrent repeat
 * waits for the first instead of anchoring a second copy). Earlier attempts are in the client's
 * `publishJournal`.
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
  recipients: Map<string, EncryptionRecipient>
  publishes: Map<string, Promise<unknown>>
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
  return { scopeKeys: new Map(), recipients: new Map(), publishes: new Map() }
}
