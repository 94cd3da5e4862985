#!/usr/bin/env node
// Release check: the publishable packages AS PUBLISHED. Each is built, packed with `pnpm pack`
// (which swaps in `publishConfig`: dist files instead of the workspace's TypeScript sources), and
// the tarball is checked by publint (--strict: warnings fail too) and by @arethetypeswrong/cli.
// Prints one line per check and ends with `N passed, N failed` for scripts/test-all.mjs.
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const root = new URL('../..', import.meta.url).pathname

const packages = [
  {
    name: '@medchain/sdk',
    dir: 'packages/sdk',
    // ESM only (see packages/sdk/tsup.config.ts): its dependencies are ESM-only, so there is no
    // CommonJS build. The `esm-only` profile skips the two resolutions an ESM-only package cannot
    // serve by design: TypeScript's legacy `node10` and `node16` from CommonJS (attw's TypeScript
    // predates require(esm)). Every other rule stays on for `node16` from ESM and `bundler`.
    attwArgs: ['--profile', 'esm-only'],
  },
  {
    name: '@medchain/contracts',
    dir: 'packages/contracts',
    // Dual ESM + CJS (it only needs viem, which ships both): checked with the strict profile.
    attwArgs: [],
  },
]

const results = []

function step(label, command, args, cwd) {
  console.log(`\n$ ${[command, ...args].join(' ')}   (${label})`)
  const result = spawnSync(command, args, { cwd, stdio: 'inherit' })
  return result.status === 0
}

function check(label, command, args, cwd) {
  const ok = step(label, command, args, cwd)
  results.push({ label, ok })
  return ok
}

const packDir = mkdtempSync(join(tmpdir(), 'medchain-pack-'))
try {
  for (const pkg of packages) {
    const cwd = join(root, pkg.dir)
    const destination = join(packDir, pkg.dir.replaceAll('/', '-'))
    // Build and pack are prerequisites: if either fails, count it and skip the lints.
    if (!check(`${pkg.name}: build`, 'pnpm', ['run', 'build'], cwd)) continue
    if (!check(`${pkg.name}: pack`, 'pnpm', ['pack', '--pack-destination', destination], cwd))
      continue
    const tarball = readdirSync(destination).find((file) => file.endsWith('.tgz'))
    if (!tarball) {
      results.push({ label: `${pkg.name}: pack produced no .tgz`, ok: false })
      continue
    }
    const tarballPath = join(destination, tarball)
    check(`${pkg.name}: publint`, 'pnpm', ['exec', 'publint', 'run', tarballPath, '--strict'], root)
    check(
      `${pkg.name}: attw`,
      'pnpm',
      ['exec', 'attw', tarballPath, '--no-emoji', '--no-color', ...pkg.attwArgs],
      root,
    )
  }
} finally {
  rmSync(packDir, { recursive: true, force: true })
}

const passed = results.filter((result) => result.ok).length
const failed = results.length - passed
console.log('\nRelease checks:')
for (const result of results) console.log(`  ${result.ok ? 'ok  ' : 'FAIL'} ${result.label}`)
console.log(`${passed} passed, ${failed} failed`)
process.exit(failed === 0 ? 0 : 1)
