import type { Address } from 'viem'
import { findError } from '../../lib/errorMessage.js'

/**
 * The patient a delegate acts for in the patient-page sections (inbox, grants): undefined when the
 * signed-in patient acts for itself.
 */
export type ActingFor = {
  patient: Address
  /** The patient's name when the delegate can open its profile, else its short address. */
  name: string
  /** The patient shared its record keys with the delegate: it can read, grant and rotate. */
  holdsKeys: boolean
}

/** Why a consent-only delegate cannot approve: approving wraps record keys it does not hold. */
export const cannotApproveText = (name: string) =>
  `Approving shares ${name}'s record keys, and you do not hold them. You can deny this request, or ask ${name} to approve it (or to share the keys with you).`

/** Why a consent-only delegate sees record counts but no records. */
export const cannotReadText = (name: string) =>
  `You manage consent for ${name} without their record keys, so these records cannot be opened here. ${name} can share the keys by adding you again with “Share my record keys”.`

/**
 * A delegate's action error in plain words: a missing scope key means the delegate holds none of
 * the patient's keys, which the generic sentence ("ask the patient to grant access") does not say.
 */
export function delegateActionError(error: unknown, actingFor: ActingFor | undefined): unknown {
  if (!actingFor || !findError(error, 'ScopeKeyNotFoundError')) return error
  return cannotApproveText(actingFor.name)
}
