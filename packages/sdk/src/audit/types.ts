import type { Address, Hash } from 'viem'

/**
 * What happened, one kind per MedChain contract event that touches a patient or provider.
 *
 * @example
 * ```ts
 * import type { AuditEventKind } from '@medchain/sdk'
 *
 * const revocations = entries.filter((e) => e.kind === ('access-revoked' satisfies AuditEventKind))
 * ```
 */
export type AuditEventKind =
  | 'registered'
  | 'profile-updated'
  | 'encryption-key-rotated'
  | 'provider-verified'
  | 'provider-suspended'
  | 'access-requested'
  | 'access-request-cancelled'
  | 'access-denied'
  | 'access-granted'
  | 'access-revoked'
  | 'delegate-updated'
  | 'emergency-access-updated'
  | 'emergency-access-used'
  | 'emergency-keys-released'
  | 'record-anchored'
  | 'scope-key-rotated'

/**
 * One step of a patient's audit trail, decoded from one on-chain event. The chain is the audit log:
 * every entry names its transaction so anyone can check it against the chain.
 *
 * @example
 * ```ts
 * import type { AuditEntry } from '@medchain/sdk'
 *
 * const { entries } = await patient.getAuditTimeline()
 * const line = (e: AuditEntry) => `${e.timestamp.toISOString()} ${e.kind} by ${e.actor} in ${e.transactionHash}`
 * ```
 */
export type AuditEntry = {
  kind: AuditEventKind
  /** The patient the event concerns (for provider-only events: the provider). */
  subject: Address
  /** Who caused it: the sender, or the signer of a relayed EIP-712 message. */
  actor: Address
  /** The other party: the provider that requested or was granted/revoked/denied, the delegate, the verifier. */
  counterpart?: Address | undefined
  /** Scope ids (record categories) the event covers; empty when it has none. */
  scopes: readonly number[]
  /** Block time of the event. */
  timestamp: Date
  blockNumber: bigint
  transactionHash: Hash
  logIndex: number
  /** Kind-specific facts (expiry, purpose code, reason code, request id, record seq, CID string, ...). */
  details: Readonly<Record<string, string | number | boolean | bigint | null>>
}

/**
 * A grant as it stands on chain now, for one grantee and one scope of one patient.
 *
 * @example
 * ```ts
 * import type { ActiveGrant } from '@medchain/sdk'
 *
 * const grants: ActiveGrant[] = await patient.listActiveGrants()
 * const expiringToday = grants.filter((g) => g.expiresAt && g.expiresAt.getTime() < Date.now() + 86_400_000)
 * ```
 */
export type ActiveGrant = {
  patient: Address
  grantee: Address
  scope: number
  write: boolean
  /** When the regular grant ends (undefined: only emergency access is active). */
  expiresAt?: Date | undefined
  /** When break-glass access ends, if it is active. */
  emergencyUntil?: Date | undefined
  /** CID of the scope-key envelope wrapped to the grantee (from the AccessGranted event). */
  envelopeCid?: string | undefined
  /** Transaction and time of the grant that set it. */
  grantedAt: Date
  transactionHash: Hash
}
