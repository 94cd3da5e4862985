#!/usr/bin/env node
// The one test command (README Quick start, .ci/run): every tier in order, then one plain line
// `N passed, N failed` summed over all of them. Each tier reports its own counts; a tier that
// crashes before reporting counts as one failure so a broken setup can never read as green.
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const root = new URL('..', import.meta.url).pathname
const contracts = join(root, 'packages/contracts')
const totals = { passed: 0, failed: 0 }
const tiers = []

function run(command, args, options = {}) {
  console.log(`\n$ ${[command, ...args].join(' ')}`)
  const started = performance.now()
  const result = spawnSync(command, args, {
    stdio: ['ignore', 'pipe', 'inherit'],
    encoding: 'utf8',
    maxBuffer: 1 << 28,
    ...options,
  })
  process.stdout.write(result.stdout ?? '')
  result.seconds = (performance.now() - started) / 1000
  return result
}

function record(tier, passed, reportedFailed, result) {
  // A tier that exits non-zero without reporting a failure (crash, build error) counts as one.
  const failed = reportedFailed === 0 && result.status !== 0 ? 1 : reportedFailed
  totals.passed += passed
  totals.failed += failed
  tiers.push(`${tier}: ${passed} passed, ${failed} failed (${result.seconds.toFixed(0)} s)`)
}

/** A tier that is one check: it passes when the command exits 0. */
function check(tier, command, args, options) {
  const result = run(command, args, options)
  record(tier, result.status === 0 ? 1 : 0, 0, result)
}

// 1. Solidity: unit, fuzz (10,000 runs) and invariant tests at the `ci` profile.
{
  const result = run('pnpm', ['exec', 'forge', 'test', '--no-match-path', 'test/gas/*'], {
    cwd: contracts,
    env: { ...process.env, FOUNDRY_PROFILE: 'ci' },
  })
  const summary = /(\d+) tests passed, (\d+) failed/.exec(result.stdout ?? '')
  record('forge test (ci profile)', Number(summary?.[1] ?? 0), Number(summary?.[2] ?? 0), result)
}

// 2. Contracts: the gas snapshot, coverage >= 95% lines / 90% branches, solhint, Slither (triaged).
check('gas snapshot check', 'pnpm', ['run', 'gas:check'], { cwd: contracts })
check('forge coverage', 'bash', ['scripts/analysis/coverage.sh'], { cwd: root })
check('solhint', 'bash', ['scripts/analysis/solhint.sh'], { cwd: root })
check('slither', 'bash', ['scripts/analysis/slither.sh'], { cwd: root })

// 3. Static checks on TypeScript: Biome (lint + format), strict tsc in every package.
check('biome check', 'pnpm', ['exec', 'biome', 'check', '.'], { cwd: root })
check(
  'tsc --noEmit (every package)',
  'pnpm',
  ['-r', '--workspace-concurrency=1', 'run', 'typecheck'],
  { cwd: root },
)

// 4. Kubo for the two-node IPFS tests: built once from the Go module proxy, then cached.
check('kubo install', 'bash', ['scripts/kubo/install.sh'], { cwd: root })

/**
 * A vitest run whose JSON report gives the tier's counts. `command`/`args` start vitest (through
 * pnpm, or through scripts/node22/run.sh for the Node 22 run); the reporter flags are added here.
 */
function vitestTier(tier, command, args) {
  const dir = mkdtempSync(join(tmpdir(), 'medchain-vitest-'))
  const reportFile = join(dir, 'report.json')
  const result = run(
    command,
    [...args, '--reporter=default', '--reporter=json', `--outputFile.json=${reportFile}`],
    { cwd: root },
  )
  let report = { numPassedTests: 0, numFailedTests: 0 }
  try {
    report = JSON.parse(readFileSync(reportFile, 'utf8'))
  } catch {
    // No report: the run crashed; record() counts the non-zero exit as a failure.
  }
  record(tier, report.numPassedTests, report.numFailedTests, result)
  rmSync(dir, { recursive: true, force: true })
}

// 5. TypeScript: every vitest project (packages, examples, docs) in one run.
vitestTier('vitest', 'pnpm', ['exec', 'vitest', 'run'])

// 6. Node 22 (from the npm registry, cached outside the workspace): the projects whose code runs
// on Node in production - the SDK (unit, integration on anvil + on-disk store, Kubo), the contracts'
// TypeScript, the shared test setup and the Node example. Left out: the SDK's browser test and the
// web example (their code runs in Chromium / jsdom, the Node version only hosts the harness) and
// the docs build (a static-site generator, not shipped code).
check('node 22 install', 'bash', ['scripts/node22/install.sh'], { cwd: root })
vitestTier('vitest on node 22', 'bash', [
  'scripts/node22/run.sh',
  'node',
  'node_modules/vitest/vitest.mjs',
  'run',
  ...['sdk', 'contracts', 'test-setup', 'example-node'].flatMap((name) => ['--project', name]),
  '--exclude',
  '**/test/browser/**',
])

// 7. Release readiness: the packages as published (build, pnpm pack, publint, attw), each check
// counted, and the SDK's browser size budgets (size-limit; packages/sdk/.size-limit.mjs).
{
  const result = run('node', ['scripts/release/check-packages.mjs'], { cwd: root })
  const summary = /(\d+) passed, (\d+) failed\s*$/.exec(result.stdout ?? '')
  record('release: publint + attw', Number(summary?.[1] ?? 0), Number(summary?.[2] ?? 0), result)
}
check('size-limit (SDK browser entries)', 'pnpm', ['run', 'size'], { cwd: root })

console.log('\nTiers:')
for (const line of tiers) console.log(`  ${line}`)
console.log(`${totals.passed} passed, ${totals.failed} failed`)
process.exit(totals.failed === 0 ? 0 : 1)
