import type { CodeableConcept, Coding, Consent, ConsentProvision } from 'fhir/r4.js'
import {
  accountReference,
  emergencyPurposeCodings,
  type FhirExportContext,
  fhirSystems,
  transactionIdentifier,
} from '../fhir/codes.js'
import { medChainScopes } from '../fhir/scopes.js'
import type { ActiveGrant } from './types.js'

/**
 * The context of {@link toFhirConsent}: chain identifiers, and the time the status is judged at.
 *
 * @example
 * ```ts
 * const context: ToFhirConsentContext = { chainId: 1, at: new Date('2025-03-01T00:00:00Z') }
 * ```
 */
export type ToFhirConsentContext = FhirExportContext & {
  /**
   * When to judge `status` (`active` while the grant or its emergency access has not ended).
   * Defaults to the current time; pass it to keep the function pure and deterministic.
   */
  at?: Date | undefined
}

const access: CodeableConcept = {
  coding: [{ system: fhirSystems.consentAction, code: 'access', display: 'Access' }],
}
const correct: CodeableConcept = {
  coding: [{ system: fhirSystems.consentAction, code: 'correct', display: 'Access and Correct' }],
}

/**
 * Turns a grant as it stands on chain (one grantee, one scope of one patient) into a FHIR R4
 * Consent, so EHRs and consent registries can show and enforce it.
 *
 * - `status`: `active` while `expiresAt` (or `emergencyUntil`) is after `context.at`, else `inactive`.
 * - `scope` = consentscope `patient-privacy`; `category` = LOINC 59284-0 Patient Consent and v3
 *   ActCode INFA (information access); `policyRule` = v3 ActCode OPTIN.
 * - `patient` and `performer` = the patient's account; `dateTime` = `grantedAt`; `identifier` = the
 *   grant's transaction.
 * - `provision`: `permit`, `period` from `grantedAt` to `expiresAt`, `actor` = the grantee (role v3
 *   IRCP information recipient), `action` = `access` (read) plus `correct` (write), `class` = the
 *   scope's FHIR resource types, `code` = the MedChain scope. Break-glass access is a nested
 *   `permit` provision (or the only one, if there is no regular grant) with `purpose` ETREAT + BTG
 *   ending at `emergencyUntil`.
 *
 * @param grant - One active grant read from chain.
 * @param context - `chainId`/`contract` for identifiers, `customScopes` for scopes 8-255, `at` for status.
 * @returns An R4 Consent.
 *
 * @example
 * ```ts
 * import { toFhirConsent } from '@medchain/sdk/fhir'
 *
 * const consent = toFhirConsent(grant, { chainId: 1, at: new Date() })
 * console.log(consent.status, consent.provision?.period?.end)
 * ```
 */
export function toFhirConsent(grant: ActiveGrant, context: ToFhirConsentContext = {}): Consent {
  const { chainId } = context
  const at = (context.at ?? new Date()).getTime()
  const patient = accountReference(grant.patient, chainId, 'Patient')
  const scope =
    medChainScopes.find((s) => s.id === grant.scope) ??
    context.customScopes?.find((s) => s.id === grant.scope)
  const classes: Coding[] = (scope?.resourceTypes ?? []).map((code) => ({
    system: fhirSystems.resourceTypes,
    code,
  }))
  const scopeCode: CodeableConcept = {
    coding: [
      {
        system: fhirSystems.medchainScope,
        code: String(grant.scope),
        ...(scope && { display: scope.label ?? scope.name }),
      },
    ],
    ...(scope && { text: scope.name }),
  }
  const regularActive = grant.expiresAt !== undefined && grant.expiresAt.getTime() > at
  const emergencyActive = grant.emergencyUntil !== undefined && grant.emergencyUntil.getTime() > at

  const emergency: ConsentProvision | undefined = grant.emergencyUntil && {
    type: 'permit',
    period: { end: grant.emergencyUntil.toISOString() },
    action: [access],
    purpose: [...emergencyPurposeCodings],
  }
  const provision: ConsentProvision =
    grant.expiresAt === undefined && emergency
      ? {
          ...emergency,
          period: {
            start: grant.grantedAt.toISOString(),
            end: grant.emergencyUntil?.toISOString() as string,
          },
        }
      : {
          type: 'permit',
          period: {
            start: grant.grantedAt.toISOString(),
            ...(grant.expiresAt && { end: grant.expiresAt.toISOString() }),
          },
          action: grant.write ? [access, correct] : [access],
          ...(emergency && { provision: [emergency] }),
        }

  return {
    resourceType: 'Consent',
    identifier: [transactionIdentifier(grant.transactionHash, chainId)],
    status: regularActive || emergencyActive ? 'active' : 'inactive',
    scope: {
      coding: [
        { system: fhirSystems.consentScope, code: 'patient-privacy', display: 'Privacy Consent' },
      ],
    },
    category: [
      { coding: [{ system: fhirSystems.loinc, code: '59284-0', display: 'Patient Consent' }] },
      { coding: [{ system: fhirSystems.actCode, code: 'INFA', display: 'information access' }] },
    ],
    patient,
    dateTime: grant.grantedAt.toISOString(),
    performer: [patient],
    policyRule: { coding: [{ system: fhirSystems.actCode, code: 'OPTIN', display: 'opt-in' }] },
    provision: {
      ...provision,
      actor: [
        {
          role: {
            coding: [
              {
                system: fhirSystems.participationType,
                code: 'IRCP',
                display: 'information recipient',
              },
            ],
          },
          reference: accountReference(grant.grantee, chainId),
        },
      ],
      ...(classes.length > 0 && { class: classes }),
      code: [scopeCode],
    },
  }
}
