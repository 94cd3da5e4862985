// @vitest-environment jsdom
// Against a real anvil and storage node: a delegate without an account cannot get keys (plain
// message, nothing sent) but can be added without them; a registered one gets the keys, and removing
// it gives every started category a new key.
import { cleanup, render, screen, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { useState } from 'react'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { hba1cObservation } from '../../../dev/seedRecords.js'
import { startWebStack, type WebStack } from '../../../dev/stack.js'
import { useLoad } from '../../components/useLoad.js'
import type { MedChainSession } from '../../lib/medchain.js'
import { stackSession, useNodeWebTypes } from '../../testStack.js'
import { Delegates } from './Delegates.js'

const wait = { timeout: 60_000 }
let stack: WebStack
let patient: MedChainSession

/** The section as the patient page wires it: delegates from the audit trail, reloaded on change. */
function DelegatesWithAudit({ medchain }: { medchain: MedChainSession }) {
  const [version, setVersion] = useState(0)
  const audit = useLoad(() => medchain.client.getAuditTimeline(), [medchain, version])
  return (
    <Delegates
      medchain={medchain}
      entries={audit.data?.entries}
      onChange={() => setVersion((v) => v + 1)}
    />
  )
}

/** The delegates the chain reports for the patient (from its own audit trail). */
async function delegatesOnChain() {
  const { entries } = await patient.client.getAuditTimeline()
  return entries.filter((e) => e.kind === 'delegate-updated').map((e) => e.details.kind)
}

beforeAll(async () => {
  await useNodeWebTypes()
  stack = await startWebStack()
  patient = stackSession(stack, 'patient')
  await patient.client.registerPatient({ profile: { name: 'Maria Lopez', age: 42 } })
  await patient.client.publishRecord({ data: hba1cObservation })
  // A registered account (with an encryption key) to be the key-holding delegate.
  await stackSession(stack, 'otherPatient').client.registerPatient({
    profile: { name: 'Ana Lopez', age: 19 },
  })
})
afterAll(() => stack?.stop())
afterEach(cleanup)

async function addDelegate(section: HTMLElement, address: string) {
  const input = within(section).getByLabelText("Delegate's account address")
  await userEvent.clear(input)
  await userEvent.type(input, address)
  await userEvent.click(within(section).getByRole('button', { name: 'Add delegate' }))
}

describe('Delegates (patient)', () => {
  it('explains key sharing; an unregistered delegate gets a plain message, then is added without keys', async () => {
    render(<DelegatesWithAudit medchain={patient} />)
    const section = screen.getByRole('region', { name: 'Delegates' })
    const share = within(section).getByRole('checkbox', { name: 'Share my record keys' })
    expect((share as HTMLInputElement).checked).toBe(true)
    expect(section.textContent).toContain('A delegate with keys can grant, revoke and read for you')

    await addDelegate(section, stack.accounts.delegate.address)
    const alert = await within(section).findByRole('alert', {}, wait)
    expect(alert.textContent).toBe(
      'This person has no MedChain account yet, so your keys cannot be shared with them. Ask them to register first, or add them without sharing your keys.',
    )
    expect(await delegatesOnChain()).toEqual([])

    await userEvent.click(share)
    await userEvent.click(within(section).getByRole('button', { name: 'Add delegate' }))
    await within(section).findByText('Delegate added, without keys.', {}, wait)
    await within(section).findByText(/· caregiver · no keys/, {}, wait)
    expect(await delegatesOnChain()).toEqual(['caregiver'])
  })

  it('shares the keys with a registered delegate; removing it reports the new keys', async () => {
    render(<DelegatesWithAudit medchain={patient} />)
    const section = screen.getByRole('region', { name: 'Delegates' })
    await userEvent.selectOptions(within(section).getByLabelText('Relationship'), 'Guardian')
    await addDelegate(section, stack.accounts.otherPatient.address)
    await within(section).findByText('Delegate added, with your record keys.', {}, wait)
    const guardian = await within(section).findByText(/· guardian · holds your keys/, {}, wait)
    const row = guardian.closest('li') as HTMLElement
    await userEvent.click(within(row).getByRole('button', { name: 'Remove' }))
    // Two started categories: the encrypted profile and the test results.
    await within(section).findByText(
      'Delegate removed. Your 2 record categories got new keys, so the former delegate cannot open records added from now on.',
      {},
      wait,
    )
    expect(await delegatesOnChain()).toEqual(['caregiver', 'guardian', 'none'])
    // The consent-only caregiver stays.
    await within(section).findByText(/· caregiver · no keys/, {}, wait)
    expect(within(section).queryByText(/· guardian/)).toBeNull()
  })
})
