import { InvalidPublicKeyError } from '../../errors/crypto.js'
import { assertBytes } from '../utils/bytes.js'
import { loadNodeCrypto } from '../utils/runtime.js'
import { nodeHpkeOpen, nodeHpkeSeal } from './nodeHpke.js'
import type { HpkeOpenParameters, HpkeSealed, HpkeSealParameters } from './types.js'
import { webHpkeOpen, webHpkeSeal } from './webHpke.js'

/** RFC 9180 base-mode single-shot seal: node:crypto in Node, @noble/curves + WebCrypto elsewhere. */
export async function hpkeSeal(parameters: HpkeSealParameters): Promise<HpkeSealed> {
  const { recipientPublicKey } = parameters
  if (!(recipientPublicKey instanceof Uint8Array) || recipientPublicKey.length !== 32)
    throw new InvalidPublicKeyError({
      reason:
        recipientPublicKey instanceof Uint8Array
          ? `must be 32 bytes, received ${recipientPublicKey.length}`
          : 'must be a Uint8Array of 32 bytes',
    })
  assertBytes(parameters.plaintext, 'plaintext')
  assertBytes(parameters.info, 'info')
  const crypto = await loadNodeCrypto()
  return crypto ? nodeHpkeSeal(crypto, parameters) : webHpkeSeal(parameters)
}

/** RFC 9180 base-mode single-shot open: node:crypto in Node, @noble/curves + WebCrypto elsewhere. */
export async function hpkeOpen(parameters: HpkeOpenParameters): Promise<Uint8Array> {
  const crypto = await loadNodeCrypto()
  return crypto ? nodeHpkeOpen(crypto, parameters) : webHpkeOpen(parameters)
}
