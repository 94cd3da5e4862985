import react from '@vitejs/plugin-react'
import { defineConfig } from 'vitest/config'

// Component tests run in jsdom (per file, `// @vitest-environment jsdom`); the end-to-end test drives
// the production build in a real Chromium against anvil, so it gets long timeouts.
export default defineConfig({
  plugins: [react()],
  test: {
    name: 'example-web',
    include: ['src/**/*.test.{ts,tsx}', 'dev/**/*.test.ts', 'e2e/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 300_000,
  },
})
