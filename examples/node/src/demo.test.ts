import { execFile } from 'node:child_process'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { expect, it } from 'vitest'

// `pnpm demo` is the README's main command: run it as a user would and check the story it tells.
it('pnpm demo deploys, grants by relayed signature, revokes, and exits 0', async () => {
  const { stdout } = await promisify(execFile)('pnpm', ['exec', 'tsx', 'src/demo.ts'], {
    cwd: join(import.meta.dirname, '..'),
  })
  expect(stdout).toMatch(/MedChain deployed at 0x[0-9a-f]{40}/)
  expect(stdout).toContain('hasAccess(lab results) = true, hasAccess(prescriptions) = false')
  expect(stdout).toMatch(/patient revokes lab results +gas +\d+/)
  expect(stdout.trimEnd().split('\n').at(-1)).toMatch(/^7 transactions, \d+ gas in all/)
  expect(stdout).toContain('hasAccess(lab results) = false')
})
