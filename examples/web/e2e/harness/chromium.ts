// Debian's headless Chromium for the end-to-end tests: the launcher shared with the SDK's browser
// test (@medchain/test), given playwright-core's `chromium`.

import { launchChromium as launchWith } from '@medchain/test'
import { type Browser, chromium } from 'playwright-core'

/**
 * Launches headless Chromium (`/usr/bin/chromium`, CI flags, a fresh profile); throws a clear error
 * if Chromium is not installed.
 *
 * @example
 * ```ts
 * const { browser, close } = await launchChromium()
 * try {
 *   const context = await browser.newContext()
 * } finally {
 *   await close()
 * }
 * ```
 */
export function launchChromium(): Promise<{ browser: Browser; close(): Promise<void> }> {
  return launchWith(chromium)
}
