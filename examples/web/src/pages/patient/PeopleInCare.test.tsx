// @vitest-environment jsdom
// Against a real anvil and storage node: Maria Lopez makes her daughter Ana her guardian with her
// record keys and a caregiver her delegate without keys. Ana reads Maria's record and approves a
// doctor's request for her (the doctor then reads the record); the caregiver sees why records and
// approval are closed to it, denies another request and revokes the doctor without a new key.
import { medChainAbi } from '@medchain/contracts'
import { cleanup, render, screen, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { hba1cObservation } from '../../../dev/seedRecords.js'
import { startWebStack, type WebStack } from '../../../dev/stack.js'
import type { MedChainSession } from '../../lib/medchain.js'
import { stackSession, useNodeWebTypes, verifiedProvider } from '../../testStack.js'
import { PeopleInCare } from './PeopleInCare.js'

const wait = { timeout: 60_000 }
let stack: WebStack
let patient: MedChainSession
let guardian: MedChainSession
let caregiver: MedChainSession
let doctor: MedChainSession
let otherDoctor: MedChainSession
let labs: number
let labSeq: bigint

/** The patient's current key epoch of a scope, read from the contract. */
const scopeEpoch = (scope: number) =>
  patient.publicClient.readContract({
    address: stack.config.contractAddress,
    abi: medChainAbi,
    functionName: 'scopeEpoch',
    args: [patient.address, scope],
  })

/** Renders the section for `session` and opens the one patient it cares for. */
async function openCaredFor(session: MedChainSession, rowText: RegExp, name: string) {
  render(<PeopleInCare medchain={session} version={0} />)
  const region = await screen.findByRole('region', { name: 'People you care for' }, wait)
  // The row's text spans several elements: match the list item as a whole.
  await within(region).findByText(
    (_, element) => element?.tagName === 'LI' && rowText.test(element.textContent ?? ''),
    {},
    wait,
  )
  await userEvent.click(within(region).getByRole('button', { name: `Open ${name}` }))
  return region
}

beforeAll(async () => {
  await useNodeWebTypes()
  stack = await startWebStack()
  doctor = await verifiedProvider(stack, 'doctor', {
    name: 'Dr. Amara Okafor',
    institution: "St. Mary's Hospital",
  })
  otherDoctor = await verifiedProvider(stack, 'otherDoctor', {
    name: 'Dr. Jonas Weber',
    institution: 'City Clinic',
  })
  patient = stackSession(stack, 'patient')
  guardian = stackSession(stack, 'otherPatient')
  caregiver = stackSession(stack, 'delegate')
  await patient.client.registerPatient({ profile: { name: 'Maria Lopez', age: 42 } })
  const { anchor } = await patient.client.publishRecord({ data: hba1cObservation })
  labs = anchor.scope
  labSeq = anchor.seq
  await guardian.client.registerPatient({ profile: { name: 'Ana Lopez', age: 19 } })
  await patient.client.setDelegate({ delegate: guardian.address, kind: 'guardian' })
  // Appointed before it had an account (so without keys); it registers afterwards to sign in.
  await patient.client.setDelegate({
    delegate: caregiver.address,
    kind: 'caregiver',
    shareKeys: false,
  })
  await caregiver.client.registerPatient({ profile: { name: 'Sam Carer', age: 51 } })
})
afterAll(() => stack?.stop())
afterEach(cleanup)

describe('People you care for (patient page)', () => {
  it('lists the appointments from the chain, latest per patient', async () => {
    expect(await guardian.client.listPatientsInCare()).toEqual([
      { patient: patient.address, kind: 'guardian', holdsKeys: true },
    ])
    expect(await caregiver.client.listPatientsInCare()).toEqual([
      { patient: patient.address, kind: 'caregiver', holdsKeys: false },
    ])
    expect(await patient.client.listPatientsInCare()).toEqual([])
    // A removal is the latest event for that patient: the account no longer cares for it.
    const admin = stack.accounts.admin.address
    await patient.client.setDelegate({ delegate: admin, kind: 'caregiver', shareKeys: false })
    expect(await patient.client.listPatientsInCare({ delegate: admin })).toHaveLength(1)
    await patient.client.setDelegate({ delegate: admin, kind: 'none' })
    expect(await patient.client.listPatientsInCare({ delegate: admin })).toEqual([])
  })

  it('a guardian with the keys reads the record and grants a doctor, who then reads it', async () => {
    const { requestId } = await doctor.client.requestAccess({
      patient: patient.address,
      scopes: [labs],
      purpose: 1,
      duration: 30n * 86_400n,
    })
    const region = await openCaredFor(
      guardian,
      /^Maria Lopez · guardian · you hold their record keys/,
      'Maria Lopez',
    )
    const records = await within(region).findByRole(
      'region',
      { name: "Maria Lopez's records" },
      wait,
    )
    const lab = await within(records).findByRole('article', { name: /HbA1c/ }, wait)
    expect(lab.textContent).toContain('7.2 %')

    const inbox = within(region).getByRole('region', { name: "Maria Lopez's access requests" })
    await within(inbox).findByRole('heading', { name: /Dr\. Amara Okafor/ }, wait)
    await userEvent.click(within(inbox).getByRole('button', { name: 'Approve' }))
    const grants = within(region).getByRole('region', {
      name: "Who has access to Maria Lopez's records",
    })
    await within(grants).findByText(/Test results · read only · until/, {}, wait)

    // On chain: the grant closed the doctor's request, was sent by the guardian, and opens the record.
    const { entries } = await patient.client.getAuditTimeline()
    expect(entries.find((e) => e.kind === 'access-granted')).toMatchObject({
      actor: guardian.address,
      counterpart: doctor.address,
    })
    expect((await patient.client.listPendingRequests()).map((r) => r.requestId)).not.toContain(
      requestId,
    )
    const read = await doctor.client.readRecord({ patient: patient.address, seq: labSeq })
    expect(read.text()).toContain('HbA1c')
  })

  it('a consent-only caregiver sees why records and approval are closed, denies, and revokes without a new key', async () => {
    const { requestId } = await otherDoctor.client.requestAccess({
      patient: patient.address,
      scopes: [labs],
      purpose: 1,
      duration: 7n * 86_400n,
    })
    const short = `${patient.address.slice(0, 6)}…${patient.address.slice(-4)}`
    const region = await openCaredFor(
      caregiver,
      new RegExp(`^${short} · caregiver · consent only, no keys`),
      short,
    )
    const records = await within(region).findByRole('region', { name: `${short}'s records` }, wait)
    const note = await within(records).findByRole('note', {}, wait)
    expect(note.textContent).toBe(
      `Test results: 1 record not shown. You manage consent for ${short} without their record keys, so these records cannot be opened here. ${short} can share the keys by adding you again with “Share my record keys”.`,
    )
    expect(within(records).queryByRole('article')).toBeNull()
    expect(records.textContent).not.toContain('ScopeKeyNotFound')

    const inbox = within(region).getByRole('region', { name: `${short}'s access requests` })
    const request = await within(inbox).findByRole('form', { name: /Dr\. Jonas Weber/ }, wait)
    expect(within(request).queryByRole('button', { name: 'Approve' })).toBeNull()
    expect(request.textContent).toContain(
      `Approving shares ${short}'s record keys, and you do not hold them.`,
    )
    await userEvent.click(within(request).getByRole('button', { name: 'Deny' }))
    await within(inbox).findByText('No pending requests.', {}, wait)
    const { entries } = await patient.client.getAuditTimeline()
    expect(entries.find((e) => e.kind === 'access-denied')).toMatchObject({
      actor: caregiver.address,
    })
    expect((await patient.client.listPendingRequests()).map((r) => r.requestId)).not.toContain(
      requestId,
    )

    // Revoking the doctor's grant (from the test above): on chain only, the scope keeps its epoch.
    const epochBefore = await scopeEpoch(labs)
    const grants = within(region).getByRole('region', {
      name: `Who has access to ${short}'s records`,
    })
    await userEvent.click(
      await within(grants).findByRole(
        'button',
        { name: /Revoke test results access of Dr\. Amara Okafor/ },
        wait,
      ),
    )
    await within(grants).findByText(/^Access revoked on chain\. You do not hold/, {}, wait)
    await within(grants).findByText('Nobody has access to their records.', {}, wait)
    expect(await scopeEpoch(labs)).toBe(epochBefore)
    await expect(
      doctor.client.readRecord({ patient: patient.address, seq: labSeq }),
    ).rejects.toMatchObject({ name: 'ConsentRevokedError' })
  })
})
