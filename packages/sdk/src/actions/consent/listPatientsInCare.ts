import type { Address } from 'viem'
import type { MedChainActionClient } from '../../client/types.js'
import type { MedChainError } from '../../errors/base.js'
import { requireAccount } from '../internal/contract.js'
import { getLogsPaged, topic } from '../internal/logs.js'
import { lower } from '../internal/scopeKeys.js'

/**
 * Parameters of {@link listPatientsInCare}.
 *
 * @example
 * ```ts
 * import type { ListPatientsInCareParameters } from '@medchain/sdk'
 *
 * const parameters: ListPatientsInCareParameters = { delegate: guardian }
 * ```
 */
export type ListPatientsInCareParameters = {
  /** Default: the client's account. */
  delegate?: Address | undefined
}

/**
 * A patient that appointed the delegate, as its latest `DelegateUpdated` says.
 *
 * @example
 * ```ts
 * import type { PatientInCare } from '@medchain/sdk'
 *
 * const line = (p: PatientInCare) => `${p.patient}: ${p.kind}${p.holdsKeys ? ', with keys' : ''}`
 * ```
 */
export type PatientInCare = {
  patient: Address
  kind: 'guardian' | 'caregiver'
  /** The patient wrapped its scope keys to the delegate, so it can read, grant and rotate. */
  holdsKeys: boolean
}

/**
 * Result of {@link listPatientsInCare}.
 *
 * @example
 * ```ts
 * import type { ListPatientsInCareReturnType } from '@medchain/sdk'
 *
 * const patients: ListPatientsInCareReturnType = await listPatientsInCare(guardianClient)
 * ```
 */
export type ListPatientsInCareReturnType = PatientInCare[]

/**
 * Errors {@link listPatientsInCare} can throw.
 *
 * @example
 * ```ts
 * import type { ListPatientsInCareErrorType } from '@medchain/sdk'
 *
 * const describe = (error: ListPatientsInCareErrorType) => error.name
 * ```
 */
export type ListPatientsInCareErrorType = MedChainError

const kinds = [undefined, 'guardian', 'caregiver'] as const

/**
 * The patients a delegate acts for now, in order of appointment: the latest `DelegateUpdated` of
 * each patient naming it, unless that removed it. One paged log query.
 *
 * @example
 * ```ts
 * import { listPatientsInCare } from '@medchain/sdk'
 *
 * for (const { patient, holdsKeys } of await listPatientsInCare(guardianClient))
 *   if (holdsKeys) console.log(await guardianClient.listRecords({ patient }))
 * ```
 */
export async function listPatientsInCare(
  client: MedChainActionClient,
  parameters: ListPatientsInCareParameters = {},
): Promise<ListPatientsInCareReturnType> {
  const delegate = parameters.delegate ?? requireAccount(client, 'listPatientsInCare').address
  const logs = await getLogsPaged(client, {
    eventNames: ['DelegateUpdated'],
    topics: [null, topic(delegate)],
  })
  const latest = new Map<Address, PatientInCare | undefined>()
  for (const { args } of logs) {
    const kind = kinds[args.kind]
    latest.set(
      lower(args.patient),
      kind && { patient: args.patient, kind, holdsKeys: args.envelopeCid !== '0x' },
    )
  }
  return [...latest.values()].filter((entry) => entry !== undefined)
}
