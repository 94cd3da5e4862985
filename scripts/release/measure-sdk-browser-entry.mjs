#!/usr/bin/env node
// What the SDK's browser entry is made of: bundles scripts/release/sdk-browser-entry.js the way
// packages/sdk/.size-limit.mjs does (esbuild, browser, minified, viem and the lazy fsStore left
// out) and prints minified bytes per package from esbuild's metafile, largest first, with the
// whole bundle's min+gzip size. Run: `pnpm size:why` (or node scripts/release/measure-sdk-browser-entry.mjs).
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'

const root = new URL('../..', import.meta.url).pathname
// esbuild is a devDependency of the SDK (tsup uses it), not of the root.
const { build } = createRequire(join(root, 'packages/sdk/package.json'))('esbuild')

const result = await build({
  entryPoints: [join(root, 'scripts/release/sdk-browser-entry.js')],
  absWorkingDir: join(root, 'packages/sdk'),
  bundle: true,
  minify: true,
  format: 'esm',
  platform: 'browser',
  external: ['viem', './src/storage/fsStore.ts', './src/storage/filePublishJournal.ts'],
  metafile: true,
  write: false,
  outdir: 'out',
  logLevel: 'warning',
})

const [output] = Object.values(result.metafile.outputs)
const bundle = result.outputFiles[0].contents
const byPackage = new Map()
for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
  // node_modules/.pnpm/<id>/node_modules/<name>/... -> <name>; our own files -> @medchain/sdk (src/...)
  const match = /node_modules\/(?:\.pnpm\/[^/]+\/node_modules\/)?((?:@[^/]+\/)?[^/]+)/.exec(input)
  const name = match ? match[1] : `@medchain/${input.includes('contracts/') ? 'contracts' : 'sdk'}`
  byPackage.set(name, (byPackage.get(name) ?? 0) + bytesInOutput)
}

const total = bundle.byteLength
const kB = (bytes) => `${(bytes / 1000).toFixed(1)} kB`
console.log(`bundle: ${kB(total)} minified, ${kB(gzipSync(bundle).byteLength)} min+gzip`)
console.log('minified bytes by package (largest first):')
for (const [name, bytes] of [...byPackage].sort((a, b) => b[1] - a[1])) {
  if (bytes === 0) continue
  console.log(
    `  ${kB(bytes).padStart(9)}  ${((100 * bytes) / total).toFixed(1).padStart(5)} %  ${name}`,
  )
}
