import type { AuditEntry } from '@medchain/sdk'
import { describe, expect, it } from 'vitest'
import { describeAuditEntry } from './auditText.js'

const patient = '0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC'
const doctor = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8'
const book = new Map([[doctor.toLowerCase(), 'Dr. Amara Okafor']])
const base = {
  subject: patient,
  timestamp: new Date(2026, 2, 3),
  blockNumber: 1n,
  transactionHash: `0x${'00'.repeat(32)}`,
  logIndex: 0,
} as const
const say = (entry: Partial<AuditEntry> & Pick<AuditEntry, 'kind' | 'actor'>) =>
  describeAuditEntry({ ...base, scopes: [], details: {}, ...entry } as AuditEntry, {
    self: patient,
    book,
  })

describe('describeAuditEntry', () => {
  it('tells each consent step with names and categories', () => {
    expect(
      say({
        kind: 'access-requested',
        actor: doctor,
        scopes: [5],
        details: { purpose: 1, duration: 2_592_000n },
      }),
    ).toBe('Dr. Amara Okafor asked for access to test results (Treatment, 30 days).')
    expect(
      say({
        kind: 'access-granted',
        actor: patient,
        counterpart: doctor,
        scopes: [5],
        details: { write: false, expiry: BigInt(Date.UTC(2027, 2, 3, 12) / 1000) },
      }),
    ).toBe('You granted Dr. Amara Okafor read access to test results until 3 March 2027.')
    expect(say({ kind: 'access-revoked', actor: patient, counterpart: doctor, scopes: [5] })).toBe(
      'You revoked the access of Dr. Amara Okafor to test results.',
    )
    expect(say({ kind: 'access-denied', actor: patient, counterpart: doctor })).toBe(
      'You denied the access request of Dr. Amara Okafor.',
    )
  })
  it('records, registration, delegates, emergency access and unknown addresses', () => {
    expect(
      say({ kind: 'record-anchored', actor: patient, scopes: [4], details: { count: 1 } }),
    ).toBe('You added a prescription.')
    expect(
      say({ kind: 'record-anchored', actor: doctor, scopes: [5], details: { count: 3 } }),
    ).toBe('Dr. Amara Okafor added 3 test results.')
    expect(
      say({ kind: 'record-anchored', actor: patient, scopes: [6], details: { count: 1 } }),
    ).toBe('You added an imaging study.')
    expect(say({ kind: 'registered', actor: patient, details: { role: 'patient' } })).toBe(
      'You registered as a patient.',
    )
    expect(
      say({ kind: 'emergency-access-updated', actor: patient, details: { enabled: true } }),
    ).toBe('You turned emergency access on.')
    const stranger = '0x90F79bf6EB2c4f870365E785982E1f101E93b906'
    expect(
      say({
        kind: 'delegate-updated',
        actor: patient,
        counterpart: stranger,
        details: { kind: 'guardian' },
      }),
    ).toBe('You made 0x90F7…b906 a guardian.')
  })
  it('says who holds the keys: delegates with or without keys, the custodian, emergency releases', () => {
    const caregiver = '0x9965507D1a55bcC2695C58ba16FB37d819B0A4dc'
    const custodian = '0x90F79bf6EB2c4f870365E785982E1f101E93b906'
    const custodianBook = new Map([
      ...book,
      [custodian.toLowerCase(), 'Key Service, Central Hospital'],
    ])
    const tell = (entry: Partial<AuditEntry> & Pick<AuditEntry, 'kind' | 'actor'>) =>
      describeAuditEntry({ ...base, scopes: [], details: {}, ...entry } as AuditEntry, {
        self: patient,
        book: custodianBook,
      })
    expect(
      tell({
        kind: 'delegate-updated',
        actor: patient,
        counterpart: caregiver,
        details: {
          kind: 'caregiver',
          envelopeCid: 'bafkreihdwdcefgh4dqkjv67uzcmw7ojee6xedzdetojuzjevtenxquvyku',
        },
      }),
    ).toBe('You made 0x9965…A4dc a caregiver, with your record keys.')
    expect(
      tell({
        kind: 'delegate-updated',
        actor: patient,
        counterpart: caregiver,
        details: { kind: 'guardian', envelopeCid: null },
      }),
    ).toBe('You made 0x9965…A4dc a guardian, without your record keys.')
    expect(
      tell({
        kind: 'delegate-updated',
        actor: patient,
        counterpart: caregiver,
        details: { kind: 'none', envelopeCid: null },
      }),
    ).toBe('You removed 0x9965…A4dc as a delegate.')
    expect(
      tell({
        kind: 'emergency-access-updated',
        actor: patient,
        counterpart: custodian,
        details: {
          enabled: true,
          envelopeCid: 'bafkreihdwdcefgh4dqkjv67uzcmw7ojee6xedzdetojuzjevtenxquvyku',
        },
      }),
    ).toBe(
      'You turned emergency access on, with Key Service, Central Hospital as emergency custodian.',
    )
    expect(
      tell({
        kind: 'emergency-access-updated',
        actor: patient,
        details: { enabled: false, envelopeCid: null },
      }),
    ).toBe('You turned emergency access off.')
    expect(
      tell({
        kind: 'emergency-keys-released',
        actor: custodian,
        counterpart: doctor,
        scopes: [5, 4],
        details: { envelopeCid: 'bafkreihdwdcefgh4dqkjv67uzcmw7ojee6xedzdetojuzjevtenxquvyku' },
      }),
    ).toBe(
      'Key Service, Central Hospital, the emergency custodian, gave Dr. Amara Okafor the keys to test results and prescriptions for emergency access.',
    )
  })
})
