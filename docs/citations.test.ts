import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import { expect, it } from 'vitest'
import { citationProblems, findCitations } from './citations.js'

// Generated reference pages are checked by their generators, not here.
const generated = ['reference/api', 'reference/contracts-api']

function markdownPages(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    const page = relative(import.meta.dirname, path)
    if (name === 'node_modules' || name.startsWith('.') || generated.includes(page)) return []
    if (statSync(path).isDirectory()) return markdownPages(path)
    return name.endsWith('.md') ? [path] : []
  })
}

// Pages name source files and tests so that readers can check a claim; a renamed file must not
// leave a page pointing at nothing.
it('every repository path cited on a docs page exists', () => {
  const pages = markdownPages(import.meta.dirname)
  expect(pages.length).toBeGreaterThan(10)
  const problems = pages.flatMap((page) =>
    findCitations(readFileSync(page, 'utf8')).flatMap((citation) =>
      citationProblems(citation).map(
        (problem) => `${relative(import.meta.dirname, page)}: ${problem}`,
      ),
    ),
  )
  expect(problems).toEqual([])
})

// `<<< @/snippets/file.ts#region` shows one region of a snippet; a missing region would silently
// show nothing useful, so each one must exist with both markers.
it('every snippet region a docs page includes exists', () => {
  const includes = markdownPages(import.meta.dirname).flatMap((page) =>
    [...readFileSync(page, 'utf8').matchAll(/^<<< @\/(snippets\/[\w.-]+)#([\w-]+)/gm)].map(
      ([, file, region]) => ({
        page: relative(import.meta.dirname, page),
        file: file!,
        region: region!,
      }),
    ),
  )
  expect(includes.length).toBeGreaterThanOrEqual(15)
  const missing = includes.filter(({ file, region }) => {
    const source = readFileSync(join(import.meta.dirname, file), 'utf8')
    return (
      !source.includes(`// #region ${region}\n`) || !source.includes(`// #endregion ${region}\n`)
    )
  })
  expect(missing).toEqual([])
})
