// The production build the end-to-end tests drive: `vite build` of examples/web, once per process.

import { rmSync } from 'node:fs'
import { mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { build } from 'vite'

/** examples/web */
export const webRoot = resolve(fileURLToPath(import.meta.url), '../../..')

let building: Promise<string> | undefined

/**
 * Builds the app with Vite in production mode the first time it is called in this process and
 * returns the output folder; later calls share that build. The output goes to a temporary folder
 * (removed when the process exits), so a test run never races a `vite build` into `dist/`.
 *
 * @example
 * ```ts
 * const dist = await buildWebApp()
 * const server = await serveStatic(dist, stack.config)
 * ```
 */
export function buildWebApp(): Promise<string> {
  building ??= (async () => {
    const outDir = await mkdtemp(join(tmpdir(), 'medchain-web-dist-'))
    process.once('exit', () => rmSync(outDir, { recursive: true, force: true }))
    await build({
      root: webRoot,
      logLevel: 'warn',
      mode: 'production',
      build: { outDir, emptyOutDir: true },
    })
    return outDir
  })()
  // A failed build is not kept: the next call tries again.
  building.catch(() => {
    building = undefined
  })
  return building
}
