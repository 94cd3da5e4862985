import { execFile } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, expect, it } from 'vitest'

let dataDir: string | undefined
afterAll(async () => {
  if (dataDir) await rm(dataDir, { recursive: true, force: true })
})

// `pnpm demo` is the README's main command: run it as a user would and check the story it tells.
it('pnpm demo plays the story on a local anvil and an on-disk store, then stops anvil', async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'medchain-demo-'))
  const { stdout, stderr } = await promisify(execFile)('pnpm', ['exec', 'tsx', 'src/demo.ts'], {
    cwd: join(import.meta.dirname, '..'),
    env: { ...process.env, MEDCHAIN_DATA_DIR: dataDir },
  }) // rejects on a non-zero exit code
  expect(stderr).toBe('')
  const lines = stdout.split('\n')
  const line = (pattern: RegExp) => lines.find((l) => pattern.test(l))
  const txStep = (label: string) => new RegExp(`✓ ${label} +gas +\\d+ +\\d+ ms +tx 0x[0-9a-f]{64}$`)

  expect(stdout).toMatch(/MedChain at 0x[0-9a-fA-F]{40}/)
  expect(stdout).toContain(`on-disk IPFS store in ${join(dataDir, 'store')}`)
  // setup, upload, store, request
  for (const label of [
    'doctor registers as provider',
    'admin verifies the doctor',
    'patient registers \\(name, age\\)',
    'patient uploads the lab result',
    'patient uploads the prescription',
    'doctor requests lab results \\(30 days\\)',
    'doctor relays the signed grant',
    'patient revokes lab results',
  ])
    expect(line(txStep(label)), label).toBeDefined()
  expect(stdout).toContain('the patient reads it back: Ada Lovelace, 36')
  expect(stdout).toContain('valid FHIR R4 Observation')
  expect(stdout).toContain('-> scope lab-results (5)')
  expect(stdout).toContain('-> scope prescriptions (4)')
  // grant by signature, verified read, refusals
  expect(stdout).toContain('patient signs the grant (EIP-712, off chain, no gas)')
  expect(stdout).toContain('HbA1c (LOINC 4548-4) = 6.1 %')
  expect(stdout).toContain('verified: CID matches, anchor on chain (record #1), head verified')
  const refusals = lines.filter((l) => l.includes('✗ refused:'))
  expect(refusals.map((l) => l.trim())).toEqual([
    '✗ refused: ConsentRequiredError',
    '✗ refused: ConsentRevokedError',
  ])
  expect(stdout).toMatch(/has no consent to scope 4 of patient 0x/)
  expect(stdout).toMatch(/rotation: lab-results \(5\) moves to key epoch 2/)
  expect(stdout).toMatch(/to scope 5 of patient 0x[0-9a-fA-F]{40} was revoked/)
  // the audit timeline, in order
  const kinds = lines
    .map((l) => /^ +\d+ {2}([a-z-]+) +/.exec(l)?.[1])
    .filter((kind) => kind !== undefined)
  expect(kinds[0]).toBe('registered')
  const order = ['record-anchored', 'access-requested', 'access-granted', 'access-revoked']
  expect(order.map((kind) => kinds.indexOf(kind))).toEqual(
    order.map((kind) => kinds.indexOf(kind)).sort((a, b) => a - b),
  )
  expect(kinds).toContain('scope-key-rotated')
  expect(stdout).toContain(`${kinds.length} FHIR R4 AuditEvents exported`)
  expect(stdout).toMatch(/^8 steps, 12 transactions, \d+ gas in all/m)
  expect(stdout).not.toMatch(/\n\s+at /) // no stack trace

  // anvil is gone: the demo printed its PID and stopped it in `finally`.
  const pid = Number(/anvil pid (\d+)/.exec(stdout)?.[1])
  expect(pid).toBeGreaterThan(0)
  expect(stdout).toContain(`Stopped anvil (pid ${pid})`)
  expect(() => process.kill(pid, 0)).toThrow()
})
