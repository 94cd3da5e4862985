import { defineConfig } from 'tsup'

// ESM only. The runtime dependencies (@noble/* 2.x, multiformats, @helia/unixfs, blockstore-*) are
// ESM-only, so a CommonJS build could only run where Node can require() ES modules (>= 20.19 /
// 22.12), and there `require('@medchain/sdk')` loads this ESM build directly. A second CJS copy
// would add nothing but the dual-package hazard (two `MedChainError` classes, `instanceof` fails).
export default defineConfig({
  entry: {
    index: 'src/exports/index.ts',
    crypto: 'src/exports/crypto.ts',
    storage: 'src/exports/storage.ts',
    'storage-node': 'src/exports/storage-node.ts',
    fhir: 'src/exports/fhir.ts',
  },
  format: ['esm'],
  dts: true,
  sourcemap: true,
  clean: true,
  treeshake: true,
  target: 'es2022',
  // Keep `node:fs` as written: bare `fs` / `crypto` can be taken for npm polyfills by bundlers.
  removeNodeProtocol: false,
})
