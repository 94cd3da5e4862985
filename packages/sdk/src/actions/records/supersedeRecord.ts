import type { MedChainActionClient } from '../../client/types.js'
import type { MedChainError } from '../../errors/base.js'
import {
  type PublishRecordParameters,
  type PublishRecordReturnType,
  publishRecord,
} from './publishRecord.js'

/**
 * Parameters of {@link supersedeRecord}.
 *
 * @example
 * ```ts
 * import type { SupersedeRecordParameters } from '@medchain/sdk'
 *
 * const parameters: SupersedeRecordParameters = { supersedes: 3n, scope: 5, data: corrected }
 * ```
 */
export type SupersedeRecordParameters = PublishRecordParameters & { supersedes: bigint }

/**
 * Result of {@link supersedeRecord}.
 *
 * @example
 * ```ts
 * import type { SupersedeRecordReturnType } from '@medchain/sdk'
 *
 * const { anchor }: SupersedeRecordReturnType = await supersedeRecord(client, parameters)
 * ```
 */
export type SupersedeRecordReturnType = PublishRecordReturnType

/**
 * Errors {@link supersedeRecord} can throw.
 *
 * @example
 * ```ts
 * import type { SupersedeRecordErrorType } from '@medchain/sdk'
 *
 * const describe = (error: SupersedeRecordErrorType) => error.name
 * ```
 */
export type SupersedeRecordErrorType = MedChainError

/**
 * Publishes a correction: a new record that names the `seq` it supersedes. The original stays in the
 * append-only history; `listRecords` marks it superseded.
 *
 * @example
 * ```ts
 * import { supersedeRecord } from '@medchain/sdk'
 *
 * const { anchor } = await supersedeRecord(client, { supersedes: 3n, scope: 5, data: corrected })
 * ```
 */
export function supersedeRecord(
  client: MedChainActionClient,
  parameters: SupersedeRecordParameters,
): Promise<SupersedeRecordReturnType> {
  return publishRecord(client, parameters)
}
