import { execFile } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, expect, it } from 'vitest'

const outDir = mkdtempSync(join(tmpdir(), 'medchain-docs-'))
afterAll(() => rmSync(outDir, { recursive: true, force: true }))

// VitePress fails the build on a dead internal link, so a green build is also the link check.
it('builds the docs site with no dead links', async () => {
  await promisify(execFile)('pnpm', ['exec', 'vitepress', 'build', '--outDir', outDir], {
    cwd: import.meta.dirname,
  })
  const errorsPage = readFileSync(join(outDir, 'reference/errors.html'), 'utf8')
  // Every SDK error points at an anchor on this page; the anchors are the lowercased error names.
  expect(errorsPage).toContain('id="medchainerror"')
  expect(errorsPage).toContain('id="decryptionfailederror"')
  expect(errorsPage).toContain('id="contentintegrityerror"')
})
