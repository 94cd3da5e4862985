// The CLI end to end, as a user runs it: a subprocess per command against a real anvil, with a real
// on-disk store shared by three users (admin, doctor, patient), each with its own config folder.
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { ConsentRevokedError } from '@medchain/sdk'
import { validateFhirRecord } from '@medchain/sdk/fhir'
import { anvilAccount, type LocalMedChain, startLocalMedChain } from '@medchain/test'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ok, passphrase, type Result, runMedchain } from './testing.js'

type Role = 'admin' | 'doctor' | 'patient'
const accountIndex: Record<Role, number> = { admin: 0, doctor: 1, patient: 2 }
const address = (role: Role) => anvilAccount(accountIndex[role]).address

const observation = {
  resourceType: 'Observation',
  status: 'final',
  code: { text: 'HbA1c' },
  subject: { reference: 'Patient/ada' },
  valueQuantity: { value: 6.1, unit: '%' },
}
// The smallest file the SDK accepts as a PDF ("%PDF-" header), padded past a few store chunks.
const pdf = new TextEncoder().encode(
  `%PDF-1.4\n% MedChain CLI test\n${'0'.repeat(300_000)}\n%%EOF\n`,
)

let local: LocalMedChain
let root: string

/** Runs `medchain <args>` as `role`, in the role's folder (the root folder without a role). */
function medchain(
  role: Role | undefined,
  args: string[],
  env: Record<string, string> = {},
): Promise<Result> {
  return runMedchain(args, {
    cwd: role ? join(root, role) : root,
    account: role ? accountIndex[role] : undefined,
    env,
  })
}

describe('medchain CLI', () => {
  beforeAll(async () => {
    local = await startLocalMedChain()
    root = await mkdtemp(join(tmpdir(), 'medchain-cli-'))
    await Promise.all(
      (['admin', 'doctor', 'patient'] as const).map((role) => mkdir(join(root, role))),
    )
    await writeFile(join(root, 'patient', 'hba1c.json'), JSON.stringify(observation))
    await writeFile(join(root, 'patient', 'letter.pdf'), pdf)
  })
  afterAll(async () => {
    await local?.stop()
    if (root) await rm(root, { recursive: true, force: true })
  })

  it('prints help, and exits 2 on an unknown command or flag', async () => {
    const [rootHelp, commandHelp, unknownFlag, unknownCommand, missingArg] = await Promise.all([
      medchain(undefined, ['--help']),
      medchain(undefined, ['consent', 'grant', '--help']),
      medchain(undefined, ['record', 'list', '--bogus']),
      medchain(undefined, ['frobnicate']),
      medchain(undefined, ['record', 'read']),
    ])
    expect(rootHelp.code).toBe(0)
    for (const command of ['init', 'register patient', 'record publish', 'consent revoke', 'audit'])
      expect(rootHelp.stdout).toContain(command)
    expect(commandHelp.code).toBe(0)
    expect(commandHelp.stdout).toContain('Usage: medchain consent grant <provider>')
    expect(commandHelp.stdout).toContain('--request <id>')
    expect(unknownFlag).toMatchObject({ code: 2, stdout: '' })
    expect(unknownFlag.stderr).toContain("Unknown option '--bogus'")
    expect(unknownFlag.stderr).toContain("Run 'medchain record list --help'")
    expect(unknownCommand.code).toBe(2)
    expect(unknownCommand.stderr).toContain("Unknown command 'frobnicate'")
    expect(missingArg.code).toBe(2)
    expect(missingArg.stderr).toContain('needs <seq>')
  })

  it('documents consent deny and the emergency commands in --help', async () => {
    const [rootHelp, deny, group, access, enable, extra] = await Promise.all([
      medchain(undefined, ['--help']),
      medchain(undefined, ['consent', 'deny', '--help']),
      medchain(undefined, ['emergency', '--help']),
      medchain(undefined, ['emergency', 'access', '--help']),
      medchain(undefined, ['emergency', 'enable', '--help']),
      medchain(undefined, ['emergency', 'enable', 'now']),
    ])
    for (const command of ['consent deny <request-id>', 'emergency enable', 'emergency access'])
      expect(ok(rootHelp).stdout).toContain(command)
    expect(ok(deny).stdout).toContain('Usage: medchain consent deny <request-id>')
    expect(deny.stdout).toContain('--patient <address>')
    for (const command of ['emergency enable', 'emergency disable', 'emergency access <patient>'])
      expect(ok(group).stdout).toContain(command)
    expect(ok(access).stdout).toContain('Usage: medchain emergency access <patient>')
    expect(access.stdout).toMatch(/--scopes <list> +Comma-separated scopes/)
    expect(access.stdout).toContain('--reason <code>')
    expect(ok(enable).stdout).toContain('audit trail')
    expect(enable.stdout).toContain('--custodian <address>')
    expect(extra.code).toBe(2)
    expect(extra.stderr).toContain("Unexpected argument 'now'")
  })

  it('documents the delegate, custodian and act-for-a-patient flags in --help', async () => {
    const help = (...words: string[]) => medchain(undefined, [...words, '--help']).then(ok)
    const [rootHelp, add, remove, grant, revoke, disable, requests, release, serve] =
      await Promise.all([
        help(),
        help('delegate', 'add'),
        help('delegate', 'remove'),
        help('consent', 'grant'),
        help('consent', 'revoke'),
        help('emergency', 'disable'),
        help('emergency', 'requests'),
        help('emergency', 'release'),
        help('emergency', 'serve'),
      ])
    for (const command of [
      'delegate add <address>',
      'delegate remove <address>',
      'emergency requests',
      'emergency release <patient> <provider>',
      'emergency serve',
    ])
      expect(rootHelp.stdout).toContain(command)
    expect(add.stdout).toContain('Usage: medchain delegate add <address>')
    expect(add.stdout).toMatch(/--kind <kind> +guardian or caregiver/)
    expect(add.stdout).toContain('--no-keys')
    expect(remove.stdout).toContain('--no-rotate')
    for (const r of [grant, revoke, disable]) expect(r.stdout).toContain('--patient <address>')
    expect(revoke.stdout).toContain('--no-rotate')
    expect(disable.stdout).toContain('--no-rotate')
    expect(requests.stdout).toContain('--patient <address>')
    expect(release.stdout).toContain('Usage: medchain emergency release <patient> <provider>')
    expect(release.stdout).toContain('--scopes <list>')
    expect(serve.stdout).toContain('--interval <seconds>')
    expect(serve.stdout).toContain('--once')
    const [badKind, noCustodian] = await Promise.all([
      medchain(undefined, ['delegate', 'add', address('doctor'), '--kind', 'uncle']),
      medchain(undefined, ['emergency', 'enable']),
    ])
    expect(badKind.code).toBe(2)
    expect(badKind.stderr).toContain("--kind must be guardian or caregiver, not 'uncle'")
    expect(noCustodian.code).toBe(2)
    expect(noCustodian.stderr).toContain('--custodian is required')
  })

  it('inits a keystore and config per user', async () => {
    const flags = [
      '--rpc-url',
      local.anvil.rpcUrl,
      '--contract',
      local.medChain,
      '--start-block',
      local.startBlock.toString(),
      '--store',
      join(root, 'store'),
    ]
    const results = await Promise.all(
      (['admin', 'doctor', 'patient'] as const).map((r) => medchain(r, ['init', ...flags])),
    )
    for (const r of results) ok(r)
    expect(results[2]!.stdout).toContain(address('patient'))
    const config = JSON.parse(await readFile(join(root, 'patient', 'medchain.config.json'), 'utf8'))
    expect(config).toEqual({
      rpcUrl: local.anvil.rpcUrl,
      chainId: 31337,
      contract: local.medChain,
      startBlock: local.startBlock.toString(),
      storePath: '../store',
      keystore: 'medchain.keystore.json',
      privateKeyEnv: 'MEDCHAIN_PRIVATE_KEY',
    })
    expect(await readFile(join(root, 'patient', 'medchain.keystore.json'), 'utf8')).not.toContain(
      passphrase,
    )
    const again = await medchain('patient', ['init', ...flags])
    expect(again.code).toBe(1)
    expect(again.stderr).toContain('pass --force')
  })

  it('registers a patient and a provider; the admin verifies the provider', async () => {
    const [patient, doctor] = await Promise.all([
      medchain('patient', ['register', 'patient', '--name', 'Ada Lovelace', '--age', '36']),
      medchain('doctor', [
        'register',
        'provider',
        '--name',
        'Dr. Hopper',
        '--institution',
        'General Hospital',
        '--credential',
        'licence-4711',
      ]),
    ])
    expect(ok(patient).stdout).toMatch(/^profile baf/m)
    ok(doctor)
    const verified = ok(await medchain('admin', ['verify', address('doctor')]))
    expect(verified.stderr).toContain('Dr. Hopper (General Hospital)')
  })

  it('publishes a FHIR Observation and a PDF (with a progress bar) while the doctor asks for labs', async () => {
    const [request, observationResult] = await Promise.all([
      medchain('doctor', [
        'consent',
        'request',
        address('patient'),
        '--scopes',
        'labs,prescriptions',
        '--days',
        '30',
        '--purpose',
        'treatment',
      ]),
      medchain('patient', ['record', 'publish', 'hba1c.json']),
    ])
    expect(ok(request).stdout).toMatch(/^request 1$/m)
    expect(ok(observationResult).stdout).toMatch(/^seq {3}1$/m)
    expect(observationResult.stderr).toContain('Observation as record 1 (scope lab-results')
    const pdfResult = ok(
      await medchain('patient', [
        'record',
        'publish',
        'letter.pdf',
        '--progress',
        '--subject',
        'Patient/ada',
      ]),
    )
    expect(pdfResult.stdout).toMatch(/^seq {3}2$/m)
    expect(pdfResult.stderr).toContain('scope documents')
    expect(pdfResult.stderr).toMatch(/storing +\[#+\] 100%/)
    // Encryption has its own bar, before the store's.
    const bars = [...pdfResult.stderr.matchAll(/^(\w+) +\[[#-]+\] +100%/gm)].map((m) => m[1])
    expect(bars).toEqual(['encrypting', 'storing', 'verifying'])
    const list = ok(await medchain('patient', ['record', 'list']))
    expect(list.stdout).toMatch(/^1 +lab-results +1 /m)
    expect(list.stdout).toMatch(/^2 +documents +1 /m)
    expect(list.stderr).toContain('matches the on-chain head')
  })

  it('request -> inbox -> grant -> the doctor reads the decrypted Observation', async () => {
    const inbox = ok(await medchain('patient', ['consent', 'inbox']))
    expect(inbox.stdout).toMatch(
      new RegExp(`^1 +${address('doctor')} +lab-results,prescriptions +treatment +30$`, 'm'),
    )
    ok(await medchain('patient', ['consent', 'grant', address('doctor'), '--request', '1']))
    const [read, extracted, grants] = await Promise.all([
      medchain('doctor', ['record', 'read', '1', '--patient', address('patient')]),
      medchain('patient', ['record', 'read', '2', '--extract', 'copy.pdf']),
      medchain('patient', ['consent', 'list', '--json']),
    ])
    expect(JSON.parse(ok(read).stdout)).toEqual(observation)
    ok(extracted)
    expect(new Uint8Array(await readFile(join(root, 'patient', 'copy.pdf')))).toEqual(pdf)
    expect(
      JSON.parse(ok(grants).stdout)
        .map((g: { scope: number }) => g.scope)
        .sort(),
    ).toEqual([4, 5])
  })

  it('revoke -> the doctor can no longer read (exit 1, the SDK error, no stack trace)', async () => {
    const revoke = ok(
      await medchain('patient', ['consent', 'revoke', address('doctor'), '--scopes', 'labs']),
    )
    expect(revoke.stdout).toContain('scope lab-results now at epoch 2')
    const transactionHash = /^tx (0x[0-9a-f]{64})$/m.exec(revoke.stdout)![1] as `0x${string}`
    const read = await medchain('doctor', ['record', 'read', '1', '--patient', address('patient')])
    expect(read.code).toBe(1)
    expect(read.stdout).toBe('')
    const expected = new ConsentRevokedError({
      patient: address('patient'),
      grantee: address('doctor'),
      scope: 5,
      transactionHash,
    })
    expect(read.stderr.toLowerCase()).toContain(`error: ${expected.shortMessage}`.toLowerCase())
    expect(read.stderr).toContain('docs: https://medchain.dev/reference/errors#consentrevokederror')
    expect(read.stderr).not.toMatch(/^\s+at /m)
  })

  it('consent deny closes a request; denying it again is the SDK error', async () => {
    const request = ok(
      await medchain('doctor', ['consent', 'request', address('patient'), '--scopes', 'imaging']),
    )
    const requestId = /^request (\d+)$/m.exec(request.stdout)![1]!
    const denied = ok(await medchain('patient', ['consent', 'deny', requestId]))
    expect(denied.stdout).toMatch(/^tx 0x[0-9a-f]{64}$/m)
    expect(denied.stderr).toContain(`Denied request ${requestId} from ${address('doctor')}`)
    const inbox = ok(await medchain('patient', ['consent', 'inbox']))
    expect(inbox.stdout).not.toMatch(new RegExp(`^${requestId} `, 'm'))
    const again = await medchain('patient', ['consent', 'deny', requestId])
    expect(again.code).toBe(1)
    expect(again.stderr).toContain(`Request ${requestId} is not pending`)
    expect(again.stderr).toContain(
      'docs: https://medchain.dev/reference/errors#unknownrequesterror',
    )
    const notNumber = await medchain('patient', ['consent', 'deny', 'three'])
    expect(notNumber.code).toBe(2)
  })

  it('exports the audit trail as FHIR AuditEvents, and prints it as a timeline', async () => {
    const [fhir, timeline] = await Promise.all([
      medchain('patient', ['audit', '--fhir']),
      medchain('doctor', ['audit', '--patient', address('patient')]),
    ])
    const bundle = JSON.parse(ok(fhir).stdout)
    expect(bundle).toMatchObject({ resourceType: 'Bundle', type: 'collection' })
    const events = bundle.entry.map((e: { resource: unknown }) => e.resource)
    expect(events.length).toBeGreaterThanOrEqual(6)
    for (const event of events) {
      expect(event.resourceType).toBe('AuditEvent')
      expect(() => validateFhirRecord(event)).not.toThrow()
    }
    for (const kind of [
      'registered',
      'record-anchored',
      'access-requested',
      'access-granted',
      'access-revoked',
    ])
      expect(ok(timeline).stdout).toContain(kind)
  })

  it('reports a wrong passphrase clearly', async () => {
    const r = await medchain('patient', ['record', 'read', '1'], { MEDCHAIN_PASSPHRASE: 'wrong' })
    expect(r.code).toBe(1)
    expect(r.stderr).toContain(
      'error: The keystore did not decrypt: wrong password, or the file was altered.',
    )
    expect(r.stderr).not.toMatch(/^\s+at /m)
  })
})
