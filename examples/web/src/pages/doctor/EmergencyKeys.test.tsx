// @vitest-environment jsdom
// Against a real anvil and storage node, the break-glass flow from the providers' side: the doctor
// breaks the glass and is told it waits for the custodian (not a raw key error); the custodian sees
// the request, releases the keys, and the doctor's chart opens the record.
import { cleanup, render, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { hba1cObservation } from '../../../dev/seedRecords.js'
import { startWebStack, type WebStack } from '../../../dev/stack.js'
import type { MedChainSession } from '../../lib/medchain.js'
import { stackSession, useNodeWebTypes, verifiedProvider } from '../../testStack.js'
import { EmergencyKeyRequests } from './EmergencyKeyRequests.js'
import { PatientChart } from './PatientChart.js'

const wait = { timeout: 60_000 }
let stack: WebStack
let doctor: MedChainSession
let custodian: MedChainSession

beforeAll(async () => {
  await useNodeWebTypes()
  stack = await startWebStack()
  doctor = await verifiedProvider(stack, 'doctor', {
    name: 'Dr. Amara Okafor',
    institution: "St. Mary's Hospital",
  })
  custodian = await verifiedProvider(stack, 'otherDoctor', {
    name: 'Emergency Key Service',
    institution: 'Central Hospital',
  })
  const patient = stackSession(stack, 'patient')
  await patient.client.registerPatient({ profile: { name: 'Maria Lopez', age: 42 } })
  await patient.client.publishRecord({ data: hba1cObservation })
  await patient.client.setEmergencyAccess({ enabled: true, custodian: custodian.address })
})
afterAll(() => stack?.stop())
afterEach(cleanup)

describe('emergency keys (doctor page)', () => {
  it('a custodian with no waiting provider sees the empty state', async () => {
    const { container } = render(<EmergencyKeyRequests medchain={custodian} />)
    const region = within(container).getByRole('region', { name: 'Emergency key requests' })
    await within(region).findByText('No provider is waiting for emergency keys from you.', {}, wait)
    expect(within(region).queryByRole('button', { name: 'Release keys' })).toBeNull()
  })

  it('break glass, wait for the custodian, custodian releases, the record opens', async () => {
    const chartView = render(
      <PatientChart medchain={doctor} patient={stack.accounts.patient.address} />,
    )
    const chart = within(chartView.container)
    const breakGlass = await chart.findByRole('region', { name: 'Break-glass access' }, wait)
    expect(
      (within(breakGlass).getByRole('checkbox', { name: 'Test results' }) as HTMLInputElement)
        .checked,
    ).toBe(true)
    await userEvent.click(within(breakGlass).getByRole('button', { name: 'Break the glass' }))
    await within(breakGlass).findByText(
      /^Emergency access is open for 24 hours and logged\./,
      {},
      wait,
    )
    const records = chart.getByRole('region', { name: /^Patient / })
    await within(records).findByText(
      "Test results: 1 record not shown. Emergency access is open: waiting for the patient's emergency custodian to release the keys. Refresh in a moment.",
      {},
      wait,
    )
    expect(records.textContent).toContain('(emergency access until')
    expect(records.textContent).not.toContain('Ask the patient to grant access again')

    const custodianView = render(<EmergencyKeyRequests medchain={custodian} />)
    const requests = within(custodianView.container).getByRole('region', {
      name: 'Emergency key requests',
    })
    const request = await within(requests).findByText(/broke the glass for patient/, {}, wait)
    expect(request.textContent).toMatch(
      /^Dr\. Amara Okafor, St\. Mary's Hospital broke the glass for patient 0x3C44…93BC and needs the keys to test results \(until /,
    )
    await userEvent.click(within(requests).getByRole('button', { name: 'Release keys' }))
    await within(requests).findByText(
      "Keys released to Dr. Amara Okafor, St. Mary's Hospital.",
      {},
      wait,
    )
    await within(requests).findByText(
      'No provider is waiting for emergency keys from you.',
      {},
      wait,
    )

    await userEvent.click(within(records).getByRole('button', { name: 'Refresh' }))
    const lab = await within(records).findByRole('article', { name: /HbA1c/ }, wait)
    expect(within(lab).getByText('Verified')).toBeTruthy()
    expect(within(lab).getByText('7.2 %')).toBeTruthy()
  })
})
