import { loadNodeCrypto } from '../utils/runtime.js'
import { nodeAeadKey } from './nodeAead.js'
import type { AeadKey } from './types.js'
import { webAeadKey } from './webAead.js'

/**
 * Imports a 32-byte AES-256-GCM key into the fastest backend of this runtime: node:crypto in Node,
 * WebCrypto elsewhere. Internal.
 */
export async function importAeadKey(key: Uint8Array): Promise<AeadKey> {
  const crypto = await loadNodeCrypto()
  return crypto ? nodeAeadKey(crypto, key) : webAeadKey(key)
}
