import { describe, expect, test } from 'vitest'
import { validateFhirRecord } from '../fhir/validateFhirRecord.js'
import { toFhirConsent } from './toFhirConsent.js'
import type { ActiveGrant } from './types.js'

const grant: ActiveGrant = {
  patient: '0x70997970c51812dc3a010c7d01b50e0d17dc79c8',
  grantee: '0x3c44cdddb6a900fa2b585dd299e03d12fa4293bc',
  scope: 5,
  write: false,
  expiresAt: new Date('2025-04-01T00:00:00Z'),
  envelopeCid: 'bafkreienv',
  grantedAt: new Date('2025-03-01T12:00:00Z'),
  transactionHash: '0x8f2a9c1e4b7d3a6f0e5c2b9d8a7f6e5d4c3b2a1908f7e6d5c4b3a29181706f5e',
}
const before = new Date('2025-03-15T00:00:00Z')
const after = new Date('2025-05-01T00:00:00Z')

describe('toFhirConsent', () => {
  test('a read grant to lab results', () => {
    const consent = toFhirConsent(grant, { chainId: 1, at: before })
    expect(validateFhirRecord(consent)).toBe(consent)
    expect(consent).toEqual({
      resourceType: 'Consent',
      identifier: [
        {
          system: 'https://medchain.dev/fhir/NamingSystem/transaction',
          value: `eip155:1:${grant.transactionHash}`,
        },
      ],
      status: 'active',
      scope: {
        coding: [
          {
            system: 'http://terminology.hl7.org/CodeSystem/consentscope',
            code: 'patient-privacy',
            display: 'Privacy Consent',
          },
        ],
      },
      category: [
        { coding: [{ system: 'http://loinc.org', code: '59284-0', display: 'Patient Consent' }] },
        {
          coding: [
            {
              system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode',
              code: 'INFA',
              display: 'information access',
            },
          ],
        },
      ],
      patient: {
        type: 'Patient',
        identifier: {
          system: 'https://chainagnostic.org/CAIPs/caip-10',
          value: 'eip155:1:0x70997970C51812dc3A010C7d01b50e0d17dc79C8',
        },
      },
      dateTime: '2025-03-01T12:00:00.000Z',
      performer: [
        {
          type: 'Patient',
          identifier: {
            system: 'https://chainagnostic.org/CAIPs/caip-10',
            value: 'eip155:1:0x70997970C51812dc3A010C7d01b50e0d17dc79C8',
          },
        },
      ],
      policyRule: {
        coding: [
          {
            system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode',
            code: 'OPTIN',
            display: 'opt-in',
          },
        ],
      },
      provision: {
        type: 'permit',
        period: { start: '2025-03-01T12:00:00.000Z', end: '2025-04-01T00:00:00.000Z' },
        action: [
          {
            coding: [
              {
                system: 'http://terminology.hl7.org/CodeSystem/consentaction',
                code: 'access',
                display: 'Access',
              },
            ],
          },
        ],
        actor: [
          {
            role: {
              coding: [
                {
                  system: 'http://terminology.hl7.org/CodeSystem/v3-ParticipationType',
                  code: 'IRCP',
                  display: 'information recipient',
                },
              ],
            },
            reference: {
              identifier: {
                system: 'https://chainagnostic.org/CAIPs/caip-10',
                value: 'eip155:1:0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC',
              },
            },
          },
        ],
        class: [
          { system: 'http://hl7.org/fhir/resource-types', code: 'Observation' },
          { system: 'http://hl7.org/fhir/resource-types', code: 'DiagnosticReport' },
        ],
        code: [
          {
            coding: [
              {
                system: 'https://medchain.dev/fhir/CodeSystem/scope',
                code: '5',
                display: 'Test results',
              },
            ],
            text: 'lab-results',
          },
        ],
      },
    })
  })

  test('status is inactive after expiry', () => {
    expect(toFhirConsent(grant, { at: after }).status).toBe('inactive')
  })

  test('write adds the correct action', () => {
    const consent = toFhirConsent({ ...grant, write: true }, { at: before })
    expect(consent.provision?.action?.map((a) => a.coding?.[0]?.code)).toEqual([
      'access',
      'correct',
    ])
  })

  test('emergency access alongside a grant is a nested provision flagged ETREAT + BTG', () => {
    const consent = toFhirConsent(
      { ...grant, emergencyUntil: new Date('2025-03-02T12:00:00Z') },
      { at: after },
    )
    expect(validateFhirRecord(consent)).toBe(consent)
    expect(consent.status).toBe('inactive')
    expect(consent.provision?.provision).toEqual([
      {
        type: 'permit',
        period: { end: '2025-03-02T12:00:00.000Z' },
        action: [
          {
            coding: [
              {
                system: 'http://terminology.hl7.org/CodeSystem/consentaction',
                code: 'access',
                display: 'Access',
              },
            ],
          },
        ],
        purpose: [
          {
            system: 'http://terminology.hl7.org/CodeSystem/v3-ActReason',
            code: 'ETREAT',
            display: 'Emergency Treatment',
          },
          {
            system: 'http://terminology.hl7.org/CodeSystem/v3-ActReason',
            code: 'BTG',
            display: 'break the glass',
          },
        ],
      },
    ])
  })

  test('emergency access alone is the provision itself', () => {
    const { expiresAt: _, ...rest } = grant
    const consent = toFhirConsent(
      { ...rest, scope: 2, emergencyUntil: new Date('2025-03-02T12:00:00Z') },
      { at: new Date('2025-03-02T00:00:00Z') },
    )
    expect(validateFhirRecord(consent)).toBe(consent)
    expect(consent.status).toBe('active')
    expect(consent.provision?.period).toEqual({
      start: '2025-03-01T12:00:00.000Z',
      end: '2025-03-02T12:00:00.000Z',
    })
    expect(consent.provision?.purpose?.map((p) => p.code)).toEqual(['ETREAT', 'BTG'])
    expect(consent.provision?.class?.map((c) => c.code)).toEqual(['Condition'])
  })

  test('custom scopes are named from the context; unknown ones keep their id', () => {
    const custom = toFhirConsent(
      { ...grant, scope: 8 },
      {
        at: before,
        customScopes: [{ id: 8, name: 'allergies', resourceTypes: ['AllergyIntolerance'] }],
      },
    )
    expect(custom.provision?.code?.[0]?.text).toBe('allergies')
    expect(custom.provision?.class?.[0]?.code).toBe('AllergyIntolerance')
    const unknown = toFhirConsent({ ...grant, scope: 42 }, { at: before })
    expect(unknown.provision?.code).toEqual([
      { coding: [{ system: 'https://medchain.dev/fhir/CodeSystem/scope', code: '42' }] },
    ])
    expect(unknown.provision?.class).toBeUndefined()
    expect(validateFhirRecord(unknown)).toBe(unknown)
  })
})
