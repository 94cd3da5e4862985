import { assertBytes } from '../crypto/utils/bytes.js'

/**
 * Overwrites a key held in memory with zeros, as the last step of crypto-shredding. JavaScript gives
 * no guarantee that no other copy exists (engines may copy buffers), so this is best effort; the
 * erasure itself comes from deleting every *wrapped* copy that could still be unwrapped. See
 * docs/concepts/key-hierarchy.md ("Erasure: crypto-shredding") for what this can and cannot do.
 *
 * @example
 * ```ts
 * import { destroyScopeKey } from '@medchain/sdk/crypto'
 *
 * destroyScopeKey(scopeKey) // scopeKey is now all zeros
 * ```
 */
export function destroyScopeKey(key: Uint8Array): void {
  assertBytes(key, 'key')
  key.fill(0)
}
