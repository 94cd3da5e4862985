// House rule: every public export has TSDoc with an example. This reads the entry files with the
// TypeScript compiler, follows each export (value or type) to its declaration and fails on any
// without an `@example` tag, so a new export cannot ship undocumented.
import { fileURLToPath } from 'node:url'
import ts from 'typescript'
import { expect, it } from 'vitest'

const entries = ['index', 'crypto', 'storage', 'storage-node', 'fhir'].map((name) =>
  fileURLToPath(new URL(`./${name}.ts`, import.meta.url)),
)

it('every export of every entry has TSDoc with an @example', () => {
  const program = ts.createProgram(entries, {
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    target: ts.ScriptTarget.ES2022,
    noEmit: true,
  })
  const checker = program.getTypeChecker()
  const undocumented: string[] = []
  let exports = 0
  for (const entry of entries) {
    const module = checker.getSymbolAtLocation(program.getSourceFile(entry)!)!
    for (const symbol of checker.getExportsOfModule(module)) {
      exports++
      const target = symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol
      const documented = (target.declarations ?? []).some((declaration) =>
        ts.getJSDocTags(declaration).some((tag) => tag.tagName.text === 'example'),
      )
      if (!documented) undocumented.push(`${entry.replace(/.*\/src\//, 'src/')}: ${symbol.name}`)
    }
  }
  expect(exports).toBeGreaterThan(400) // the entries were read (a broken program reads none)
  expect(undocumented).toEqual([])
})
