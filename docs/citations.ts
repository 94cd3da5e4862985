import { existsSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'

// Citations of repository files (and of test names in them) on the compliance pages, so that a
// test can check that each one is real. Syntax in Markdown: `path/to/file.test.ts` ("test name", ...).

const repoRoot = join(import.meta.dirname, '..')

/** A repository path cited in backticks, with the test names quoted after it: `path` ("a", "b"). */
export type Citation = { path: string; titles: string[] }

const citationPattern =
  /`((?:packages|examples|docs|scripts)\/[^`\s]+)`(?:\s*\(((?:"[^"]+"(?:,\s*)?)+)\))?/g

export function findCitations(markdown: string): Citation[] {
  return [...markdown.matchAll(citationPattern)].map(([, path, quoted]) => ({
    path: path!,
    titles: [...(quoted ?? '').matchAll(/"([^"]+)"/g)].map(([, title]) =>
      title!.replace(/\s+/g, ' '),
    ),
  }))
}

/** What is wrong with a citation: a missing file, or a quoted test name the file does not contain. */
export function citationProblems(citation: Citation, root = repoRoot): string[] {
  const file = join(root, citation.path)
  if (!existsSync(file)) return [`${citation.path} does not exist`]
  // A folder (`examples/node/src/cli/commands/`) can be cited, but test names only in a file.
  if (statSync(file).isDirectory())
    return citation.titles.length > 0 ? [`${citation.path} is a folder, not a test file`] : []
  const source = readFileSync(file, 'utf8')
  return citation.titles
    .filter((title) => !source.includes(title))
    .map((title) => `${citation.path} has no test named "${title}"`)
}
