import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { citationProblems, findCitations } from './citations.js'

const complianceDir = join(import.meta.dirname, 'compliance')

const pages = readdirSync(complianceDir).filter((name) => name.endsWith('.md'))

describe('the compliance pages cite real files and real tests', () => {
  it('finds the compliance pages', () => {
    expect(pages).toEqual(expect.arrayContaining(['hipaa.md', 'gdpr.md', 'not-solved.md']))
  })

  for (const page of pages) {
    it(`every path and test name cited in compliance/${page} exists`, () => {
      const citations = findCitations(readFileSync(join(complianceDir, page), 'utf8'))
      expect(citations.flatMap((citation) => citationProblems(citation))).toEqual([])
    })
  }

  it('maps each HIPAA technical safeguard, 164.312(a) to (e), to at least one test file', () => {
    const hipaa = readFileSync(join(complianceDir, 'hipaa.md'), 'utf8')
    for (const safeguard of ['a', 'b', 'c', 'd', 'e']) {
      const heading = `## 164.312(${safeguard})`
      const start = hipaa.indexOf(heading)
      expect(start, heading).toBeGreaterThanOrEqual(0)
      const next = hipaa.indexOf('\n## ', start + heading.length)
      const section = hipaa.slice(start, next < 0 ? undefined : next)
      const tests = findCitations(section).filter(({ path }) => /\.(test\.ts|t\.sol)$/.test(path))
      expect(tests.length, heading).toBeGreaterThan(0)
    }
  })

  it('reports a missing file and a missing test name (the check can fail)', () => {
    const [missingFile, missingTest] = findCitations(
      '`packages/sdk/src/no-such-file.test.ts` and `packages/sdk/src/keys/keys.test.ts` ("no such test")',
    )
    expect(citationProblems(missingFile!)).toEqual([
      'packages/sdk/src/no-such-file.test.ts does not exist',
    ])
    expect(citationProblems(missingTest!)).toEqual([
      'packages/sdk/src/keys/keys.test.ts has no test named "no such test"',
    ])
  })
})
