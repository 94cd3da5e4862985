import react from '@vitejs/plugin-react'
import { defineConfig } from 'vite'

// The app reads its chain, contract and storage node from /medchain.config.json at runtime, so one
// production build serves any deployment (see src/config.ts).
export default defineConfig(({ command, mode }) => {
  // Vite derives `import.meta.env.DEV` from NODE_ENV, which a test runner sets to "test": a build
  // started from a test would then keep the development wallet and React's development build. A
  // production-mode build is a production build, whoever starts it.
  if (command === 'build' && mode === 'production') process.env.NODE_ENV = 'production'
  return {
    plugins: [react()],
    build: {
      target: 'es2022',
      sourcemap: true,
      // The SDK and viem are one ~1 MB chunk (340 kB gzipped); splitting it gains nothing here.
      chunkSizeWarningLimit: 1500,
    },
  }
})
