import type { CodeableConcept, Coding, Identifier, Reference } from 'fhir/r4.js'
import { type Address, getAddress } from 'viem'
import { docsBaseUrl } from '../errors/base.js'

/**
 * The code systems and identifier systems MedChain's FHIR output uses. HL7, DICOM and LOINC systems
 * are the standard ones; the `medchain*` ones are MedChain's own (defined in the FHIR guide).
 *
 * @example
 * ```ts
 * import { fhirSystems } from '@medchain/sdk/fhir'
 *
 * const isAccount = (id: { system?: string }) => id.system === fhirSystems.caip10
 * ```
 */
export const fhirSystems = {
  /** DICOM Controlled Terminology (audit event ids and types, CID 400-403). */
  dicom: 'http://dicom.nema.org/resources/ontology/DCM',
  /** HL7 v3 ActReason (PurposeOfUse: TREAT, ETREAT, BTG, …). */
  actReason: 'http://terminology.hl7.org/CodeSystem/v3-ActReason',
  /** HL7 v3 ActCode (consent type INFA, policy rule OPTIN). */
  actCode: 'http://terminology.hl7.org/CodeSystem/v3-ActCode',
  /** HL7 v3 ParticipationType (IRCP information recipient). */
  participationType: 'http://terminology.hl7.org/CodeSystem/v3-ParticipationType',
  auditEntityType: 'http://terminology.hl7.org/CodeSystem/audit-entity-type',
  objectRole: 'http://terminology.hl7.org/CodeSystem/object-role',
  consentScope: 'http://terminology.hl7.org/CodeSystem/consentscope',
  consentAction: 'http://terminology.hl7.org/CodeSystem/consentaction',
  loinc: 'http://loinc.org',
  /** FHIR resource types (Consent.provision.class). */
  resourceTypes: 'http://hl7.org/fhir/resource-types',
  /** RFC 3986 URIs (identifier values that are URIs, such as `ipfs://<cid>`). */
  uri: 'urn:ietf:rfc:3986',
  /** CAIP-10 account ids `eip155:<chainId>:<address>` (used when the chain id is known). */
  caip10: 'https://chainagnostic.org/CAIPs/caip-10',
  /** EIP-55 checksummed addresses (used when the chain id is not known). */
  eip55: 'https://eips.ethereum.org/EIPS/eip-55',
  /** MedChain: the kind of an audit entry (`access-granted`, …). */
  medchainAuditEventKind: `${docsBaseUrl}/fhir/CodeSystem/audit-event-kind`,
  /** MedChain: scope ids (code = the id as a decimal string). */
  medchainScope: `${docsBaseUrl}/fhir/CodeSystem/scope`,
  /** MedChain: purpose codes that have no PurposeOfUse mapping (code = the uint16). */
  medchainPurpose: `${docsBaseUrl}/fhir/CodeSystem/purpose`,
  /** MedChain: transaction ids `eip155:<chainId>:<hash>` (or `<hash>` without a chain id). */
  medchainTransaction: `${docsBaseUrl}/fhir/NamingSystem/transaction`,
} as const

/**
 * How on-chain purpose codes (the `uint16 purpose` of an access request) map to HL7 v3
 * PurposeOfUse codes (system `http://terminology.hl7.org/CodeSystem/v3-ActReason`). Other codes
 * are kept as MedChain purpose codes (`fhirSystems.medchainPurpose`).
 *
 * | code | PurposeOfUse | meaning |
 * |---|---|---|
 * | 1 | TREAT | treatment |
 * | 2 | ETREAT | emergency treatment |
 * | 3 | HPAYMT | healthcare payment |
 * | 4 | HOPERAT | healthcare operations |
 * | 5 | HRESCH | healthcare research |
 * | 6 | PATRQT | patient requested |
 * | 7 | PUBHLTH | public health |
 * | 8 | CAREMGT | care management |
 *
 * @example
 * ```ts
 * import { purposeOfUseCodes } from '@medchain/sdk/fhir'
 *
 * purposeOfUseCodes[2]?.code // 'ETREAT'
 * ```
 */
export const purposeOfUseCodes: Readonly<Record<number, { code: string; display: string }>> = {
  1: { code: 'TREAT', display: 'treatment' },
  2: { code: 'ETREAT', display: 'Emergency Treatment' },
  3: { code: 'HPAYMT', display: 'healthcare payment' },
  4: { code: 'HOPERAT', display: 'healthcare operations' },
  5: { code: 'HRESCH', display: 'healthcare research' },
  6: { code: 'PATRQT', display: 'patient requested' },
  7: { code: 'PUBHLTH', display: 'public health' },
  8: { code: 'CAREMGT', display: 'care management' },
}

/**
 * The PurposeOfUse codings that mark break-glass (emergency) access: ETREAT and BTG.
 *
 * @example
 * ```ts
 * import { emergencyPurposeCodings } from '@medchain/sdk/fhir'
 *
 * const isBreakGlass = (code?: string) => emergencyPurposeCodings.some((c) => c.code === code)
 * ```
 */
export const emergencyPurposeCodings: readonly Coding[] = [
  { system: fhirSystems.actReason, code: 'ETREAT', display: 'Emergency Treatment' },
  { system: fhirSystems.actReason, code: 'BTG', display: 'break the glass' },
]

/** A PurposeOfUse CodeableConcept for an on-chain purpose code. */
export function purposeConcept(purpose: number): CodeableConcept {
  const known = purposeOfUseCodes[purpose]
  if (known) return { coding: [{ system: fhirSystems.actReason, ...known }] }
  return {
    coding: [{ system: fhirSystems.medchainPurpose, code: String(purpose) }],
    text: `MedChain purpose code ${purpose}`,
  }
}

/**
 * The context that fills chain identifiers in the FHIR output of `toFhirAuditEvent` and
 * `toFhirConsent`.
 *
 * @example
 * ```ts
 * const context: FhirExportContext = { chainId: 11155111, contract: '0x5FbDB2315678afecb367f032d93F642f64180aa3' }
 * ```
 */
export type FhirExportContext = {
  /** The EVM chain id; with it, accounts are CAIP-10 ids (`eip155:<chainId>:<address>`). */
  chainId?: number | undefined
  /** The MedChain contract address (the audit source observer). */
  contract?: Address | undefined
  /** Custom scopes (ids 8-255) so their names appear in the output. */
  customScopes?:
    | readonly {
        id: number
        name: string
        label?: string | undefined
        resourceTypes?: readonly string[] | undefined
      }[]
    | undefined
}

/** An account as a FHIR Identifier: CAIP-10 with a chain id, else an EIP-55 address. */
export function accountIdentifier(address: Address, chainId: number | undefined): Identifier {
  const checksummed = getAddress(address)
  return chainId === undefined
    ? { system: fhirSystems.eip55, value: checksummed }
    : { system: fhirSystems.caip10, value: `eip155:${chainId}:${checksummed}` }
}

/** An account as a FHIR logical Reference (by identifier; MedChain has no FHIR server ids). */
export function accountReference(
  address: Address,
  chainId: number | undefined,
  type?: string,
): Reference {
  return {
    ...(type !== undefined && { type }),
    identifier: accountIdentifier(address, chainId),
  }
}

/** A transaction as a FHIR Identifier. */
export function transactionIdentifier(hash: string, chainId: number | undefined): Identifier {
  return {
    system: fhirSystems.medchainTransaction,
    value: chainId === undefined ? hash.toLowerCase() : `eip155:${chainId}:${hash.toLowerCase()}`,
  }
}
