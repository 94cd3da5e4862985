import { describe, expect, test } from 'vitest'
import { validateFhirRecord } from '../fhir/validateFhirRecord.js'
import { toFhirAuditEvent } from './toFhirAuditEvent.js'
import type { AuditEntry, AuditEventKind } from './types.js'

const patient = '0x70997970c51812dc3a010c7d01b50e0d17dc79c8'
const provider = '0x3c44cdddb6a900fa2b585dd299e03d12fa4293bc'
const admin = '0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266'
const contract = '0x5fbdb2315678afecb367f032d93f642f64180aa3'
const tx = '0x8f2a9c1e4b7d3a6f0e5c2b9d8a7f6e5d4c3b2a1908f7e6d5c4b3a29181706f5e'
const context = { chainId: 31337, contract } as const

const base = {
  timestamp: new Date('2025-03-01T12:00:00Z'),
  blockNumber: 1234n,
  transactionHash: tx,
  logIndex: 2,
} as const

const entries: Record<AuditEventKind, AuditEntry> = {
  registered: {
    ...base,
    kind: 'registered',
    subject: patient,
    actor: patient,
    scopes: [],
    details: { role: 'patient', cid: 'bafkreiprofile' },
  },
  'profile-updated': {
    ...base,
    kind: 'profile-updated',
    subject: patient,
    actor: patient,
    scopes: [],
    details: { cid: 'bafkreiprofile2' },
  },
  'encryption-key-rotated': {
    ...base,
    kind: 'encryption-key-rotated',
    subject: patient,
    actor: patient,
    scopes: [],
    details: {},
  },
  'provider-verified': {
    ...base,
    kind: 'provider-verified',
    subject: provider,
    actor: admin,
    counterpart: admin,
    scopes: [],
    details: { credentialRef: '0xabc' },
  },
  'provider-suspended': {
    ...base,
    kind: 'provider-suspended',
    subject: provider,
    actor: admin,
    counterpart: admin,
    scopes: [],
    details: { reasonCode: 3 },
  },
  'access-requested': {
    ...base,
    kind: 'access-requested',
    subject: patient,
    actor: provider,
    counterpart: provider,
    scopes: [2, 5],
    details: { requestId: 7n, purpose: 1, duration: 86400 },
  },
  'access-request-cancelled': {
    ...base,
    kind: 'access-request-cancelled',
    subject: patient,
    actor: provider,
    counterpart: provider,
    scopes: [],
    details: { requestId: 7n },
  },
  'access-denied': {
    ...base,
    kind: 'access-denied',
    subject: patient,
    actor: patient,
    counterpart: provider,
    scopes: [],
    details: { requestId: 7n },
  },
  'access-granted': {
    ...base,
    kind: 'access-granted',
    subject: patient,
    actor: patient,
    counterpart: provider,
    scopes: [5],
    details: { write: false, expiry: 1741435200n, requestId: 7n, envelopeCid: 'bafkreienv' },
  },
  'access-revoked': {
    ...base,
    kind: 'access-revoked',
    subject: patient,
    actor: patient,
    counterpart: provider,
    scopes: [5],
    details: {},
  },
  'delegate-updated': {
    ...base,
    kind: 'delegate-updated',
    subject: patient,
    actor: patient,
    counterpart: admin,
    scopes: [],
    details: { delegateKind: 1 },
  },
  'emergency-access-updated': {
    ...base,
    kind: 'emergency-access-updated',
    subject: patient,
    actor: patient,
    scopes: [],
    details: { enabled: true },
  },
  'emergency-access-used': {
    ...base,
    kind: 'emergency-access-used',
    subject: patient,
    actor: provider,
    scopes: [2],
    details: { reasonCode: 1, until: 1740916800n },
  },
  'emergency-keys-released': {
    ...base,
    kind: 'emergency-keys-released',
    subject: patient,
    actor: admin,
    counterpart: provider,
    scopes: [2],
    details: { envelopeCid: 'bafkreiexample' },
  },
  'record-anchored': {
    ...base,
    kind: 'record-anchored',
    subject: patient,
    actor: provider,
    scopes: [5],
    details: { seq: 12n, epoch: 0, supersedes: 0n, cid: 'bafkreigh2akiscaildc' },
  },
  'scope-key-rotated': {
    ...base,
    kind: 'scope-key-rotated',
    subject: patient,
    actor: patient,
    scopes: [5],
    details: { epoch: 1, envelopeCid: 'bafkreienv2', note: null },
  },
}

describe('toFhirAuditEvent', () => {
  test.each(Object.keys(entries) as AuditEventKind[])('%s is a valid R4 AuditEvent', (kind) => {
    const event = toFhirAuditEvent(entries[kind], context)
    expect(validateFhirRecord(event)).toBe(event)
    expect(event.recorded).toBe('2025-03-01T12:00:00.000Z')
    expect(event.outcome).toBe('0')
    expect(event.agent[0]?.requestor).toBe(true)
    expect(event.source.observer.identifier?.value).toBe(
      'eip155:31337:0x5FbDB2315678afecb367f032d93F642f64180aa3',
    )
    expect(event.subtype?.at(-1)).toEqual({
      system: 'https://medchain.dev/fhir/CodeSystem/audit-event-kind',
      code: kind,
    })
    expect(event.entity?.[1]?.what?.identifier).toEqual({
      system: 'https://medchain.dev/fhir/NamingSystem/transaction',
      value: `eip155:31337:${tx}`,
    })
  })

  test('type and action per kind', () => {
    const table = Object.fromEntries(
      Object.values(entries).map((entry) => {
        const event = toFhirAuditEvent(entry)
        const dicom = (event.subtype ?? []).slice(0, -1).map((c) => c.code)
        return [entry.kind, [event.type.code, event.action, ...dicom].join(' ')]
      }),
    )
    expect(table).toEqual({
      registered: '110110 C',
      'profile-updated': '110110 U',
      'encryption-key-rotated': '110113 U 110137',
      'provider-verified': '110113 U 110136',
      'provider-suspended': '110113 U 110136',
      'access-requested': '110110 E',
      'access-request-cancelled': '110110 E',
      'access-denied': '110113 E 110144',
      'access-granted': '110113 C 110144 110135',
      'access-revoked': '110113 D 110135',
      'delegate-updated': '110113 U 110136',
      'emergency-access-updated': '110113 U 110135',
      'emergency-access-used': '110113 E 110127',
      'emergency-keys-released': '110113 E 110144',
      'record-anchored': '110110 C',
      'scope-key-rotated': '110113 U 110135',
    })
  })

  test('an access request carries its purpose of use, agents and scopes', () => {
    const event = toFhirAuditEvent(entries['access-requested'], context)
    expect(event.purposeOfEvent).toEqual([
      {
        coding: [
          {
            system: 'http://terminology.hl7.org/CodeSystem/v3-ActReason',
            code: 'TREAT',
            display: 'treatment',
          },
        ],
      },
    ])
    expect(event.agent.map((a) => a.who?.identifier?.value)).toEqual([
      'eip155:31337:0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC',
    ])
    expect(event.entity?.[0]).toEqual({
      what: {
        type: 'Patient',
        identifier: {
          system: 'https://chainagnostic.org/CAIPs/caip-10',
          value: 'eip155:31337:0x70997970C51812dc3A010C7d01b50e0d17dc79C8',
        },
      },
      type: {
        system: 'http://terminology.hl7.org/CodeSystem/audit-entity-type',
        code: '1',
        display: 'Person',
      },
      role: {
        system: 'http://terminology.hl7.org/CodeSystem/object-role',
        code: '1',
        display: 'Patient',
      },
    })
    expect(event.entity?.[1]?.detail).toEqual([
      { type: 'blockNumber', valueString: '1234' },
      { type: 'logIndex', valueString: '2' },
      { type: 'scope', valueString: '2 (diagnoses)' },
      { type: 'scope', valueString: '5 (lab-results)' },
      { type: 'duration', valueString: '86400' },
      { type: 'purpose', valueString: '1' },
      { type: 'requestId', valueString: '7' },
    ])
  })

  test('unknown purpose codes are kept as MedChain purpose codes', () => {
    const entry = { ...entries['access-requested'], details: { purpose: 900 } }
    expect(toFhirAuditEvent(entry).purposeOfEvent).toEqual([
      {
        coding: [{ system: 'https://medchain.dev/fhir/CodeSystem/purpose', code: '900' }],
        text: 'MedChain purpose code 900',
      },
    ])
  })

  test('a grant names the grantee as information recipient', () => {
    const event = toFhirAuditEvent(entries['access-granted'])
    expect(event.agent).toEqual([
      {
        who: {
          identifier: {
            system: 'https://eips.ethereum.org/EIPS/eip-55',
            value: '0x70997970C51812dc3A010C7d01b50e0d17dc79C8',
          },
        },
        requestor: true,
      },
      {
        type: {
          coding: [
            {
              system: 'http://terminology.hl7.org/CodeSystem/v3-ParticipationType',
              code: 'IRCP',
              display: 'information recipient',
            },
          ],
        },
        who: {
          identifier: {
            system: 'https://eips.ethereum.org/EIPS/eip-55',
            value: '0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC',
          },
        },
        requestor: false,
      },
    ])
  })

  test('provider events have the provider as subject entity', () => {
    const event = toFhirAuditEvent(entries['provider-verified'])
    expect(event.entity?.[0]?.role?.code).toBe('15')
    expect(event.entity?.[0]?.what?.type).toBe('Practitioner')
  })

  test('a record anchor names the record by its CID', () => {
    expect(toFhirAuditEvent(entries['record-anchored']).entity?.[2]?.what?.identifier).toEqual({
      system: 'urn:ietf:rfc:3986',
      value: 'ipfs://bafkreigh2akiscaildc',
    })
  })

  test('emergency (break-glass) access is flagged loudly', () => {
    expect(toFhirAuditEvent(entries['emergency-access-used'], context)).toMatchInlineSnapshot(`
      {
        "action": "E",
        "agent": [
          {
            "purposeOfUse": [
              {
                "coding": [
                  {
                    "code": "ETREAT",
                    "display": "Emergency Treatment",
                    "system": "http://terminology.hl7.org/CodeSystem/v3-ActReason",
                  },
                ],
              },
              {
                "coding": [
                  {
                    "code": "BTG",
                    "display": "break the glass",
                    "system": "http://terminology.hl7.org/CodeSystem/v3-ActReason",
                  },
                ],
              },
            ],
            "requestor": true,
            "who": {
              "identifier": {
                "system": "https://chainagnostic.org/CAIPs/caip-10",
                "value": "eip155:31337:0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC",
              },
            },
          },
        ],
        "entity": [
          {
            "role": {
              "code": "1",
              "display": "Patient",
              "system": "http://terminology.hl7.org/CodeSystem/object-role",
            },
            "type": {
              "code": "1",
              "display": "Person",
              "system": "http://terminology.hl7.org/CodeSystem/audit-entity-type",
            },
            "what": {
              "identifier": {
                "system": "https://chainagnostic.org/CAIPs/caip-10",
                "value": "eip155:31337:0x70997970C51812dc3A010C7d01b50e0d17dc79C8",
              },
              "type": "Patient",
            },
          },
          {
            "description": "MedChain emergency-access-used event",
            "detail": [
              {
                "type": "blockNumber",
                "valueString": "1234",
              },
              {
                "type": "logIndex",
                "valueString": "2",
              },
              {
                "type": "scope",
                "valueString": "2 (diagnoses)",
              },
              {
                "type": "reasonCode",
                "valueString": "1",
              },
              {
                "type": "until",
                "valueString": "1740916800",
              },
            ],
            "type": {
              "code": "2",
              "display": "System Object",
              "system": "http://terminology.hl7.org/CodeSystem/audit-entity-type",
            },
            "what": {
              "identifier": {
                "system": "https://medchain.dev/fhir/NamingSystem/transaction",
                "value": "eip155:31337:0x8f2a9c1e4b7d3a6f0e5c2b9d8a7f6e5d4c3b2a1908f7e6d5c4b3a29181706f5e",
              },
            },
          },
        ],
        "outcome": "0",
        "purposeOfEvent": [
          {
            "coding": [
              {
                "code": "ETREAT",
                "display": "Emergency Treatment",
                "system": "http://terminology.hl7.org/CodeSystem/v3-ActReason",
              },
            ],
          },
          {
            "coding": [
              {
                "code": "BTG",
                "display": "break the glass",
                "system": "http://terminology.hl7.org/CodeSystem/v3-ActReason",
              },
            ],
          },
        ],
        "recorded": "2025-03-01T12:00:00.000Z",
        "resourceType": "AuditEvent",
        "source": {
          "observer": {
            "display": "MedChain contract",
            "identifier": {
              "system": "https://chainagnostic.org/CAIPs/caip-10",
              "value": "eip155:31337:0x5FbDB2315678afecb367f032d93F642f64180aa3",
            },
            "type": "Device",
          },
          "site": "eip155:31337",
        },
        "subtype": [
          {
            "code": "110127",
            "display": "Emergency Override Started",
            "system": "http://dicom.nema.org/resources/ontology/DCM",
          },
          {
            "code": "emergency-access-used",
            "system": "https://medchain.dev/fhir/CodeSystem/audit-event-kind",
          },
        ],
        "type": {
          "code": "110113",
          "display": "Security Alert",
          "system": "http://dicom.nema.org/resources/ontology/DCM",
        },
      }
    `)
  })

  test('without a context the observer is named only, and output is deterministic', () => {
    const a = toFhirAuditEvent(entries['scope-key-rotated'])
    expect(a.source).toEqual({ observer: { display: 'MedChain contract' } })
    expect(JSON.stringify(a)).toBe(JSON.stringify(toFhirAuditEvent(entries['scope-key-rotated'])))
    expect(validateFhirRecord(a)).toBe(a)
  })
})
