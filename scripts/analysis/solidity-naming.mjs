#!/usr/bin/env node
// OpenZeppelin's leading-underscore convention, which solhint's `private-vars-leading-underscore`
// cannot express (it also demands `_` on private constants, which OpenZeppelin and this codebase
// write in SCREAMING_SNAKE_CASE): private/internal state variables (not constants or immutables)
// and private/internal functions start with `_`; public/external ones do not.
// Parses with the @solidity-parser/parser that solhint ships.
//   node scripts/analysis/solidity-naming.mjs <solhint package dir> <file.sol>...
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'

const [solhintDir, ...files] = process.argv.slice(2)
const parser = createRequire(path.join(solhintDir, 'package.json'))('@solidity-parser/parser')

const problems = []
for (const file of files) {
  const ast = parser.parse(readFileSync(file, 'utf8'), { loc: true })
  parser.visit(ast, {
    ContractDefinition(contract) {
      if (contract.kind === 'library') return
      for (const node of contract.subNodes) {
        const check = (name, visibility, line, what) => {
          if (!name) return
          const hidden = visibility === 'private' || visibility === 'internal'
          if (name.startsWith('_') !== hidden) {
            problems.push(
              `${file}:${line} ${what} '${name}' (${visibility}) ${hidden ? 'should' : 'should not'} start with _`,
            )
          }
        }
        if (node.type === 'StateVariableDeclaration') {
          for (const v of node.variables) {
            if (v.isDeclaredConst || v.isImmutable) continue
            check(
              v.name,
              v.visibility === 'default' ? 'internal' : v.visibility,
              v.loc.start.line,
              'state variable',
            )
          }
        } else if (node.type === 'FunctionDefinition' && !node.isConstructor && node.name) {
          if (node.isFallback || node.isReceiveEther) continue
          check(node.name, node.visibility, node.loc.start.line, 'function')
        }
      }
    },
  })
}
for (const p of problems) console.error(p)
console.log(`naming: ${files.length} files, ${problems.length} problems`)
process.exit(problems.length ? 1 : 0)
