#!/usr/bin/env node
// forge cannot download a native solc on these machines (no network beyond the npm registry), so
// forge uses this script as its compiler: it speaks solc's CLI for the two calls forge makes
// (`--version` and `--standard-json`) and delegates to the npm `solc` package (solc-js).
'use strict'
const fs = require('node:fs')
const path = require('node:path')
const solc = require('solc')

const args = process.argv.slice(2)

if (args.includes('--version')) {
  // forge parses the version out of this exact shape.
  process.stdout.write(
    `solc, the solidity compiler commandline interface\nVersion: ${solc.version()}\n`,
  )
  process.exit(0)
}

if (!args.includes('--standard-json')) {
  process.stderr.write('solc wrapper: only --version and --standard-json are supported\n')
  process.exit(1)
}

// Roots an import may be read from: the base path, include paths and allowed paths forge passes.
const roots = []
for (let i = 0; i < args.length; i++) {
  const flag = args[i]
  if (flag === '--base-path' || flag === '--include-path') roots.push(args[++i])
  else if (flag === '--allow-paths') roots.push(...args[++i].split(','))
}
const resolvedRoots = roots.filter(Boolean).map((root) => path.resolve(root))

function findImport(importPath) {
  const candidates = path.isAbsolute(importPath)
    ? [importPath]
    : [path.resolve(importPath), ...resolvedRoots.map((root) => path.resolve(root, importPath))]
  for (const candidate of candidates) {
    const allowed =
      resolvedRoots.length === 0 || resolvedRoots.some((root) => candidate.startsWith(root))
    if (allowed && fs.existsSync(candidate)) return { contents: fs.readFileSync(candidate, 'utf8') }
  }
  return { error: `File not found: ${importPath}` }
}

const input = fs.readFileSync(0, 'utf8')
process.stdout.write(solc.compile(input, { import: findImport }))
