import { execFile } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import type { DefaultTheme } from 'vitepress'
import { afterAll, expect, it } from 'vitest'

const outDir = mkdtempSync(join(tmpdir(), 'medchain-docs-'))
afterAll(() => rmSync(outDir, { recursive: true, force: true }))

const exec = promisify(execFile)

/** Every link in a sidebar tree, depth first. */
function sidebarLinks(items: DefaultTheme.SidebarItem[]): string[] {
  return items.flatMap((item) => [
    ...(item.link ? [item.link] : []),
    ...sidebarLinks(item.items ?? []),
  ])
}

// The generated references (TypeDoc for the SDK, forge doc for the contracts) are written first,
// as `pnpm --filter @medchain/docs build` does. VitePress fails the build on a dead internal link,
// so a green build is also the link check, generated pages included.
it('generates the API references and builds the docs site with no dead links', async () => {
  await exec('pnpm', ['run', 'reference'], { cwd: import.meta.dirname })
  await exec('pnpm', ['exec', 'vitepress', 'build', '--outDir', outDir], {
    cwd: import.meta.dirname,
  })
  const errorsPage = readFileSync(join(outDir, 'reference/errors.html'), 'utf8')
  // Every SDK error points at an anchor on this page; the anchors are the lowercased error names.
  expect(errorsPage).toContain('id="medchainerror"')
  expect(errorsPage).toContain('id="decryptionfailederror"')
  expect(errorsPage).toContain('id="contentintegrityerror"')

  // TypeDoc: the client class page, with its TSDoc example and a bound action.
  const clientPage = readFileSync(
    join(outDir, 'reference/api/@medchain/sdk/classes/MedChainClient.html'),
    'utf8',
  )
  expect(clientPage).toContain('Class: MedChainClient')
  expect(clientPage).toContain('publishRecord')
  // forge doc: the consent interface page, with a function, an event and a custom error.
  const consentPage = readFileSync(
    join(outDir, 'reference/contracts-api/IMedChainConsent.html'),
    'utf8',
  )
  expect(consentPage).toContain('id="grantaccess"')
  expect(consentPage).toContain('id="accessgranted"')
  expect(consentPage).toContain('id="medchainconsentunknownscope"')

  // The sidebar entries are read from the generated sidebar files when the config loads.
  const { generatedReferenceItems } = await import('./.vitepress/referenceSidebar.js')
  expect(generatedReferenceItems.map((item) => item.text)).toEqual(['SDK API', 'Contracts API'])
  const links = sidebarLinks(generatedReferenceItems)
  expect(links).toContain('/reference/contracts-api/IMedChainConsent')
  expect(links.some((link) => link.endsWith('/@medchain/sdk/classes/MedChainClient.md'))).toBe(true)
}, 600_000)
