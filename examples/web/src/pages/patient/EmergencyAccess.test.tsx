// @vitest-environment jsdom
// Against a real anvil and storage node: the patient picks a custodian, turns emergency access on
// (the chain names the custodian), then off (every started category gets a new key).
import { cleanup, render, screen, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { hba1cObservation } from '../../../dev/seedRecords.js'
import { startWebStack, type WebStack } from '../../../dev/stack.js'
import { emergencyAccessEnabled, emergencyCustodian } from '../../lib/chainReads.js'
import type { MedChainSession } from '../../lib/medchain.js'
import { stackSession, useNodeWebTypes, verifiedProvider } from '../../testStack.js'
import { EmergencyAccess } from './EmergencyAccess.js'

const wait = { timeout: 60_000 }
let stack: WebStack
let patient: MedChainSession

beforeAll(async () => {
  await useNodeWebTypes()
  stack = await startWebStack()
  await verifiedProvider(stack, 'doctor', {
    name: 'Dr. Amara Okafor',
    institution: "St. Mary's Hospital",
  })
  // Registered, never verified: it must not be offered as a custodian.
  await stackSession(stack, 'otherDoctor').client.registerProvider({
    profile: { name: 'Dr. Jonas Weber', institution: 'Klinikum Nord', credentialRef: '0x01' },
  })
  patient = stackSession(stack, 'patient')
  await patient.client.registerPatient({ profile: { name: 'Maria Lopez', age: 42 } })
  await patient.client.publishRecord({ data: hba1cObservation })
})
afterAll(() => stack?.stop())
afterEach(cleanup)

describe('EmergencyAccess (patient)', () => {
  it('offers verified providers as custodian, explains the role, and refuses to turn on without one', async () => {
    render(<EmergencyAccess medchain={patient} onChange={() => {}} />)
    const section = screen.getByRole('region', { name: 'Emergency access' })
    const select = await within(section).findByLabelText('Emergency custodian', {}, wait)
    const options = within(select)
      .getAllByRole('option')
      .map((o) => o.textContent)
    expect(options).toEqual([
      'Choose a verified provider…',
      "Dr. Amara Okafor, St. Mary's Hospital",
    ])
    expect(section.textContent).toContain(
      'It holds your record keys and releases them only to a provider that breaks the glass; every release is on your audit trail.',
    )
    await userEvent.click(within(section).getByRole('checkbox', { name: 'Allow emergency access' }))
    expect(within(section).getByText('Choose an emergency custodian first.')).toBeTruthy()
    expect(await emergencyAccessEnabled(patient, patient.address)).toBe(false)
  })

  it('turns on with the chosen custodian, shows it, then turns off with the new keys counted', async () => {
    const onChange = vi.fn()
    render(<EmergencyAccess medchain={patient} onChange={onChange} />)
    const section = screen.getByRole('region', { name: 'Emergency access' })
    await userEvent.selectOptions(
      await within(section).findByLabelText('Emergency custodian', {}, wait),
      "Dr. Amara Okafor, St. Mary's Hospital",
    )
    await userEvent.click(within(section).getByRole('checkbox', { name: 'Allow emergency access' }))
    await within(section).findByText(
      "Emergency access is on. Dr. Amara Okafor, St. Mary's Hospital holds your keys for emergencies.",
      {},
      wait,
    )
    expect(await emergencyCustodian(patient, patient.address)).toBe(stack.accounts.doctor.address)
    const current = await within(section).findByText(/^Your emergency custodian:/, {}, wait)
    expect(current.textContent).toBe(
      "Your emergency custodian: Dr. Amara Okafor, St. Mary's Hospital",
    )
    const toggle = within(section).getByRole('checkbox', { name: 'Allow emergency access' })
    await vi.waitFor(() => expect((toggle as HTMLInputElement).checked).toBe(true), wait)
    expect(onChange).toHaveBeenCalledTimes(1)

    // Two started categories: the encrypted profile and the test results.
    await userEvent.click(toggle)
    await within(section).findByText(
      'Emergency access is off. Your 2 record categories got new keys, so your former custodian cannot open records added from now on.',
      {},
      wait,
    )
    expect(await emergencyAccessEnabled(patient, patient.address)).toBe(false)
    expect(await emergencyCustodian(patient, patient.address)).toBeUndefined()
    await within(section).findByLabelText('Emergency custodian', {}, wait)
  })
})
