import type { Address } from 'viem'
import type { MedChainActionClient } from '../../client/types.js'
import type { MedChainError } from '../../errors/base.js'
import type { AnchorRecordReturnType, RecordAnchor } from './anchorRecord.js'
import { type PublishProgress, publishRecords, type RecordData } from './publishRecords.js'

/**
 * Parameters of {@link publishRecord}.
 *
 * @example
 * ```ts
 * import type { PublishRecordParameters } from '@medchain/sdk'
 *
 * const parameters: PublishRecordParameters = {
 *   data: { resourceType: 'Observation', status: 'final', code: { text: 'HbA1c' }, subject: { reference: 'Patient/p1' } },
 * } // scope 5 (lab results) from the resource type
 * ```
 */
export type PublishRecordParameters = {
  /** The patient (default: the client's account). A provider with write consent names the patient. */
  patient?: Address | undefined
  /**
   * Scope id (1 profile, 2 diagnoses, 3 treatments, 4 prescriptions, 5 lab results, 6 imaging,
   * 7 documents). Default: the scope of the FHIR resource's type; required for text or file bytes.
   */
  scope?: number | undefined
  /** The record: a FHIR R4 resource or Bundle (checked for shape before encrypting), text or file bytes. */
  data: RecordData
  /** The `seq` of the record this one corrects (a correction), or omit. */
  supersedes?: bigint | undefined
  /** Called as the record is encrypted, stored and read back (see `PublishProgress`). */
  onProgress?: ((progress: PublishProgress) => void) | undefined
}

/**
 * Result of {@link publishRecord}.
 *
 * @example
 * ```ts
 * import type { PublishRecordReturnType } from '@medchain/sdk'
 *
 * const { anchor, transactionHash, gasUsed }: PublishRecordReturnType = await publishRecord(client, parameters)
 * ```
 */
export type PublishRecordReturnType = Omit<AnchorRecordReturnType, 'anchors'> & {
  anchor: RecordAnchor
}

/**
 * Errors {@link publishRecord} can throw.
 *
 * @example
 * ```ts
 * import type { PublishRecordErrorType } from '@medchain/sdk'
 *
 * const describe = (error: PublishRecordErrorType) => error.name
 * ```
 */
export type PublishRecordErrorType = MedChainError

/**
 * Publishes one record: encrypt (fresh data key, wrapped under the scope key) -> store -> read back
 * -> anchor. Returns the anchor, transaction hash and gas once mined; repeating the call with the
 * same record returns the existing anchor (`alreadyAnchored: true`).
 *
 * @example
 * ```ts
 * import { publishRecord } from '@medchain/sdk'
 *
 * const { anchor } = await publishRecord(client, { scope: 5, data: observation })
 * console.log(anchor.seq, anchor.cid)
 * ```
 */
export async function publishRecord(
  client: MedChainActionClient,
  parameters: PublishRecordParameters,
): Promise<PublishRecordReturnType> {
  const { anchors, ...rest } = await publishRecords(client, {
    patient: parameters.patient,
    scope: parameters.scope,
    records: [parameters.data],
    supersedes: parameters.supersedes === undefined ? undefined : [parameters.supersedes],
    onProgress: parameters.onProgress,
  })
  return { ...rest, anchor: anchors[0]! }
}
