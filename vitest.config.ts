import { defineConfig } from 'vitest/config'

// One vitest run over every workspace package that has tests; each project keeps its own config.
export default defineConfig({
  test: {
    projects: [
      'packages/*/vitest.config.ts',
      'examples/*/vitest.config.ts',
      'docs/vitest.config.ts',
    ],
  },
})
