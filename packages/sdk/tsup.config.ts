import { defineConfig } from 'tsup'

export default defineConfig({
  entry: {
    index: 'src/exports/index.ts',
    crypto: 'src/exports/crypto.ts',
    storage: 'src/exports/storage.ts',
    'storage-node': 'src/exports/storage-node.ts',
    fhir: 'src/exports/fhir.ts',
  },
  format: ['esm', 'cjs'],
  dts: true,
  sourcemap: true,
  clean: true,
  treeshake: true,
  target: 'es2022',
})
