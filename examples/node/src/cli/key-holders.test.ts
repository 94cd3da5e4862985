// Delegates holding a patient's keys and the emergency custodian, through the CLI as users run it:
// a subprocess per command against a real anvil and a real on-disk store shared by every user.
import { mkdir, mkdtemp, readdir, rm, unlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { anvilAccount, type LocalMedChain, startLocalMedChain } from '@medchain/test'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ok, type Result, runMedchain, startMedchain } from './testing.js'

// Anvil accounts: `er` is a second verified provider (an emergency department), `custodian` a
// verified provider holding keys for emergencies (a hospital's break-glass key service).
const accountIndex = {
  admin: 0,
  doctor: 1,
  patient: 2,
  er: 3,
  other: 4,
  delegate: 5,
  custodian: 8,
} as const
type Role = keyof typeof accountIndex
const address = (role: Role) => anvilAccount(accountIndex[role]).address
/** Never registered: it has no encryption key to wrap keys to. */
const unregistered = anvilAccount(9).address

const observation = {
  resourceType: 'Observation',
  status: 'final',
  code: { text: 'HbA1c' },
  subject: { reference: 'Patient/ada' },
  valueQuantity: { value: 6.1, unit: '%' },
}
const docs = (error: string) => `docs: https://medchain.dev/reference/errors#${error.toLowerCase()}`

let local: LocalMedChain
let root: string

function medchain(role: Role, args: string[]): Promise<Result> {
  return runMedchain(args, { cwd: join(root, role), account: accountIndex[role] })
}

/** Every block file of the shared on-disk store. */
async function storeBlocks(): Promise<Set<string>> {
  const files = await readdir(join(root, 'store'), { recursive: true })
  return new Set(files.filter((f) => f.endsWith('.data')).map((f) => join(root, 'store', f)))
}

describe('medchain CLI: delegates with keys and emergency key release', () => {
  // Seven users, each set up by a few CLI processes: more than the default hook timeout on a busy
  // two-core machine.
  beforeAll(async () => {
    local = await startLocalMedChain()
    root = await mkdtemp(join(tmpdir(), 'medchain-cli-keys-'))
    const roles = Object.keys(accountIndex) as Role[]
    await Promise.all(roles.map((role) => mkdir(join(root, role))))
    for (const role of ['patient', 'other'] as const)
      await writeFile(join(root, role, 'hba1c.json'), JSON.stringify(observation))
    const flags = ['--rpc-url', local.anvil.rpcUrl, '--contract', local.medChain]
    const more = ['--start-block', local.startBlock.toString(), '--store', join(root, 'store')]
    for (const r of await Promise.all(
      roles.map((role) => medchain(role, ['init', ...flags, ...more])),
    ))
      ok(r)
    const provider = (role: Role, name: string) =>
      medchain(role, [
        'register',
        'provider',
        '--name',
        name,
        '--institution',
        'General Hospital',
        '--credential',
        `${role}-1`,
      ])
    const patient = (role: Role, name: string) =>
      medchain(role, ['register', 'patient', '--name', name, '--age', '40'])
    for (const r of await Promise.all([
      patient('patient', 'Ada'),
      patient('other', 'Grace'),
      patient('delegate', 'Parent of Ada'),
      provider('doctor', 'Dr. Hopper'),
      provider('er', 'Emergency Department'),
      provider('custodian', 'Break-glass key service'),
    ]))
      ok(r)
    for (const role of ['doctor', 'er', 'custodian'] as const)
      ok(await medchain('admin', ['verify', address(role)]))
    for (const r of await Promise.all([
      medchain('patient', ['record', 'publish', 'hba1c.json']),
      medchain('other', ['record', 'publish', 'hba1c.json']),
    ]))
      expect(ok(r).stdout).toMatch(/^seq {3}1$/m)
  }, 300_000)
  afterAll(async () => {
    await local?.stop()
    if (root) await rm(root, { recursive: true, force: true })
  })

  it('delegate add needs a registered account unless --no-keys', async () => {
    const refused = await medchain('patient', ['delegate', 'add', unregistered])
    expect(refused.code).toBe(1)
    expect(refused.stdout).toBe('')
    expect(refused.stderr).toContain(`error: ${unregistered} is not registered.`)
    expect(refused.stderr).toContain(docs('NotRegisteredError'))
    const consentOnly = ok(
      await medchain('patient', ['delegate', 'add', unregistered, '--no-keys']),
    )
    expect(consentOnly.stdout).toMatch(/^kind +caregiver$/m)
    expect(consentOnly.stdout).toMatch(/^envelope none$/m)
    expect(consentOnly.stderr).toContain('without keys')
  })

  it('a delegate with keys grants and revokes for the patient; the provider reads; removal rotates', async () => {
    const patient = address('patient')
    const added = ok(
      await medchain('patient', ['delegate', 'add', address('delegate'), '--kind', 'guardian']),
    )
    expect(added.stdout).toMatch(/^kind +guardian$/m)
    expect(added.stdout).toMatch(/^envelope baf[a-z0-9]+$/m)

    const grant = ok(
      await medchain('delegate', [
        'consent',
        'grant',
        address('doctor'),
        '--patient',
        patient,
        '--scopes',
        'labs',
        '--days',
        '7',
      ]),
    )
    expect(grant.stderr).toContain(`Granted ${address('doctor')} lab-results until`)
    const [doctorRead, delegateRead] = await Promise.all([
      medchain('doctor', ['record', 'read', '1', '--patient', patient]),
      medchain('delegate', ['record', 'read', '1', '--patient', patient]),
    ])
    expect(JSON.parse(ok(doctorRead).stdout)).toEqual(observation)
    expect(JSON.parse(ok(delegateRead).stdout)).toEqual(observation)

    const revoked = ok(
      await medchain('delegate', [
        'consent',
        'revoke',
        address('doctor'),
        '--patient',
        patient,
        '--scopes',
        'labs',
      ]),
    )
    expect(revoked.stdout).toMatch(/^scope lab-results now at epoch 2 {2}tx 0x[0-9a-f]{64}$/m)
    const cutOff = await medchain('doctor', ['record', 'read', '1', '--patient', patient])
    expect(cutOff.code).toBe(1)
    expect(cutOff.stderr).toContain(docs('ConsentRevokedError'))

    // It turns emergency access on and off for the patient; off rotates away from the custodian
    // (here the doctor: the key service below must not see this patient before the other one).
    const on = ok(
      await medchain('delegate', [
        'emergency',
        'enable',
        '--custodian',
        address('doctor'),
        '--patient',
        patient,
      ]),
    )
    expect(on.stdout).toMatch(/^envelope +baf[a-z0-9]+$/m)
    const off = ok(await medchain('delegate', ['emergency', 'disable', '--patient', patient]))
    expect(off.stdout).toMatch(/^scope lab-results now at epoch 3 {2}tx 0x[0-9a-f]{64}$/m)

    const removed = ok(await medchain('patient', ['delegate', 'remove', address('delegate')]))
    const txs = [...removed.stdout.matchAll(/^tx (0x[0-9a-f]{64})$/gm)]
    expect(txs).toHaveLength(1)
    const rotation = /^scope lab-results now at epoch 4 {2}tx (0x[0-9a-f]{64})$/m.exec(
      removed.stdout,
    )
    expect(rotation?.[1]).toBeDefined()
    expect(rotation?.[1]).not.toBe(txs[0]![1])
    expect(removed.stderr).toContain('cannot open records published from now on')

    const notDelegate = await medchain('delegate', [
      'consent',
      'grant',
      address('doctor'),
      '--patient',
      patient,
      '--scopes',
      'labs',
      '--days',
      '7',
    ])
    expect(notDelegate.code).toBe(1)
    expect(notDelegate.stderr).toContain(`is neither patient ${patient} nor one of its delegates`)
    expect(notDelegate.stderr).toContain(docs('UnauthorizedAccountError'))
  })

  it('emergency enable needs --custodian; break-glass access is refused until it is on', async () => {
    const patient = address('patient')
    const [notYet, noReason, noCustodian] = await Promise.all([
      medchain('er', ['emergency', 'access', patient, '--scopes', 'labs', '--reason', '1']),
      medchain('er', ['emergency', 'access', patient, '--scopes', 'labs']),
      medchain('patient', ['emergency', 'enable']),
    ])
    expect(notYet.code).toBe(1)
    expect(notYet.stderr).toContain(docs('EmergencyAccessDisabledError'))
    expect(noReason.code).toBe(2)
    expect(noReason.stderr).toContain('--reason must be a positive whole number')
    expect(noCustodian.code).toBe(2)
    expect(noCustodian.stdout).toBe('')
    expect(noCustodian.stderr).toContain('--custodian is required')

    // The other patient's custodian envelope is then lost from the store (a real fault of a real
    // disk), so that its release fails below and serve goes on with the next one: the custodian
    // lists its patients in the order they named it, so this one comes first.
    const before = await storeBlocks()
    ok(await medchain('other', ['emergency', 'enable', '--custodian', address('custodian')]))
    const lost = [...(await storeBlocks())].filter((file) => !before.has(file))
    expect(lost.length).toBeGreaterThan(0)
    await Promise.all(lost.map((file) => unlink(file)))

    const enabled = ok(
      await medchain('patient', ['emergency', 'enable', '--custodian', address('custodian')]),
    )
    expect(enabled.stdout).toMatch(new RegExp(`^custodian ${address('custodian')}$`, 'm'))
    expect(enabled.stdout).toMatch(/^envelope +baf[a-z0-9]+$/m)
    expect(enabled.stdout).toMatch(/^tx +0x[0-9a-f]{64}$/m)
    expect(enabled.stderr).toContain('Emergency access is on')
  })

  it('a provider breaks the glass: the custodian lists the requests, no one else can release', async () => {
    const patient = address('patient')
    const other = address('other')
    for (const who of [other, patient]) {
      const taken = ok(
        await medchain('er', ['emergency', 'access', who, '--scopes', 'labs', '--reason', '1']),
      )
      expect(taken.stderr).toContain(`Emergency access to lab-results of ${who} until 20`)
    }
    const [noKeys, table, json, notCustodian] = await Promise.all([
      medchain('er', ['record', 'read', '1', '--patient', patient]),
      medchain('custodian', ['emergency', 'requests']),
      medchain('custodian', ['emergency', 'requests', '--json']),
      medchain('doctor', ['emergency', 'release', patient, address('er')]),
    ])
    // On-chain access alone opens nothing: the keys come from the custodian.
    expect(noKeys.code).toBe(1)
    expect(noKeys.stderr).toContain(docs('ScopeKeyNotFoundError'))
    expect(ok(table).stdout).toMatch(/^PATIENT +PROVIDER +SCOPES +UNTIL$/m)
    for (const who of [other, patient])
      expect(table.stdout).toMatch(
        new RegExp(`^${who} +${address('er')} +lab-results +20\\d\\d-[0-9T:.-]+Z$`, 'm'),
      )
    const listed = JSON.parse(ok(json).stdout) as { patient: string; scopes: number[] }[]
    expect(listed.map((r) => r.patient).sort()).toEqual([other, patient].sort())
    expect(listed.map((r) => r.scopes)).toEqual([[5], [5]])
    expect(notCustodian.code).toBe(1)
    expect(notCustodian.stdout).toBe('')
    expect(notCustodian.stderr).toContain(
      `error: ${address('doctor')} is neither patient ${patient} nor one of its delegates`,
    )
    expect(notCustodian.stderr).toContain(docs('UnauthorizedAccountError'))
  })

  it('emergency serve --once releases each request, logs the one that fails, and the provider reads', async () => {
    const patient = address('patient')
    const other = address('other')
    const served = await medchain('custodian', ['emergency', 'serve', '--once'])
    expect(served.code).toBe(1)
    expect(served.stdout).toMatch(
      new RegExp(
        `^20\\S+ released lab-results of ${patient} to ${address('er')} \\(envelope baf[a-z0-9]+, tx 0x[0-9a-f]{64}\\)$`,
        'm',
      ),
    )
    expect(served.stdout.trim().split('\n')).toHaveLength(1)
    expect(served.stderr).toMatch(
      new RegExp(
        `^20\\S+ failed to release lab-results of ${other} to ${address('er')}: Block \\S+ was not found`,
        'm',
      ),
    )
    expect(served.stderr).toContain(docs('ContentNotFoundError'))
    expect(served.stderr).toContain('error: 1 of 2 releases failed.')

    const [read, left, audit] = await Promise.all([
      medchain('er', ['record', 'read', '1', '--patient', patient]),
      medchain('custodian', ['emergency', 'requests', '--json']),
      medchain('patient', ['audit']),
    ])
    expect(JSON.parse(ok(read).stdout)).toEqual(observation)
    expect(JSON.parse(ok(left).stdout).map((r: { patient: string }) => r.patient)).toEqual([other])
    for (const kind of [
      'emergency-access-updated',
      'emergency-access-used',
      'emergency-keys-released',
    ])
      expect(ok(audit).stdout).toContain(kind)
  })

  it('emergency serve keeps going past a failed release, answers new requests, stops on SIGTERM', async () => {
    const patient = address('patient')
    const service = startMedchain(['emergency', 'serve', '--interval', '1'], {
      cwd: join(root, 'custodian'),
      account: accountIndex.custodian,
    })
    try {
      await service.waitFor((o) => o.stderr.includes('failed to release'))
      // A new request while it runs: the doctor breaks the glass.
      ok(
        await medchain('doctor', [
          'emergency',
          'access',
          patient,
          '--scopes',
          'labs',
          '--reason',
          '2',
        ]),
      )
      await service.waitFor((o) =>
        o.stdout.includes(`released lab-results of ${patient} to ${address('doctor')}`),
      )
      // It went on after the failure: the lost envelope failed again on a later pass.
      await service.waitFor((o) => o.stderr.match(/failed to release/g)!.length >= 2)
    } finally {
      service.child.kill('SIGTERM')
    }
    expect(await service.exited).toEqual({ code: 0, signal: null })
    expect(service.output.stderr).toContain('SIGTERM: stopping after the release in progress.')
    expect(service.output.stderr).toMatch(/ Stopped\.\n$/)
    expect(
      JSON.parse(
        ok(await medchain('doctor', ['record', 'read', '1', '--patient', patient])).stdout,
      ),
    ).toEqual(observation)
  })

  it('emergency disable rotates every started scope away from the custodian; --no-rotate does not', async () => {
    const disabled = ok(await medchain('patient', ['emergency', 'disable']))
    expect(disabled.stderr).toContain('Emergency access is off. The former custodian cannot open')
    expect(disabled.stdout).toMatch(/^tx 0x[0-9a-f]{64}$/m)
    expect(disabled.stdout).toMatch(/^scope lab-results now at epoch 5 {2}tx 0x[0-9a-f]{64}$/m)
    const refused = await medchain('er', [
      'emergency',
      'access',
      address('patient'),
      '--scopes',
      'labs',
      '--reason',
      '1',
    ])
    expect(refused.code).toBe(1)
    expect(refused.stderr).toContain(docs('EmergencyAccessDisabledError'))

    const kept = ok(await medchain('other', ['emergency', 'disable', '--no-rotate']))
    expect(kept.stderr).toContain('Keys not rotated')
    expect(kept.stdout).not.toContain('now at epoch')
  })
})
