import type {
  AuditEvent,
  AuditEventAgent,
  AuditEventEntity,
  AuditEventEntityDetail,
  CodeableConcept,
  Coding,
} from 'fhir/r4.js'
import {
  accountReference,
  emergencyPurposeCodings,
  type FhirExportContext,
  fhirSystems,
  purposeConcept,
  transactionIdentifier,
} from '../fhir/codes.js'
import { medChainScopes } from '../fhir/scopes.js'
import type { AuditEntry, AuditEventKind } from './types.js'

const dcm = (code: string, display: string): Coding => ({
  system: fhirSystems.dicom,
  code,
  display,
})

const patientRecord = dcm('110110', 'Patient Record')
const securityAlert = dcm('110113', 'Security Alert')
const authorizationDecision = dcm('110144', 'Authorization Decision')
const objectSecurityChanged = dcm('110135', 'Object Security Attributes Changed')
const securityRolesChanged = dcm('110136', 'Security Roles Changed')
const userSecurityChanged = dcm('110137', 'User Security Attributes Changed')
const emergencyOverrideStarted = dcm('110127', 'Emergency Override Started')

/**
 * How one audit entry kind maps to an R4 AuditEvent: DICOM `type`, `subtype`s and the action code.
 *
 * @example
 * ```ts
 * import type { AuditEventKindMapping } from '@medchain/sdk/fhir'
 *
 * const codes = (m: AuditEventKindMapping) => [m.type.code, m.action, ...m.subtype.map((c) => c.code)]
 * ```
 */
export type AuditEventKindMapping = {
  type: Coding
  subtype: readonly Coding[]
  action: 'C' | 'R' | 'U' | 'D' | 'E'
}

/**
 * How each MedChain audit entry kind becomes an R4 AuditEvent: `type` (DICOM CID 400 Audit Event
 * ID), DICOM `subtype`s (CID 401/403) and `action`. Every event also carries the kind itself as a
 * subtype in `fhirSystems.medchainAuditEventKind`.
 *
 * @example
 * ```ts
 * import { auditEventKindMapping } from '@medchain/sdk/fhir'
 *
 * auditEventKindMapping['emergency-access-used'].subtype[0]?.code // '110127'
 * ```
 */
export const auditEventKindMapping: Readonly<Record<AuditEventKind, AuditEventKindMapping>> = {
  registered: { type: patientRecord, subtype: [], action: 'C' },
  'profile-updated': { type: patientRecord, subtype: [], action: 'U' },
  'record-anchored': { type: patientRecord, subtype: [], action: 'C' },
  'access-requested': { type: patientRecord, subtype: [], action: 'E' },
  'access-request-cancelled': { type: patientRecord, subtype: [], action: 'E' },
  'access-denied': { type: securityAlert, subtype: [authorizationDecision], action: 'E' },
  'access-granted': {
    type: securityAlert,
    subtype: [authorizationDecision, objectSecurityChanged],
    action: 'C',
  },
  'access-revoked': { type: securityAlert, subtype: [objectSecurityChanged], action: 'D' },
  'delegate-updated': { type: securityAlert, subtype: [securityRolesChanged], action: 'U' },
  'emergency-access-updated': {
    type: securityAlert,
    subtype: [objectSecurityChanged],
    action: 'U',
  },
  'emergency-access-used': {
    type: securityAlert,
    subtype: [emergencyOverrideStarted],
    action: 'E',
  },
  'emergency-keys-released': {
    type: securityAlert,
    subtype: [authorizationDecision],
    action: 'E',
  },
  'encryption-key-rotated': { type: securityAlert, subtype: [userSecurityChanged], action: 'U' },
  'scope-key-rotated': { type: securityAlert, subtype: [objectSecurityChanged], action: 'U' },
  'provider-verified': { type: securityAlert, subtype: [securityRolesChanged], action: 'U' },
  'provider-suspended': { type: securityAlert, subtype: [securityRolesChanged], action: 'U' },
}

/** Kinds whose counterpart receives (or asked for) patient information. */
const recipientKinds: ReadonlySet<AuditEventKind> = new Set([
  'access-requested',
  'access-request-cancelled',
  'access-denied',
  'access-granted',
  'access-revoked',
  'emergency-access-used',
  'emergency-keys-released',
])

const providerSubjectKinds: ReadonlySet<AuditEventKind> = new Set([
  'provider-verified',
  'provider-suspended',
])

function scopeName(id: number, context: FhirExportContext): string {
  const scope =
    medChainScopes.find((s) => s.id === id) ?? context.customScopes?.find((s) => s.id === id)
  return scope ? `${id} (${scope.name})` : String(id)
}

function detailValue(value: string | number | boolean | bigint | null): string | undefined {
  if (value === null) return undefined
  const text = String(value)
  return text.length > 0 ? text : undefined
}

/**
 * Turns one entry of a patient's on-chain audit trail into a FHIR R4 AuditEvent, for SIEMs, EHR
 * audit repositories and regulators' tools. Pure and deterministic: the same entry and context
 * give the same resource (it has no `id`; the transaction identifier names it).
 *
 * - `type`/`subtype`/`action`: see {@link auditEventKindMapping} (DICOM codes).
 * - `recorded` = the block time; `outcome` = `0` (the transaction succeeded, or it would not be an event).
 * - `agent[0]` = the actor (`requestor: true`); `agent[1]` = the counterpart (an information
 *   recipient, v3 `IRCP`, for access events). Accounts are identifiers: CAIP-10
 *   `eip155:<chainId>:<address>` with a chain id, EIP-55 addresses without.
 * - `source.observer` = the MedChain contract (`source.site` = `eip155:<chainId>`).
 * - `entity`: the patient (role 1 Patient; for provider events the provider, role 15 Practitioner),
 *   the transaction (`what.identifier`, with block number, log index, scopes and `details` as
 *   `detail`), and for `record-anchored` the record's CID as `ipfs://<cid>`.
 * - `purposeOfEvent`: the request's purpose (`details.purpose`, see `purposeOfUseCodes`); break-glass
 *   access (`emergency-access-used`) is flagged with ETREAT + BTG and DICOM 110127 Emergency Override Started.
 *
 * @param entry - One decoded audit entry.
 * @param context - `chainId` and `contract` to fill identifiers; `customScopes` to name scopes 8-255.
 * @returns An R4 AuditEvent.
 *
 * @example
 * ```ts
 * import { toFhirAuditEvent } from '@medchain/sdk/fhir'
 *
 * const events = entries.map((entry) => toFhirAuditEvent(entry, { chainId: 1, contract }))
 * await fetch(`${fhirBase}/AuditEvent`, { method: 'POST', body: JSON.stringify(events[0]) })
 * ```
 */
export function toFhirAuditEvent(entry: AuditEntry, context: FhirExportContext = {}): AuditEvent {
  const { chainId, contract } = context
  const mapping = auditEventKindMapping[entry.kind]
  const emergency = entry.kind === 'emergency-access-used'
  const purpose = entry.details.purpose
  const purposes: CodeableConcept[] = emergency
    ? emergencyPurposeCodings.map((coding) => ({ coding: [coding] }))
    : typeof purpose === 'number' || typeof purpose === 'bigint'
      ? [purposeConcept(Number(purpose))]
      : []

  const agent: AuditEventAgent[] = [
    {
      who: accountReference(entry.actor, chainId),
      requestor: true,
      ...(purposes.length > 0 && { purposeOfUse: purposes }),
    },
  ]
  if (
    entry.counterpart !== undefined &&
    entry.counterpart.toLowerCase() !== entry.actor.toLowerCase()
  )
    agent.push({
      ...(recipientKinds.has(entry.kind) && {
        type: {
          coding: [
            {
              system: fhirSystems.participationType,
              code: 'IRCP',
              display: 'information recipient',
            },
          ],
        },
      }),
      who: accountReference(entry.counterpart, chainId),
      requestor: false,
    })

  const provider =
    providerSubjectKinds.has(entry.kind) ||
    (entry.kind === 'registered' && entry.details.role === 'provider')
  const detail: AuditEventEntityDetail[] = [
    { type: 'blockNumber', valueString: entry.blockNumber.toString() },
    { type: 'logIndex', valueString: String(entry.logIndex) },
    ...entry.scopes.map((id) => ({ type: 'scope', valueString: scopeName(id, context) })),
    ...Object.keys(entry.details)
      .sort()
      .flatMap((key) => {
        const value = detailValue(entry.details[key] ?? null)
        return value === undefined ? [] : [{ type: key, valueString: value }]
      }),
  ]
  const entity: AuditEventEntity[] = [
    {
      what: accountReference(entry.subject, chainId, provider ? 'Practitioner' : 'Patient'),
      type: { system: fhirSystems.auditEntityType, code: '1', display: 'Person' },
      role: provider
        ? { system: fhirSystems.objectRole, code: '15', display: 'Practitioner' }
        : { system: fhirSystems.objectRole, code: '1', display: 'Patient' },
    },
    {
      what: { identifier: transactionIdentifier(entry.transactionHash, chainId) },
      type: { system: fhirSystems.auditEntityType, code: '2', display: 'System Object' },
      description: `MedChain ${entry.kind} event`,
      detail,
    },
  ]
  const cid = entry.details.cid
  if (entry.kind === 'record-anchored' && typeof cid === 'string' && cid.length > 0)
    entity.push({
      what: { identifier: { system: fhirSystems.uri, value: `ipfs://${cid}` } },
      type: { system: fhirSystems.auditEntityType, code: '2', display: 'System Object' },
      role: { system: fhirSystems.objectRole, code: '4', display: 'Domain Resource' },
    })

  return {
    resourceType: 'AuditEvent',
    type: mapping.type,
    subtype: [...mapping.subtype, { system: fhirSystems.medchainAuditEventKind, code: entry.kind }],
    action: mapping.action,
    recorded: entry.timestamp.toISOString(),
    outcome: '0',
    ...(purposes.length > 0 && { purposeOfEvent: purposes }),
    agent,
    source: {
      ...(chainId !== undefined && { site: `eip155:${chainId}` }),
      observer:
        contract === undefined
          ? { display: 'MedChain contract' }
          : { ...accountReference(contract, chainId, 'Device'), display: 'MedChain contract' },
    },
    entity,
  }
}
