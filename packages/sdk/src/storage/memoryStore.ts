import { MemoryBlockstore } from 'blockstore-core/memory'
import type { CID } from 'multiformats/cid'
import type { LocalRecordStore } from './types.js'
import { createUnixfsStore, memoryPinStore } from './unixfsStore.js'

type AbortOptions = { signal?: AbortSignal }

/**
 * A memory blockstore that copies bytes in and out, so a caller mutating the array it passed to
 * `put` (or got from `get`) cannot change a stored block.
 */
class CopyingMemoryBlockstore extends MemoryBlockstore {
  override put(
    key: CID,
    value: Uint8Array | Iterable<Uint8Array> | AsyncIterable<Uint8Array>,
    options?: AbortOptions,
  ): CID | Promise<CID> {
    return super.put(key, value instanceof Uint8Array ? value.slice() : value, options)
  }

  override async *get(key: CID, options?: AbortOptions): AsyncGenerator<Uint8Array> {
    for await (const chunk of super.get(key, options)) yield chunk.slice()
  }
}

/**
 * An in-memory {@link LocalRecordStore} (blocks and pins are lost when it is garbage collected):
 * for tests and short-lived tools. Same CIDs, verification and errors as the on-disk store.
 *
 * @example
 * ```ts
 * import { createMemoryStore } from '@medchain/sdk/storage'
 *
 * const store = createMemoryStore()
 * const cid = await store.put(new TextEncoder().encode('hello'))
 * const bytes = await store.get(cid) // verified against cid
 * ```
 */
export function createMemoryStore(): LocalRecordStore {
  return createUnixfsStore({
    blockstore: new CopyingMemoryBlockstore(),
    pinStore: memoryPinStore(),
    name: 'memory store',
  })
}
