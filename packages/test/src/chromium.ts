import { accessSync, constants } from 'node:fs'

/**
 * Where the browser tests find Chromium: `$MEDCHAIN_CHROMIUM` if set, else Debian's
 * `/usr/bin/chromium` (what `.ci/run` installs with apt; Playwright cannot download browsers here).
 */
export function chromiumPath(): string {
  return process.env.MEDCHAIN_CHROMIUM || '/usr/bin/chromium'
}

/**
 * Flags for a quiet headless Chromium in CI (see TOOLCHAIN.md): no sandbox (CI runs as root), no
 * GPU, no QUIC, and none of the background traffic (sync, component updates) a fresh profile starts.
 */
export const chromiumArgs: readonly string[] = Object.freeze([
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
])

/** Returns the Chromium path, or throws an error that says how to install it. */
export function requireChromium(path: string = chromiumPath()): string {
  try {
    accessSync(path, constants.X_OK)
    return path
  } catch {
    throw new Error(
      `Chromium is not installed: no executable at ${path}. Install Debian's Chromium ` +
        '(apt-get update && apt-get install -y --no-install-recommends chromium), ' +
        'or set MEDCHAIN_CHROMIUM to a Chromium binary.',
    )
  }
}

/**
 * The part of playwright-core's `chromium` this needs. Taking it as a parameter keeps
 * playwright-core out of this package's dependencies: each browser test passes its own.
 */
export type ChromiumLauncher<browser> = {
  launch(options: { executablePath: string; headless: boolean; args: string[] }): Promise<browser>
}

/** A browser from {@link launchChromium}. */
export type LaunchedChromium<browser> = {
  browser: browser
  /** Closes the browser (its temporary profile goes with it). Calling it again is a no-op. */
  close(): Promise<void>
}

/**
 * Launches Debian's headless Chromium with {@link chromiumArgs}. Every launch gets a fresh
 * temporary profile (`--user-data-dir`), which Playwright creates and deletes on close itself: it
 * refuses a `--user-data-dir` flag in `launch`.
 *
 * @example
 * ```ts
 * import { chromium } from 'playwright-core'
 *
 * const { browser, close } = await launchChromium(chromium)
 * try {
 *   const page = await (await browser.newContext()).newPage()
 * } finally {
 *   await close()
 * }
 * ```
 */
export async function launchChromium<browser extends { close(): Promise<void> }>(
  launcher: ChromiumLauncher<browser>,
): Promise<LaunchedChromium<browser>> {
  const browser = await launcher.launch({
    executablePath: requireChromium(),
    headless: true,
    args: [...chromiumArgs],
  })
  let closed: Promise<void> | undefined
  return {
    browser,
    close: () => {
      closed ??= browser.close()
      return closed
    },
  }
}
