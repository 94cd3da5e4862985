#!/usr/bin/env node
// Generates the contracts' NatSpec reference for the docs site into docs/reference/contracts-api/
// (gitignored): `forge doc` (works offline: it parses the sources, no compiler) renders an mdBook
// into a temp folder, and this script brings its pages into VitePress:
// - one page per contract / interface, flattened to <Name>.md (IMedChainConsent.md, MedChain.md);
// - mdBook's root-relative links (/src/consent/X.sol/abstract.X.md#a) become ./X.md#a;
// - links forge doc resolved outside our sources (e.g. {Account} to forge-std's StdCheats) are
//   unlinked, and the NatSpec `{Name}` references it left as text are linked when Name is one of
//   our contracts or a heading (function, event, error, struct) on one of their pages;
// - an index page and sidebar.json (read by docs/.vitepress/referenceSidebar.ts).
// Run by `pnpm --filter @medchain/docs run reference` (before every docs build) and docs/build.test.ts.
import { spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, relative } from 'node:path'

const root = new URL('../..', import.meta.url).pathname
const contracts = join(root, 'packages/contracts')
const outDir = join(root, 'docs/reference/contracts-api')
const linkBase = '/reference/contracts-api'
const kindTitles = {
  interface: 'Interfaces',
  contract: 'Contracts',
  abstract: 'Abstract contracts',
}

function forgeDoc(bookDir) {
  const result = spawnSync('pnpm', ['exec', 'forge', 'doc', '--out', bookDir], {
    cwd: contracts,
    encoding: 'utf8',
  })
  if (result.status !== 0) {
    throw new Error(`forge doc failed (${result.status}):\n${result.stdout}\n${result.stderr}`)
  }
}

/** Every page forge doc wrote for our sources: `<dir>/<File>.sol/<kind>.<Name>.md`. */
function findPages(sourceDir) {
  const pages = []
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name)
      if (entry.isDirectory()) walk(path)
      const match = /^(contract|abstract|interface|library)\.(\w+)\.md$/.exec(entry.name)
      if (entry.isFile() && match) {
        const markdown = readFileSync(path, 'utf8')
        const headings = [...markdown.matchAll(/^#{2,4} (\w+)\s*$/gm)].map((m) => m[1])
        // The path mdBook links use, relative to the book's src folder.
        const bookPath = `/src/${relative(sourceDir, path)}`
        pages.push({ kind: match[1], name: match[2], bookPath, markdown, headings })
      }
    }
  }
  walk(sourceDir)
  return pages.sort((a, b) => a.name.localeCompare(b.name))
}

/** Where a NatSpec `{Symbol}` or `{Contract-member}` points, or undefined. */
function resolveSymbol(symbol, page, pages) {
  const [first, member] = symbol.split('-')
  const byName = pages.find((p) => p.name === first)
  if (byName && !member) return `./${byName.name}.md`
  if (byName?.headings.includes(member)) return `./${byName.name}.md#${member.toLowerCase()}`
  if (member) return undefined
  // A member: this page first, then an interface (where the NatSpec lives), then any page.
  const holders = pages.filter((p) => p.headings.includes(symbol))
  const holder =
    holders.find((p) => p === page) ?? holders.find((p) => p.kind === 'interface') ?? holders[0]
  return holder && `./${holder.name}.md#${symbol.toLowerCase()}`
}

function rewrite(page, pages) {
  const byBookPath = new Map(pages.map((p) => [p.bookPath, p]))
  return (
    page.markdown
      // mdBook links: to our pages -> relative page links; anywhere else (forge doc matched a
      // name in a library) -> resolved again among our pages, or plain text.
      .replace(/\[([^\]]+)\]\((\/[^)#]*)(#[^)]*)?\)/g, (_, text, path, anchor = '') => {
        const target = byBookPath.get(path)
        if (target) return `[${text}](./${target.name}.md${anchor})`
        const link = resolveSymbol(text, page, pages)
        return link ? `[${text}](${link})` : `\`${text}\``
      })
      // NatSpec {Symbol} references forge doc left unresolved (outside code blocks and spans).
      .replace(/(```[\s\S]*?```|`[^`\n]*`)|\{([\w-]+)\}/g, (_whole, code, symbol) => {
        if (code) return code
        const link = resolveSymbol(symbol, page, pages)
        return link ? `[${symbol}](${link})` : `\`${symbol}\``
      })
  )
}

function indexPage(pages) {
  const lines = [
    '# Contracts API',
    '',
    'Generated from the NatSpec in `packages/contracts/src` by `forge doc` on every docs build.',
    'Deploy `MedChain`; the interfaces declare every function, event, error and struct.',
  ]
  for (const [kind, title] of Object.entries(kindTitles)) {
    const ofKind = pages.filter((p) => p.kind === kind)
    if (ofKind.length === 0) continue
    lines.push('', `## ${title}`, '', ...ofKind.map((p) => `- [${p.name}](./${p.name}.md)`))
  }
  return `${lines.join('\n')}\n`
}

function sidebar(pages) {
  return [
    {
      text: 'Contracts API',
      link: `${linkBase}/`,
      collapsed: true,
      items: pages.map((p) => ({ text: p.name, link: `${linkBase}/${p.name}` })),
    },
  ]
}

const bookDir = mkdtempSync(join(tmpdir(), 'medchain-forge-doc-'))
try {
  forgeDoc(bookDir)
  const pages = findPages(join(bookDir, 'src/src'))
  if (!pages.some((p) => p.name === 'MedChain')) throw new Error('forge doc wrote no MedChain page')
  rmSync(outDir, { recursive: true, force: true })
  mkdirSync(outDir, { recursive: true })
  for (const page of pages) writeFileSync(join(outDir, `${page.name}.md`), rewrite(page, pages))
  writeFileSync(join(outDir, 'index.md'), indexPage(pages))
  writeFileSync(join(outDir, 'sidebar.json'), `${JSON.stringify(sidebar(pages), null, 2)}\n`)
  console.log(`contracts reference: ${pages.length} pages in ${relative(root, outDir)}`)
} finally {
  rmSync(bookDir, { recursive: true, force: true })
}
