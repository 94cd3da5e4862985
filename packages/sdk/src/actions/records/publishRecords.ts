import { sha256 } from '@noble/hashes/sha2.js'
import { type Address, bytesToHex } from 'viem'
import type { PublishJournalEntry } from '../../client/publishJournal.js'
import type { MedChainActionClient } from '../../client/types.js'
import { encryptEnvelope } from '../../crypto/envelope/encryptEnvelope.js'
import type { MedChainError } from '../../errors/base.js'
import { ScopeKeyNotFoundError } from '../../errors/client.js'
import { UnknownScopeError } from '../../errors/fhir.js'
import { scopeForResource } from '../../fhir/scopes.js'
import { type FhirRecord, validateFhirRecord } from '../../fhir/validateFhirRecord.js'
import { wrapDataKey } from '../../keys/wrapDataKey.js'
import { read, requireAccount, trackTransactions } from '../internal/contract.js'
import { encodeRecordObject } from '../internal/recordObject.js'
import { ensureScopeKey, getScopeKey, lower, storeVerified } from '../internal/scopeKeys.js'
import { type AnchorRecordReturnType, anchorRecord, findAnchored } from './anchorRecord.js'

/**
 * What a record can be: bytes (a file), a string, or a JSON value (a FHIR resource), encoded as
 * UTF-8 JSON.
 *
 * @example
 * ```ts
 * import type { RecordData } from '@medchain/sdk'
 *
 * const data: RecordData = validateFhirRecord(JSON.parse(observationJson)) // or text / file bytes
 * ```
 */
export type RecordData = Uint8Array | string | FhirRecord | Record<string, unknown>

/**
 * Parameters of {@link publishRecords}.
 *
 * @example
 * ```ts
 * import type { PublishRecordsParameters } from '@medchain/sdk'
 *
 * const parameters: PublishRecordsParameters = { scope: 5, records: [observation1, observation2] }
 * ```
 */
export type PublishRecordsParameters = {
  /** The patient (default: the client's account; a provider with write consent names the patient). */
  patient?: Address | undefined
  /**
   * Scope id of every record of the batch. Default: the scope of the records' FHIR resource types
   * (`scopeForResource`); required for text or file bytes.
   */
  scope?: number | undefined
  records: readonly RecordData[]
  /** The `seq` each record corrects (0n: none); empty or one per record. */
  supersedes?: readonly bigint[] | undefined
  /** Called as each record is encrypted, stored and read back (see {@link PublishProgress}). */
  onProgress?: ((progress: PublishProgress) => void) | undefined
}

/**
 * Progress of a publish: which record of the batch, which stage, and the bytes of that stage done
 * so far. `encrypting` counts plaintext bytes; `storing` and `verifying` (the read-back before the
 * anchor) count the bytes of the stored record object. Each stage reports `bytes === totalBytes`
 * when it ends. Anchoring follows the last record.
 *
 * @example
 * ```ts
 * import type { PublishProgress } from '@medchain/sdk'
 *
 * const onProgress = ({ stage, record, bytes, totalBytes }: PublishProgress) =>
 *   console.log(`record ${record + 1}: ${stage} ${Math.round((100 * bytes) / totalBytes)}%`)
 * await client.publishRecord({ scope: 7, data: pdfBytes, onProgress })
 * ```
 */
export type PublishProgress = {
  stage: 'encrypting' | 'storing' | 'verifying'
  /** Index of the record in the batch (0 for `publishRecord`). */
  record: number
  /** Number of records in the batch. */
  records: number
  bytes: number
  totalBytes: number
}

/**
 * Result of {@link publishRecords}.
 *
 * @example
 * ```ts
 * import type { PublishRecordsReturnType } from '@medchain/sdk'
 *
 * const { anchors, gasUsed }: PublishRecordsReturnType = await publishRecords(client, parameters)
 * ```
 */
export type PublishRecordsReturnType = AnchorRecordReturnType

/**
 * Errors {@link publishRecords} can throw.
 *
 * @example
 * ```ts
 * import type { PublishRecordsErrorType } from '@medchain/sdk'
 *
 * const describe = (error: PublishRecordsErrorType) => error.name
 * ```
 */
export type PublishRecordsErrorType = MedChainError

/**
 * Record bytes of a {@link RecordData}. A FHIR resource (an object) is checked for shape first, so an
 * invalid one fails with `InvalidFhirResourceError` before anything is encrypted or stored.
 */
export function recordBytes(data: RecordData): Uint8Array {
  if (data instanceof Uint8Array) return data
  if (typeof data === 'string') return new TextEncoder().encode(data)
  return new TextEncoder().encode(JSON.stringify(validateFhirRecord(data)))
}

/** The one scope the records' FHIR resource types map to (conflicts name the offending records). */
function scopeOfRecords(records: readonly RecordData[]): number {
  const resources = records.map((record) => {
    if (record instanceof Uint8Array || typeof record === 'string')
      throw new UnknownScopeError({
        scope: undefined,
        reason: 'only FHIR resources carry their scope: pass `scope` for text or file bytes',
      })
    return validateFhirRecord(record)
  })
  const [only] = resources
  if (resources.length === 1 && only) return scopeForResource(only)
  return scopeForResource({
    resourceType: 'Bundle',
    type: 'collection',
    entry: resources.map((resource) => ({ resource })),
  })
}

/**
 * What identifies a publish in the client's journal: a hash of chain, contract, patient, scope,
 * supersedes and the plaintexts' hashes. A supersede names what it corrects, so re-publishing the
 * same content as a correction is a new publish. Derived from the plaintexts: a journal that
 * persists it must key it with a secret (see `createFilePublishJournal`).
 */
export function publishFingerprint(
  client: MedChainActionClient,
  patient: Address,
  scope: number,
  supersedes: readonly bigint[] | undefined,
  plaintexts: readonly Uint8Array[],
): string {
  const records = plaintexts.map((plaintext) => bytesToHex(sha256(plaintext))).join(',')
  const text = `${client.chainId}:${lower(client.address)}:${lower(patient)}:${scope}:${(supersedes ?? []).join(',')}:${records}`
  return bytesToHex(sha256(new TextEncoder().encode(text)))
}

/**
 * Encrypts, stores and anchors records of one scope in one transaction (`anchorRecords` for more
 * than one). Each record gets a fresh data key, wrapped under the scope key of the current epoch
 * (started at the scope's first use). Every record object is stored and read back before the
 * anchor; a failure anywhere before the anchor leaves nothing on chain, and a repeated call with the
 * same records returns the anchors of the first one that landed (`alreadyAnchored: true`): in the
 * same client (a concurrent repeat waits for the first call), and after a restart or from another
 * process when the client's `publishJournal` is on disk (the default with the default store). A
 * repeat whose first anchor is not mined yet anchors the same stored objects again; the
 * compare-and-swap on the anchor count lets one of the two land and the other returns it.
 *
 * @example
 * ```ts
 * import { publishRecords } from '@medchain/sdk'
 *
 * const { anchors } = await publishRecords(client, { scope: 5, records: [labResult1, labResult2] })
 * ```
 */
export async function publishRecords(
  client: MedChainActionClient,
  parameters: PublishRecordsParameters,
): Promise<PublishRecordsReturnType> {
  // `transactions` also lists the scope's first key rotation, sent by a nested action.
  const tracked = trackTransactions(client)
  const result = await publish(tracked.client, parameters)
  return { ...result, transactions: result.alreadyAnchored ? [] : tracked.transactions }
}

async function publish(
  client: MedChainActionClient,
  parameters: PublishRecordsParameters,
): Promise<PublishRecordsReturnType> {
  const me = requireAccount(client, 'publishRecords').address
  const patient = parameters.patient ?? me
  const plaintexts = parameters.records.map(recordBytes)
  const scope = parameters.scope ?? scopeOfRecords(parameters.records)
  // A repeated call with the same records finds its earlier attempt (the CIDs it stored) in the
  // client's journal: encryption is fresh each time, so nothing else ties a repeat to them.
  const fingerprint = publishFingerprint(client, patient, scope, parameters.supersedes, plaintexts)
  // The same records published again while the first call still runs (no await since the
  // fingerprint, so this check-and-set is atomic): wait for it, then find its anchor below.
  const { publishes } = client.cache
  const earlier = publishes.get(fingerprint)
  const run = (async () => {
    await earlier?.catch(() => {})
    return publishOnce(client, parameters, { me, patient, scope, plaintexts, fingerprint })
  })()
  publishes.set(fingerprint, run)
  try {
    return await run
  } finally {
    if (publishes.get(fingerprint) === run) publishes.delete(fingerprint)
  }
}

async function publishOnce(
  client: MedChainActionClient,
  parameters: PublishRecordsParameters,
  {
    me,
    patient,
    scope,
    plaintexts,
    fingerprint,
  }: {
    me: Address
    patient: Address
    scope: number
    plaintexts: Uint8Array[]
    fingerprint: string
  },
): Promise<PublishRecordsReturnType> {
  const pending = await client.publishJournal.get(fingerprint)
  if (pending) {
    const existing = await findAnchored(client, patient, pending.cid.split(','), pending.fromBlock)
    if (existing) return existing
    const again = await reusableAttempt(client, patient, scope, plaintexts.length, pending)
    if (again)
      // The first attempt may still be in flight: both anchor the same CIDs at the same expected
      // count, so the compare-and-swap lets one land and the other finds it (`alreadyAnchored`).
      return anchorRecord(client, {
        patient,
        scope,
        epoch: again.epoch,
        cid: again.cids,
        supersedes: parameters.supersedes,
        fromBlock: pending.fromBlock,
      })
  }
  const fromBlock = await client.publicClient.getBlockNumber({ cacheTime: 0 })
  let epoch: number
  let scopeKey: Uint8Array
  if (lower(patient) === lower(me))
    ({ epoch, key: scopeKey } = await ensureScopeKey(client, patient, scope))
  else {
    epoch = await read(client, 'scopeEpoch', [patient, scope])
    if (epoch === 0)
      throw new ScopeKeyNotFoundError({
        patient,
        scope,
        epoch,
        reason: 'the patient has not started this scope; ask for a (re-)grant',
      })
    scopeKey = await getScopeKey(client, patient, scope, epoch)
  }
  const context = { patient, chainId: client.chainId, contract: client.address, scope }
  const cids: string[] = []
  const { onProgress } = parameters
  for (const [record, plaintext] of plaintexts.entries()) {
    const report = (stage: PublishProgress['stage'], bytes: number, totalBytes: number) =>
      onProgress?.({ stage, record, records: plaintexts.length, bytes, totalBytes })
    report('encrypting', 0, plaintext.length)
    const { envelope, dataKey } = await encryptEnvelope({
      plaintext,
      context,
      onProgress: onProgress && ((p) => report('encrypting', p.bytes, plaintext.length)),
    })
    // Small records are one segment: make sure every stage ends at 100%.
    report('encrypting', plaintext.length, plaintext.length)
    const wrappedDataKey = await wrapDataKey({ dataKey, scopeKey, context, epoch })
    dataKey.fill(0)
    const object = encodeRecordObject({ wrappedDataKey, envelope })
    cids.push(
      await storeVerified(
        client,
        object,
        onProgress &&
          ((stage, p) => report(stage, Math.min(p.bytes, object.length), object.length)),
      ),
    )
  }
  // Journaled before the anchor is sent: its response may be lost although it lands.
  await client.publishJournal.set(fingerprint, { cid: cids.join(','), fromBlock, epoch })
  const result = await anchorRecord(client, {
    patient,
    scope,
    epoch,
    cid: cids,
    supersedes: parameters.supersedes,
    fromBlock,
  })
  return result
}

/**
 * The record objects of an earlier attempt, if they can be anchored as they are: still in the store
 * and sealed under the scope's current epoch (a rotation since then means sealing them again).
 */
async function reusableAttempt(
  client: MedChainActionClient,
  patient: Address,
  scope: number,
  records: number,
  pending: PublishJournalEntry,
): Promise<{ cids: string[]; epoch: number } | undefined> {
  const cids = pending.cid.split(',')
  const { epoch } = pending
  if (epoch === undefined || cids.length !== records) return undefined
  if ((await read(client, 'scopeEpoch', [patient, scope])) !== epoch) return undefined
  for (const cid of cids) if (!(await client.storage.has(cid).catch(() => false))) return undefined
  return { cids, epoch }
}
