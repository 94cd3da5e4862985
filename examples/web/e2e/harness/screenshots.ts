// Where the end-to-end run saves its screenshots: the docs site serves them, and the README links
// to them there.

import { mkdirSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

/** `<repo>/docs/public/screenshots`. */
export const screenshotsDir = resolve(
  fileURLToPath(import.meta.url),
  '../../../../../docs/public/screenshots',
)

/**
 * The path of screenshot `name`: `<repo>/docs/public/screenshots/web-<name>.png` (the folder is
 * created if missing).
 *
 * @example
 * ```ts
 * await page.screenshot({ path: screenshotPath('patient'), fullPage: true })
 * ```
 */
export function screenshotPath(name: string): string {
  if (!/^[a-z0-9-]+$/.test(name))
    throw new Error(
      `screenshot name ${JSON.stringify(name)}: use lower-case letters, digits and dashes`,
    )
  mkdirSync(screenshotsDir, { recursive: true })
  return join(screenshotsDir, `web-${name}.png`)
}
