import type { MedChainClient, RecordHistoryEntry } from '@medchain/sdk'
import type { Address } from 'viem'
import { type RecordSummary, summarizeRecord } from './fhirSummary.js'

/** A record the reader could open: its anchor, what it says, and whether every check passed. */
export type OpenedRecord = {
  anchor: RecordHistoryEntry
  summary: RecordSummary
  /** CID fetched and verified block by block, anchor in the chain's verified history, decrypted. */
  verified: boolean
}

/**
 * Records of a scope the reader could not open, with the reason: an SDK error, and optionally the
 * page's own sentence when it knows more than the error does (shown instead of the error's text).
 */
export type LockedScope = { scope: number; count: number; error: unknown; reason?: string }

/** Parses a decrypted record: FHIR JSON when it is JSON, else text. */
export function parseRecordText(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return text
  }
}

/**
 * Lists a patient's anchored records and opens those in `readable` scopes (all when undefined),
 * through the SDK's listRecords (rebuilds the on-chain anchor head) and readRecord (fetches by CID,
 * verifies, checks consent, decrypts). For each other scope that has records it tries one read, so
 * the page can say why it is closed (no consent, expired on a date, revoked).
 */
export async function openRecords(
  client: MedChainClient,
  patient: Address,
  readable?: ReadonlySet<number>,
): Promise<{ opened: OpenedRecord[]; locked: LockedScope[]; historyVerified: boolean }> {
  const { records, verified: historyVerified } = await client.listRecords({ patient })
  const opened: OpenedRecord[] = []
  const lockedByScope = new Map<number, RecordHistoryEntry[]>()
  for (const anchor of records) {
    if (anchor.scope === 1) continue
    if (readable && !readable.has(anchor.scope)) {
      lockedByScope.set(anchor.scope, [...(lockedByScope.get(anchor.scope) ?? []), anchor])
      continue
    }
    const result = await client
      .readRecord({ record: anchor })
      .catch((error: unknown) => ({ error }))
    if ('error' in result) {
      lockedByScope.set(anchor.scope, [...(lockedByScope.get(anchor.scope) ?? []), anchor])
      continue
    }
    opened.push({
      anchor,
      summary: summarizeRecord(parseRecordText(result.text())),
      verified: historyVerified,
    })
  }
  const locked: LockedScope[] = []
  for (const [scope, anchors] of lockedByScope) {
    const error = await client
      .readRecord({ record: anchors[0]! })
      .then(() => undefined)
      .catch((caught: unknown) => caught)
    locked.push({ scope, count: anchors.length, error })
  }
  return { opened, locked, historyVerified }
}

/**
 * A patient's records counted by category without opening any, each category closed with `reason`:
 * for a reader known to hold no keys (a consent-only delegate), so no read and no wallet prompt.
 */
export async function closedRecords(
  client: MedChainClient,
  patient: Address,
  reason: string,
): Promise<{ opened: OpenedRecord[]; locked: LockedScope[] }> {
  const { records } = await client.listRecords({ patient })
  const counts = new Map<number, number>()
  // Scope 1 is the encrypted profile, not a record the timeline shows.
  for (const { scope } of records) if (scope !== 1) counts.set(scope, (counts.get(scope) ?? 0) + 1)
  const locked = [...counts].map(([scope, count]) => ({ scope, count, error: undefined, reason }))
  return { opened: [], locked }
}
