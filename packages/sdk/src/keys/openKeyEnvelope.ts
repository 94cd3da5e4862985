import type { Address } from 'abitype'
import { throwIfAborted } from '../crypto/utils/abort.js'
import { equalBytes } from '../crypto/utils/bytes.js'
import {
  KeyEnvelopeContextMismatchError,
  UnsupportedWrapAlgorithmError,
  WrongRecipientError,
} from '../errors/crypto.js'
import { recordKeyBinding, scopeKeyBinding } from './bindings.js'
import { decodeKeyEnvelope, type KeyEnvelope } from './keyEnvelope.js'
import type { KeyProvider } from './types.js'

/**
 * Parameters of {@link openKeyEnvelope}.
 *
 * @example
 * ```ts
 * import type { OpenKeyEnvelopeParameters } from '@medchain/sdk/crypto'
 *
 * const parameters: OpenKeyEnvelopeParameters = { keyEnvelope: bytes, keyProvider, expected: { patient } }
 * ```
 */
export type OpenKeyEnvelopeParameters = {
  /** The key envelope, as bytes (fetched by CID) or decoded. */
  keyEnvelope: Uint8Array | KeyEnvelope
  /** The grantee's key provider. */
  keyProvider: KeyProvider
  /**
   * What the caller expects (from the consent contract). Anyone can wrap a key to a public key, so
   * check the envelope's patient, chain and contract against the chain before trusting its keys.
   */
  expected?:
    | { patient?: Address; chainId?: bigint | number; contract?: Address; grantee?: Address }
    | undefined
  /** Aborts between unwraps. */
  signal?: AbortSignal | undefined
}

/**
 * Result of {@link openKeyEnvelope}.
 *
 * @example
 * ```ts
 * import type { OpenKeyEnvelopeReturnType } from '@medchain/sdk/crypto'
 *
 * const { scopeKeys, recordKeys }: OpenKeyEnvelopeReturnType = await openKeyEnvelope({ keyEnvelope, keyProvider })
 * ```
 */
export type OpenKeyEnvelopeReturnType = {
  /** Unwrapped scope keys (32 bytes each). */
  scopeKeys: { scope: number; epoch: number; key: Uint8Array }[]
  /** Unwrapped data keys of single-record grants. */
  recordKeys: { record: string; scope: number; dataKey: Uint8Array }[]
}

/**
 * Opens a key envelope with the grantee's key provider: checks it is addressed to the provider's
 * public key (`WrongRecipientError`) and matches `expected` (`KeyEnvelopeContextMismatchError`),
 * then unwraps every key with its binding (`KeyUnwrapFailedError` if any was altered or moved).
 *
 * @example
 * ```ts
 * import { openKeyEnvelope } from '@medchain/sdk/crypto'
 *
 * const { scopeKeys } = await openKeyEnvelope({
 *   keyEnvelope: await storage.get(grant.keyEnvelopeCid),
 *   keyProvider,
 *   expected: { patient, chainId: 1n, contract },
 * })
 * ```
 */
export async function openKeyEnvelope({
  keyEnvelope: input,
  keyProvider,
  expected,
  signal,
}: OpenKeyEnvelopeParameters): Promise<OpenKeyEnvelopeReturnType> {
  const keyEnvelope = input instanceof Uint8Array ? decodeKeyEnvelope(input) : input
  const { patient, chainId, contract, grantee, recipient } = keyEnvelope
  if (expected?.patient !== undefined && expected.patient.toLowerCase() !== patient.toLowerCase())
    throw new KeyEnvelopeContextMismatchError({ field: 'patient' })
  if (expected?.chainId !== undefined && BigInt(expected.chainId) !== BigInt(chainId))
    throw new KeyEnvelopeContextMismatchError({ field: 'chain id' })
  if (
    expected?.contract !== undefined &&
    expected.contract.toLowerCase() !== contract.toLowerCase()
  )
    throw new KeyEnvelopeContextMismatchError({ field: 'contract' })
  if (expected?.grantee !== undefined && expected.grantee.toLowerCase() !== grantee.toLowerCase())
    throw new KeyEnvelopeContextMismatchError({ field: 'grantee' })
  if (recipient.algorithm !== keyProvider.algorithm)
    throw new UnsupportedWrapAlgorithmError({
      algorithm: recipient.algorithm,
      provider: keyProvider.kind,
    })
  if (!equalBytes(await keyProvider.getEncryptionPublicKey(), recipient.publicKey))
    throw new WrongRecipientError()
  const result: OpenKeyEnvelopeReturnType = { scopeKeys: [], recordKeys: [] }
  for (const { scope, epoch, wrapped } of keyEnvelope.scopeKeys) {
    throwIfAborted(signal)
    const info = scopeKeyBinding({ context: { patient, chainId, contract, scope }, epoch, grantee })
    result.scopeKeys.push({
      scope,
      epoch,
      key: await keyProvider.unwrapKey({ wrapped, info, signal }),
    })
  }
  for (const { record, scope, wrapped } of keyEnvelope.recordKeys) {
    throwIfAborted(signal)
    const info = recordKeyBinding({
      context: { patient, chainId, contract, scope },
      record,
      grantee,
    })
    result.recordKeys.push({
      record,
      scope,
      dataKey: await keyProvider.unwrapKey({ wrapped, info, signal }),
    })
  }
  return result
}
