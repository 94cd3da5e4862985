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
  const result = spawnSync(command, args, {
    stdio: ['ignore', 'pipe', 'inherit'],
    encoding: 'utf8',
    maxBuffer: 1 << 28,
    ...options,
  })
  process.stdout.write(result.stdout ?? '')
  return result
}

function record(tier, passed, reportedFailed, exitStatus) {
  // A tier that exits non-zero without reporting a failure (crash, build error) counts as one.
  const failed = reportedFailed === 0 && exitStatus !== 0 ? 1 : reportedFailed
  totals.passed += passed
  totals.failed += failed
  tiers.push(`${tier}: ${passed} passed, ${failed} failed`)
}

// 1. Solidity: unit, fuzz (10,000 runs) and invariant tests at the `ci` profile.
{
  const result = run('pnpm', ['exec', 'forge', 'test', '--no-match-path', 'test/gas/*'], {
    cwd: contracts,
    env: { ...process.env, FOUNDRY_PROFILE: 'ci' },
  })
  const summary = /(\d+) tests passed, (\d+) failed/.exec(result.stdout ?? '')
  record(
    'forge test (ci profile)',
    Number(summary?.[1] ?? 0),
    Number(summary?.[2] ?? 0),
    result.status,
  )
}

// 2. Gas: the committed snapshot must match what the contracts cost now.
{
  const result = run('pnpm', ['run', 'gas:check'], { cwd: contracts })
  record('gas snapshot check', result.status === 0 ? 1 : 0, 0, result.status)
}

// 3. Static checks: Biome (lint + format) over the repo, strict tsc in every package that has a
//    typecheck script. Each counts as one check.
{
  const lint = run('pnpm', ['exec', 'biome', 'check', '.'], { cwd: root })
  record('biome check', lint.status === 0 ? 1 : 0, 0, lint.status)
  const typecheck = run('pnpm', ['-r', '--workspace-concurrency=1', 'run', 'typecheck'], { cwd: root })
  record('tsc --noEmit (every package)', typecheck.status === 0 ? 1 : 0, 0, typecheck.status)
}

// 4. TypeScript: every vitest project (packages and examples) in one run.
{
  const dir = mkdtempSync(join(tmpdir(), 'medchain-vitest-'))
  const reportFile = join(dir, 'report.json')
  const result = run(
    'pnpm',
    [
      'exec',
      'vitest',
      'run',
      '--reporter=default',
      '--reporter=json',
      `--outputFile.json=${reportFile}`,
    ],
    { cwd: root },
  )
  try {
    const report = JSON.parse(readFileSync(reportFile, 'utf8'))
    record('vitest', report.numPassedTests, report.numFailedTests, result.status)
  } catch {
    record('vitest', 0, 0, 1)
  }
  rmSync(dir, { recursive: true, force: true })
}

console.log('\nTiers:')
for (const line of tiers) console.log(`  ${line}`)
console.log(`${totals.passed} passed, ${totals.failed} failed`)
process.exit(totals.failed === 0 ? 0 : 1)
