import type { Address, Hex } from 'viem'
import type { AuditEntry, AuditEventKind } from '../../audit/types.js'
import type { MedChainActionClient } from '../../client/types.js'
import type { MedChainError } from '../../errors/base.js'
import { requireAccount } from '../internal/contract.js'
import { getLogsPaged, type RpcCounter, topic } from '../internal/logs.js'
import { cidFromHex } from '../internal/scopeKeys.js'

/**
 * Parameters of {@link getAuditTimeline}.
 *
 * @example
 * ```ts
 * import type { GetAuditTimelineParameters } from '@medchain/sdk'
 *
 * const parameters: GetAuditTimelineParameters = { subject: patient }
 * ```
 */
export type GetAuditTimelineParameters = {
  /** The patient (or provider); default: the client's account. */ subject?: Address | undefined
}

/**
 * Result of {@link getAuditTimeline}.
 *
 * @example
 * ```ts
 * import type { GetAuditTimelineReturnType } from '@medchain/sdk'
 *
 * const { entries, rpcCalls }: GetAuditTimelineReturnType = await getAuditTimeline(client)
 * ```
 */
export type GetAuditTimelineReturnType = { entries: AuditEntry[]; rpcCalls: number }

/**
 * Errors {@link getAuditTimeline} can throw.
 *
 * @example
 * ```ts
 * import type { GetAuditTimelineErrorType } from '@medchain/sdk'
 *
 * const describe = (error: GetAuditTimelineErrorType) => error.name
 * ```
 */
export type GetAuditTimelineErrorType = MedChainError

const bySubject = [
  'Registered',
  'ProfileUpdated',
  'EncryptionKeyRotated',
  'ProviderVerified',
  'ProviderSuspended',
  'AccessGranted',
  'AccessRevoked',
  'DelegateUpdated',
  'EmergencyAccessUpdated',
  'EmergencyAccessUsed',
  'EmergencyKeysReleased',
  'RecordAnchored',
  'RecordsAnchored',
  'ScopeKeyRotated',
] as const
/** A CID from an event, or null where the event carries none (a removal or an opt-out). */
const optionalCid = (cid: Hex) => (cid === '0x' ? null : cidFromHex(cid))

const byRequest = ['AccessRequested', 'AccessRequestCancelled', 'AccessDenied'] as const

const kinds: Record<(typeof bySubject)[number] | (typeof byRequest)[number], AuditEventKind> = {
  Registered: 'registered',
  ProfileUpdated: 'profile-updated',
  EncryptionKeyRotated: 'encryption-key-rotated',
  ProviderVerified: 'provider-verified',
  ProviderSuspended: 'provider-suspended',
  AccessRequested: 'access-requested',
  AccessRequestCancelled: 'access-request-cancelled',
  AccessDenied: 'access-denied',
  AccessGranted: 'access-granted',
  AccessRevoked: 'access-revoked',
  DelegateUpdated: 'delegate-updated',
  EmergencyAccessUpdated: 'emergency-access-updated',
  EmergencyAccessUsed: 'emergency-access-used',
  EmergencyKeysReleased: 'emergency-keys-released',
  RecordAnchored: 'record-anchored',
  RecordsAnchored: 'record-anchored',
  ScopeKeyRotated: 'scope-key-rotated',
}

/**
 * Every on-chain event of a patient (or provider), oldest first, as {@link AuditEntry}s: requests,
 * grants, denials, revocations, anchors, key rotations, delegates, emergency access, verification.
 * Two paged log queries plus one block read per distinct block.
 *
 * @example
 * ```ts
 * import { getAuditTimeline } from '@medchain/sdk'
 *
 * const { entries } = await getAuditTimeline(patientClient)
 * for (const entry of entries) console.log(entry.timestamp, entry.kind, entry.actor)
 * ```
 */
export async function getAuditTimeline(
  client: MedChainActionClient,
  parameters: GetAuditTimelineParameters = {},
): Promise<GetAuditTimelineReturnType> {
  const subject = parameters.subject ?? requireAccount(client, 'getAuditTimeline').address
  const counter: RpcCounter = { calls: 1 }
  const toBlock = await client.publicClient.getBlockNumber({ cacheTime: 0 })
  const [direct, requests] = await Promise.all([
    getLogsPaged(client, { eventNames: bySubject, topics: [topic(subject)], toBlock, counter }),
    getLogsPaged(client, {
      eventNames: byRequest,
      topics: [null, topic(subject)],
      toBlock,
      counter,
    }),
  ])
  const logs = [...direct, ...requests].sort((a, b) =>
    a.blockNumber === b.blockNumber
      ? a.logIndex - b.logIndex
      : a.blockNumber < b.blockNumber
        ? -1
        : 1,
  )
  const times = new Map<bigint, Date>()
  for (const blockNumber of new Set(logs.map((log) => log.blockNumber))) {
    counter.calls++
    const block = await client.publicClient.getBlock({ blockNumber })
    times.set(blockNumber, new Date(Number(block.timestamp) * 1000))
  }
  const entries: AuditEntry[] = logs.map((log) => {
    const base = {
      kind: kinds[log.eventName],
      subject,
      timestamp: times.get(log.blockNumber)!,
      blockNumber: log.blockNumber,
      transactionHash: log.transactionHash,
      logIndex: log.logIndex,
    }
    switch (log.eventName) {
      case 'Registered':
        return {
          ...base,
          actor: log.args.account,
          scopes: [],
          details: {
            role: log.args.role === 1 ? 'patient' : 'provider',
            profileCid: cidFromHex(log.args.profileCid),
          },
        }
      case 'ProfileUpdated':
        return {
          ...base,
          actor: log.args.account,
          scopes: [],
          details: { profileCid: cidFromHex(log.args.profileCid) },
        }
      case 'EncryptionKeyRotated':
        return {
          ...base,
          actor: log.args.account,
          scopes: [],
          details: { encryptionKey: log.args.encryptionKey },
        }
      case 'ProviderVerified':
        return {
          ...base,
          actor: log.args.verifier,
          counterpart: log.args.verifier,
          scopes: [],
          details: { credentialRef: log.args.credentialRef },
        }
      case 'ProviderSuspended':
        return {
          ...base,
          actor: log.args.verifier,
          counterpart: log.args.verifier,
          scopes: [],
          details: { reasonCode: log.args.reasonCode },
        }
      case 'AccessRequested':
        return {
          ...base,
          actor: log.args.provider,
          counterpart: log.args.provider,
          scopes: [...log.args.scopes],
          details: {
            requestId: log.args.requestId,
            purpose: log.args.purpose,
            duration: log.args.duration,
          },
        }
      case 'AccessRequestCancelled':
        return {
          ...base,
          actor: log.args.provider,
          counterpart: log.args.provider,
          scopes: [],
          details: { requestId: log.args.requestId },
        }
      case 'AccessDenied':
        return {
          ...base,
          actor: log.args.actor,
          counterpart: log.args.provider,
          scopes: [],
          details: { requestId: log.args.requestId },
        }
      case 'AccessGranted':
        return {
          ...base,
          actor: log.args.actor,
          counterpart: log.args.grantee,
          scopes: [log.args.scope],
          details: {
            write: log.args.write,
            expiry: log.args.expiry,
            requestId: log.args.requestId,
            envelopeCid: cidFromHex(log.args.envelopeCid),
          },
        }
      case 'AccessRevoked':
        return {
          ...base,
          actor: log.args.actor,
          counterpart: log.args.grantee,
          scopes: [log.args.scope],
          details: {},
        }
      case 'DelegateUpdated':
        return {
          ...base,
          actor: log.args.patient,
          counterpart: log.args.delegate,
          scopes: [],
          details: {
            kind: ['none', 'guardian', 'caregiver'][log.args.kind] ?? null,
            envelopeCid: optionalCid(log.args.envelopeCid),
          },
        }
      case 'EmergencyAccessUpdated':
        return {
          ...base,
          actor: log.args.actor,
          counterpart: log.args.enabled ? log.args.custodian : undefined,
          scopes: [],
          details: {
            enabled: log.args.enabled,
            envelopeCid: optionalCid(log.args.envelopeCid),
          },
        }
      case 'EmergencyKeysReleased':
        return {
          ...base,
          actor: log.args.custodian,
          counterpart: log.args.provider,
          scopes: [...log.args.scopes],
          details: { envelopeCid: cidFromHex(log.args.envelopeCid) },
        }
      case 'EmergencyAccessUsed':
        return {
          ...base,
          actor: log.args.provider,
          counterpart: log.args.provider,
          scopes: [log.args.scope],
          details: { reasonCode: log.args.reasonCode, until: log.args.until },
        }
      case 'RecordAnchored':
        return {
          ...base,
          actor: log.args.author,
          scopes: [log.args.scope],
          details: {
            seq: log.args.seq,
            count: 1,
            epoch: log.args.epoch,
            supersedes: log.args.supersedes,
            cid: cidFromHex(log.args.cid),
          },
        }
      case 'RecordsAnchored':
        return {
          ...base,
          actor: log.args.author,
          scopes: [log.args.scope],
          details: {
            seq: log.args.firstSeq,
            count: log.args.cids.length,
            epoch: log.args.epoch,
            cid: log.args.cids[0] ? cidFromHex(log.args.cids[0]) : null,
          },
        }
      default:
        return {
          ...base,
          actor: log.args.actor,
          scopes: [log.args.scope],
          details: { epoch: log.args.epoch, envelopeCid: cidFromHex(log.args.envelopeCid) },
        }
    }
  })
  return { entries, rpcCalls: counter.calls }
}
