import type { Address } from 'viem'
import type { MedChainActionClient } from '../../client/types.js'
import { decryptEnvelope } from '../../crypto/envelope/decryptEnvelope.js'
import type { MedChainError } from '../../errors/base.js'
import { RecordNotFoundError } from '../../errors/client.js'
import { unwrapDataKey } from '../../keys/unwrapDataKey.js'
import { assertCanRead } from '../consent/checkAccess.js'
import { requireAccount } from '../internal/contract.js'
import { decodeRecordObject } from '../internal/recordObject.js'
import { getScopeKey, lower } from '../internal/scopeKeys.js'
import type { RecordAnchor } from './anchorRecord.js'
import { listRecords } from './listRecords.js'

/**
 * Parameters of {@link readRecord}: an anchor from `listRecords`, or a patient and `seq`.
 *
 * @example
 * ```ts
 * import type { ReadRecordParameters } from '@medchain/sdk'
 *
 * const parameters: ReadRecordParameters = { patient, seq: 1n }
 * ```
 */
export type ReadRecordParameters =
  | { record: RecordAnchor; signal?: AbortSignal | undefined }
  | { patient?: Address | undefined; seq: bigint; signal?: AbortSignal | undefined }

/**
 * Result of {@link readRecord}.
 *
 * @example
 * ```ts
 * import type { ReadRecordReturnType } from '@medchain/sdk'
 *
 * const { data, json, anchor }: ReadRecordReturnType = await readRecord(client, { patient, seq: 1n })
 * ```
 */
export type ReadRecordReturnType = {
  /** The decrypted record bytes. */
  data: Uint8Array
  /** The record as text (UTF-8). */
  text: () => string
  /** The record parsed as JSON (e.g. a FHIR resource). */
  json: <T = unknown>() => T
  anchor: RecordAnchor
}

/**
 * Errors {@link readRecord} can throw: consent (`ConsentRequiredError`, `ConsentExpiredError`,
 * `ConsentRevokedError`, `ProviderNotVerifiedError`), keys (`ScopeKeyNotFoundError`,
 * `WrongRecipientError`, `KeyUnwrapFailedError`), storage and decryption errors.
 *
 * @example
 * ```ts
 * import type { ReadRecordErrorType } from '@medchain/sdk'
 *
 * const describe = (error: ReadRecordErrorType) => error.name
 * ```
 */
export type ReadRecordErrorType = MedChainError

/**
 * Reads a record: checks consent on chain (for a grantee), fetches the record object by CID (every
 * block verified), unwraps its data key with the scope key of its epoch (the patient's own, or from
 * the grantee's key envelope) and decrypts and verifies it against the anchor's context.
 *
 * @example
 * ```ts
 * import { readRecord } from '@medchain/sdk'
 *
 * const { json } = await readRecord(doctorClient, { patient, seq: 1n })
 * const observation = json<{ resourceType: string }>()
 * ```
 */
export async function readRecord(
  client: MedChainActionClient,
  parameters: ReadRecordParameters,
): Promise<ReadRecordReturnType> {
  const me = requireAccount(client, 'readRecord').address
  let anchor: RecordAnchor
  if ('record' in parameters) anchor = parameters.record
  else {
    const patient = parameters.patient ?? me
    const found = (await listRecords(client, { patient })).records.find(
      (r) => r.seq === parameters.seq,
    )
    if (!found) throw new RecordNotFoundError({ patient, seq: parameters.seq })
    anchor = found
  }
  const { patient, scope, epoch } = anchor
  if (lower(patient) !== lower(me)) await assertCanRead(client, { patient, grantee: me, scope })
  const scopeKey = await getScopeKey(client, patient, scope, epoch)
  const { wrappedDataKey, envelope } = decodeRecordObject(
    await client.storage.get(anchor.cid, { signal: parameters.signal }),
  )
  const context = { patient, chainId: client.chainId, contract: client.address, scope }
  const dataKey = await unwrapDataKey({ wrappedDataKey, scopeKey, context, epoch })
  const data = await decryptEnvelope({ envelope, dataKey, context })
  dataKey.fill(0)
  const text = () => new TextDecoder().decode(data)
  return { data, text, json: <T>() => JSON.parse(text()) as T, anchor }
}
