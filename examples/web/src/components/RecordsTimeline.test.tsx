// @vitest-environment jsdom
import { ConsentExpiredError, type RecordHistoryEntry } from '@medchain/sdk'
import { cleanup, render, screen, within } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import { summarizeRecord } from '../lib/fhirSummary.js'
import { RecordsTimeline } from './RecordsTimeline.js'

afterEach(cleanup)

const patient = '0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC'
const anchor = (seq: bigint, scope: number): RecordHistoryEntry => ({
  patient,
  seq,
  scope,
  epoch: 1,
  cid: 'bafkreihdwdcefgh4dqkjv67uzcmw7ojee6xedzdetojuzjevtenxquvyku',
  author: patient,
  supersedes: 0n,
  blockNumber: seq,
  transactionHash: `0x${'00'.repeat(32)}`,
})

describe('RecordsTimeline', () => {
  it('shows records by category with their verified badge, and why a category is closed', () => {
    const observation = summarizeRecord({
      resourceType: 'Observation',
      status: 'final',
      code: { text: 'HbA1c' },
      valueQuantity: { value: 7.2, unit: '%' },
    })
    const expired = new ConsentExpiredError({
      patient,
      grantee: patient,
      scope: 4,
      expiredAt: new Date(2027, 2, 3, 12),
    })
    render(
      <RecordsTimeline
        opened={[{ anchor: anchor(2n, 5), summary: observation, verified: true }]}
        locked={[{ scope: 4, count: 2, error: expired }]}
        emptyText="Nothing yet."
      />,
    )
    const labs = screen.getByRole('region', { name: /Test results/ })
    const card = within(labs).getByRole('article', { name: 'HbA1c' })
    expect(within(card).getByText('Verified')).toBeTruthy()
    expect(within(card).getByText('7.2 %')).toBeTruthy()
    const prescriptions = screen.getByRole('region', { name: /Prescriptions/ })
    expect(prescriptions.textContent).toContain(
      "Prescriptions: 2 records not shown. Your access to this patient's prescriptions expired on 3 March 2027. Request access again.",
    )
    expect(
      within(screen.getByRole('region', { name: /Diagnoses/ })).getByText('Nothing yet.'),
    ).toBeTruthy()
  })

  it('marks a record whose checks did not pass', () => {
    render(
      <RecordsTimeline
        opened={[
          {
            anchor: anchor(1n, 2),
            summary: summarizeRecord({ resourceType: 'Condition', code: { text: 'Asthma' } }),
            verified: false,
          },
        ]}
        emptyText="Nothing yet."
      />,
    )
    expect(screen.getByText('Not verified')).toBeTruthy()
    expect(screen.queryByText('Verified')).toBeNull()
  })
})
