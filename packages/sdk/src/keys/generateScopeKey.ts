import { randomBytes } from '../crypto/utils/random.js'

/**
 * Generates a fresh random 256-bit scope key (one per patient, scope and epoch).
 *
 * @example
 * ```ts
 * import { generateScopeKey } from '@medchain/sdk/crypto'
 *
 * const scopeKey = generateScopeKey() // epoch 0 of, say, the labs scope
 * ```
 */
export function generateScopeKey(): Uint8Array {
  return randomBytes(32)
}
