import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { renderGeneratedContracts } from '../scripts/renderGeneratedContracts.ts'

const packageRoot = join(import.meta.dirname, '..')

describe('generated ABIs', () => {
  it('match what forge builds from the Solidity sources now', () => {
    execFileSync('pnpm', ['exec', 'forge', 'build'], { cwd: packageRoot, stdio: 'pipe' })
    const committed = readFileSync(join(packageRoot, 'ts/generated/contracts.ts'), 'utf8')
    expect(committed).toBe(renderGeneratedContracts(join(packageRoot, 'out')))
  })
})
