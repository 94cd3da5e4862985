// The whole consent flow of issue #6 in a real headless Chromium, against the production build, a
// fresh anvil and the Kubo-RPC-compatible storage server, with one browser context (and one injected
// EIP-1193 test wallet) per role. Screenshots of each page go to docs/public/screenshots.
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { keccak256, toHex } from 'viem'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createStackClient } from '../dev/sdkClient'
import { diabetesCondition, hba1cObservation, metforminRequest } from '../dev/seedRecords'
import { startWebStack, type WebStack } from '../dev/stack'
import { buildWebApp } from './harness/buildApp'
import { launchChromium } from './harness/chromium'
import { screenshotPath } from './harness/screenshots'
import { serveStatic } from './harness/staticServer'
import { installTestWallet } from './harness/testWallet'

const step = 60_000
let stack: WebStack
let chromium: { browser: Browser; close(): Promise<void> }
let server: { url: string; stop(): Promise<void> }
const contexts: BrowserContext[] = []

async function openAs(
  role: 'admin' | 'doctor' | 'patient' | 'otherDoctor' | 'delegate',
  options: { viewport?: { width: number; height: number }; walletChainId?: number } = {},
) {
  const context = await chromium.browser.newContext({
    viewport: options.viewport ?? { width: 1280, height: 900 },
  })
  contexts.push(context)
  await installTestWallet(context, {
    privateKey: stack.accounts[role].privateKey,
    rpcUrl: stack.config.rpcUrl,
    chainId: stack.config.chainId,
    ...(options.walletChainId === undefined ? {} : { walletChainId: options.walletChainId }),
  })
  const page = await context.newPage()
  page.setDefaultTimeout(step)
  page.on('pageerror', (error) => console.error(`[${role} page error]`, error.message))
  await page.goto(server.url)
  return page
}

async function signIn(page: Page) {
  await page.getByRole('button', { name: 'Connect MedChain Test Wallet' }).click()
  await page.getByRole('button', { name: 'Sign in' }).click()
}

/** A prescription the doctor adds to the patient's chart with write consent. */
const atorvastatin = {
  resourceType: 'MedicationRequest',
  status: 'active',
  intent: 'order',
  medicationCodeableConcept: { text: 'atorvastatin 20 mg tablet' },
  subject: { reference: 'Patient/maria-lopez' },
  dosageInstruction: [{ text: '20 mg once daily in the evening' }],
}

/** A JSON-RPC call to the stack's anvil (time travel for the expiry test). */
async function rpc(method: string, params: unknown[]) {
  const response = await fetch(stack.config.rpcUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params }),
  })
  const body = (await response.json()) as { error?: { message: string } }
  if (body.error) throw new Error(`${method}: ${body.error.message}`)
}

/** The hospital's break-glass key service: the patient's emergency custodian (anvil account 3). */
const keyService = { name: 'Emergency Key Service', institution: "St. Mary's Hospital" }
const keyServiceName = `${keyService.name}, ${keyService.institution}`

/** Registers and verifies the key service through the SDK (its own UI steps are the doctor's). */
async function registerKeyService() {
  const credentialRef = keccak256(toHex('Key service certificate 0001 (synthetic)'))
  await createStackClient(stack.config, stack.accounts.otherDoctor.privateKey).registerProvider({
    profile: { ...keyService, credentialRef },
  })
  await createStackClient(stack.config, stack.accounts.admin.privateKey).verifyProvider({
    provider: stack.accounts.otherDoctor.address,
    credentialRef,
  })
}

/** How the app shortens an address it has no name for. */
const short = (address: string) => `${address.slice(0, 6)}…${address.slice(-4)}`

/** Fills the date input with `days` days from today (local time), as YYYY-MM-DD. */
function dateFromToday(days: number): string {
  const d = new Date()
  d.setDate(d.getDate() + days)
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`
}

describe('consent flow in Chromium (production build)', { timeout: 300_000 }, () => {
  let admin: Page
  let doctor: Page
  let patient: Page

  beforeAll(async () => {
    stack = await startWebStack({ seed: false })
    await registerKeyService()
    const dist = await buildWebApp()
    server = await serveStatic(dist, stack.config)
    chromium = await launchChromium()
  }, 300_000)

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => {})
    await chromium?.close()
    await server?.stop()
    await stack?.stop()
  })

  it('a provider registers and waits for verification', async () => {
    doctor = await openAs('doctor')
    await doctor.getByRole('heading', { name: 'Sign in with your wallet' }).waitFor()
    await doctor.screenshot({ path: screenshotPath('login'), fullPage: true })
    await signIn(doctor)
    await doctor.getByRole('heading', { name: 'Create your MedChain account' }).waitFor()
    await doctor.getByRole('radio', { name: 'Healthcare Provider' }).check()
    await doctor.getByLabel('Full name and title').fill('Dr. Amara Okafor')
    await doctor.getByLabel('Institution').fill("St. Mary's Hospital")
    await doctor.getByLabel(/Credential reference/).fill('GMC 7234561')
    await doctor.screenshot({ path: screenshotPath('registration'), fullPage: true })
    await doctor.getByRole('button', { name: 'Register as a provider' }).click()
    await doctor.getByRole('heading', { name: 'Waiting for verification' }).waitFor()
    expect(await doctor.getByRole('heading', { name: 'Dr. Amara Okafor' }).isVisible()).toBe(true)
    expect(await doctor.getByRole('heading', { name: 'Find a patient' }).count()).toBe(0)
  })

  it('the administrator (wallet on the wrong network) switches, signs in and verifies the provider', async () => {
    admin = await openAs('admin', { walletChainId: 1 })
    await admin.getByRole('button', { name: 'Connect MedChain Test Wallet' }).click()
    await admin.getByText('Your wallet is on network 1. MedChain runs on Local anvil').waitFor()
    expect(await admin.getByRole('button', { name: 'Sign in' }).count()).toBe(0)
    await admin.getByRole('button', { name: 'Switch to Local anvil' }).click()
    await admin.getByRole('button', { name: 'Sign in' }).click()
    await admin.getByRole('heading', { name: 'Provider verification' }).waitFor()
    const pending = admin.getByRole('region', { name: 'Waiting for verification' })
    await pending.getByRole('heading', { name: 'Dr. Amara Okafor' }).waitFor()
    expect(await pending.getByText('GMC 7234561').isVisible()).toBe(true)
    await admin.screenshot({ path: screenshotPath('admin'), fullPage: true })
    await admin.getByRole('button', { name: 'Verify Dr. Amara Okafor' }).click()
    await admin.getByText('Dr. Amara Okafor is verified').waitFor()
    const verified = admin.getByRole('region', { name: 'Verified and suspended' })
    await verified.getByRole('heading', { name: 'Dr. Amara Okafor' }).waitFor()
  })

  it('a patient registers (age must be a number) and uploads a lab result and a prescription', async () => {
    patient = await openAs('patient')
    await signIn(patient)
    await patient.getByRole('heading', { name: 'Create your MedChain account' }).waitFor()
    await patient.getByLabel('Full name').fill('Maria Lopez')
    await patient.getByLabel('Age (years)').fill('forty-two')
    await patient.getByRole('button', { name: 'Register as a patient' }).click()
    await patient.getByText('Age must be a whole number of years, for example 42.').waitFor()
    await patient.getByLabel('Age (years)').fill('42')
    await patient.getByRole('button', { name: 'Register as a patient' }).click()
    await patient.getByRole('heading', { name: 'Maria Lopez' }).waitFor()
    expect(await patient.getByText('42 years').isVisible()).toBe(true)

    const json = patient.getByLabel('FHIR R4 resource (JSON)')
    await json.fill(JSON.stringify(hba1cObservation, null, 2))
    await patient.getByRole('button', { name: 'Encrypt and save' }).click()
    await patient.getByText(/Saved: test result, record #/).waitFor()
    await json.fill(JSON.stringify(metforminRequest, null, 2))
    await patient.getByRole('button', { name: 'Encrypt and save' }).click()
    await patient.getByText(/Saved: prescription, record #/).waitFor()
    const records = patient.getByRole('region', { name: 'Your records' })
    await records.getByRole('heading', { name: /HbA1c/ }).waitFor()
    await records.getByRole('heading', { name: /metformin/i }).waitFor()
  })

  it('the doctor finds the patient (bad and unknown addresses refused) and asks for test results', async () => {
    await doctor.reload()
    await doctor.getByRole('heading', { name: 'Find a patient' }).waitFor()
    const address = doctor.getByLabel("Patient's account address")
    await address.fill('0x1234')
    await doctor.getByRole('button', { name: 'Find patient' }).click()
    await doctor.getByText(/"0x1234" is not an account address/).waitFor()
    await address.fill(stack.accounts.otherPatient.address)
    await doctor.getByRole('button', { name: 'Find patient' }).click()
    await doctor.getByText(/No patient is registered at/).waitFor()
    await address.fill(stack.accounts.patient.address)
    await doctor.getByRole('button', { name: 'Find patient' }).click()
    await doctor.getByRole('heading', { name: 'Request access' }).waitFor()
    await doctor.getByText('You have no active access to this patient').waitFor()
    const request = doctor.getByRole('region', { name: 'Request access' })
    expect(await request.getByRole('checkbox', { name: 'Test results' }).isChecked()).toBe(true)
    await request.getByLabel('Duration (days)').fill('30')
    await request.getByRole('button', { name: 'Send request' }).click()
    await doctor.getByText('Request sent.', { exact: false }).waitFor()
  })

  it('the patient approves test results for 30 days (an expiry in the past is refused)', async () => {
    await patient.reload()
    const inbox = patient.getByRole('region', { name: 'Access requests' })
    await inbox.getByRole('heading', { name: /Dr\. Amara Okafor/ }).waitFor()
    const expiry = inbox.getByLabel('Access ends on')
    await expiry.fill('2020-01-01')
    await inbox.getByRole('button', { name: 'Approve' }).click()
    await inbox
      .getByText('The expiry date is in the past. Choose a date from today onwards.')
      .waitFor()
    await expiry.fill(dateFromToday(30))
    await inbox.getByRole('button', { name: 'Approve' }).click()
    const grants = patient.getByRole('region', { name: 'Who has access' })
    await grants.getByText(/Test results · read only · until/).waitFor()
    await inbox.getByText('No pending requests.').waitFor()
  })

  it('the doctor sees the verified lab result and not the prescription', async () => {
    await doctor.getByRole('button', { name: 'Refresh' }).click()
    const chart = doctor.getByRole('region', { name: /^Patient / })
    const lab = chart.getByRole('article', { name: /HbA1c/ })
    await lab.waitFor()
    expect(await lab.getByText('Verified').isVisible()).toBe(true)
    expect(await lab.getByText('7.2 %').isVisible()).toBe(true)
    expect(await chart.getByRole('article', { name: /metformin/i }).count()).toBe(0)
    await chart
      .getByText("You have no access to this patient's prescriptions. Request access to see them.")
      .waitFor()
    await doctor.screenshot({ path: screenshotPath('doctor'), fullPage: true })
  })

  it('the patient revokes; the doctor is refused in a plain sentence', async () => {
    const grants = patient.getByRole('region', { name: 'Who has access' })
    await grants
      .getByRole('button', { name: /Revoke test results access of Dr\. Amara Okafor/ })
      .click()
    await grants.getByText('Nobody has access to your records.').waitFor()
    await patient.screenshot({ path: screenshotPath('patient'), fullPage: true })

    await doctor.getByRole('button', { name: 'Refresh' }).click()
    const chart = doctor.getByRole('region', { name: /^Patient / })
    await chart
      .getByText(
        'The patient revoked your access to their test results. Request access again if you still need it.',
      )
      .waitFor()
    expect(await chart.getByRole('article', { name: /HbA1c/ }).count()).toBe(0)
  })

  it('the patient adds a caregiver without keys (it has no account yet) and opts in to emergency access with a custodian', async () => {
    const delegates = patient.getByRole('region', { name: 'Delegates' })
    const address = delegates.getByLabel("Delegate's account address")
    await address.fill('not-an-address')
    await delegates.getByRole('button', { name: 'Add delegate' }).click()
    await delegates.getByText(/"not-an-address" is not an account address/).waitFor()
    // The caregiver has no MedChain account, so there is no key to share the records with.
    await address.fill(stack.accounts.delegate.address)
    const shareKeys = delegates.getByRole('checkbox', { name: 'Share my record keys' })
    expect(await shareKeys.isChecked()).toBe(true)
    await delegates.getByRole('button', { name: 'Add delegate' }).click()
    await delegates
      .getByText(/has no MedChain account yet, so your keys cannot be shared/)
      .waitFor()
    await shareKeys.uncheck()
    await delegates.getByRole('button', { name: 'Add delegate' }).click()
    await delegates.getByText('Delegate added, without keys.').waitFor()
    await delegates.getByText(/· caregiver · no keys/).waitFor()

    const emergency = patient.getByRole('region', { name: 'Emergency access' })
    const optIn = emergency.getByRole('checkbox', { name: 'Allow emergency access' })
    expect(await optIn.isChecked()).toBe(false)
    await emergency.getByLabel('Emergency custodian').selectOption({ label: keyServiceName })
    // Controlled by the chain: it turns checked once the transaction is mined.
    await optIn.click()
    await expect.poll(() => optIn.isChecked(), { timeout: step }).toBe(true)
    await emergency.getByText(`Your emergency custodian: ${keyServiceName}`).waitFor()
  })

  it('the caregiver registers and sees Maria among the people it cares for, records closed without keys', async () => {
    const caregiver = await openAs('delegate')
    await signIn(caregiver)
    await caregiver.getByLabel('Full name').fill('Sam Carer')
    await caregiver.getByLabel('Age (years)').fill('51')
    await caregiver.getByRole('button', { name: 'Register as a patient' }).click()
    await caregiver.getByRole('heading', { name: 'Sam Carer' }).waitFor()
    const maria = short(stack.accounts.patient.address)
    const care = caregiver.getByRole('region', { name: 'People you care for' })
    await care.getByText(`${maria} · caregiver · consent only, no keys`).waitFor()
    await care.getByRole('button', { name: `Open ${maria}` }).click()
    await care
      .getByRole('region', { name: `${maria}'s records` })
      .getByText(`Test results: 1 record not shown. You manage consent for ${maria} without`, {
        exact: false,
      })
      .waitFor()
    await care
      .getByRole('region', { name: `Who has access to ${maria}'s records` })
      .getByText('Nobody has access to their records.')
      .waitFor()
    await caregiver.close()
  })

  it("the patient's audit trail lists each step", async () => {
    await patient.getByRole('button', { name: 'Refresh' }).click()
    const audit = patient.getByRole('list', { name: 'Audit trail, newest first' })
    const doctorName = "Dr. Amara Okafor, St. Mary's Hospital"
    const expected = [
      'You registered as a patient.',
      'You added a test result.',
      'You added a prescription.',
      `${doctorName} asked for access to test results (Treatment, 30 days).`,
      new RegExp(`You granted ${doctorName.replace('.', '\\.')} read access to test results until`),
      `You revoked the access of ${doctorName} to test results.`,
      `You turned emergency access on, with ${keyServiceName} as emergency custodian.`,
      `You made ${short(stack.accounts.delegate.address)} a caregiver, without your record keys.`,
    ]
    for (const text of expected) await audit.getByText(text).first().waitFor()
    await patient
      .getByRole('region', { name: 'Audit trail' })
      .screenshot({ path: screenshotPath('audit') })
  })

  it('with write consent the doctor adds to the chart; expired access is cleared, with its date', async () => {
    const request = doctor.getByRole('region', { name: 'Request access' })
    await request.getByRole('checkbox', { name: 'Test results' }).uncheck()
    await request.getByRole('checkbox', { name: 'Prescriptions' }).check()
    await request.getByLabel('Duration (days)').fill('1')
    await request.getByRole('button', { name: 'Send request' }).click()
    await doctor.getByText('Request sent.', { exact: false }).waitFor()

    await patient.getByRole('button', { name: 'Refresh' }).click()
    const inbox = patient.getByRole('region', { name: 'Access requests' })
    await inbox.getByText(/Asks for prescriptions/).waitFor()
    await inbox.getByRole('radio', { name: 'Read and add records' }).check()
    await inbox.getByRole('button', { name: 'Approve' }).click()
    await patient
      .getByRole('region', { name: 'Who has access' })
      .getByText(/Prescriptions · read and add · until/)
      .waitFor()

    await doctor.getByRole('button', { name: 'Refresh' }).click()
    const chart = doctor.getByRole('region', { name: /^Patient / })
    await chart
      .getByRole('article', { name: /metformin/i })
      .getByText('Verified')
      .waitFor()
    const write = doctor.getByRole('region', { name: 'Add to the chart' })
    await write.getByLabel('FHIR R4 resource (JSON)').fill(JSON.stringify(atorvastatin))
    await write.getByRole('button', { name: 'Encrypt and save' }).click()
    await write.getByText(/Saved: prescription, record #/).waitFor()
    await chart
      .getByRole('article', { name: /atorvastatin/ })
      .getByText('Verified')
      .waitFor()

    // Three days later (anvil's clock), the one-day grant has ended.
    await rpc('evm_increaseTime', [3 * 86_400])
    await rpc('evm_mine', [])
    await doctor.getByRole('button', { name: 'Refresh' }).click()
    await chart
      .getByText(
        /Your access to this patient's prescriptions expired on \d{1,2} \w+ \d{4}\. Request access again\./,
      )
      .waitFor()
    expect(await chart.getByRole('article', { name: /metformin|atorvastatin/i }).count()).toBe(0)
    await chart.getByText('Prescriptions: 2 records not shown.', { exact: false }).waitFor()
    expect(await doctor.getByRole('region', { name: 'Add to the chart' }).count()).toBe(0)
  })

  it('the doctor breaks the glass; the custodian releases the keys; the doctor reads the record', async () => {
    // A diagnosis the doctor never had keys for (keys of earlier grants stay with their grantee).
    const upload = patient.getByLabel('FHIR R4 resource (JSON)')
    await upload.fill(JSON.stringify(diabetesCondition, null, 2))
    await patient.getByRole('button', { name: 'Encrypt and save' }).click()
    await patient.getByText(/Saved: diagnosis, record #/).waitFor()

    const chart = doctor.getByRole('region', { name: /^Patient / })
    const breakGlass = doctor.getByRole('region', { name: 'Break-glass access' })
    await breakGlass.getByRole('checkbox', { name: 'Test results' }).uncheck()
    await breakGlass.getByRole('checkbox', { name: 'Diagnoses' }).check()
    await breakGlass.getByRole('button', { name: 'Break the glass' }).click()
    await breakGlass.getByText(/^Emergency access is open for 24 hours and logged/).waitFor()
    await chart
      .getByText(
        "Diagnoses: 1 record not shown. Emergency access is open: waiting for the patient's emergency custodian to release the keys. Refresh in a moment.",
      )
      .waitFor()
    expect(await chart.getByRole('article', { name: /Type 2 diabetes/ }).count()).toBe(0)

    const keys = await openAs('otherDoctor')
    await signIn(keys)
    await keys.getByRole('heading', { name: keyService.name }).waitFor()
    const requests = keys.getByRole('region', { name: 'Emergency key requests' })
    await requests.getByText(/Dr\. Amara Okafor, St\. Mary's Hospital broke the glass/).waitFor()
    await requests.getByRole('button', { name: 'Release keys' }).click()
    await requests.getByText("Keys released to Dr. Amara Okafor, St. Mary's Hospital.").waitFor()
    await requests.getByText('No provider is waiting for emergency keys from you.').waitFor()

    await doctor.getByRole('button', { name: 'Refresh' }).click()
    await chart
      .getByRole('article', { name: /Type 2 diabetes/ })
      .getByText('Verified')
      .waitFor()

    await patient.getByRole('button', { name: 'Refresh' }).click()
    await patient
      .getByRole('list', { name: 'Audit trail, newest first' })
      .getByText(
        `${keyServiceName}, the emergency custodian, gave Dr. Amara Okafor, St. Mary's Hospital the keys to diagnoses for emergency access.`,
      )
      .waitFor()
  })

  it('the patient page fits a 375 px wide phone screen', async () => {
    const phone = await openAs('patient', { viewport: { width: 375, height: 800 } })
    await signIn(phone)
    await phone.getByRole('heading', { name: 'Maria Lopez' }).waitFor()
    const overflow = await phone.evaluate(() => document.documentElement.scrollWidth)
    expect(overflow).toBeLessThanOrEqual(375)
  })
})
