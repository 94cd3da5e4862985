import { describe, expect, it } from 'vitest'
import { chromiumArgs, chromiumPath, requireChromium } from './chromium.js'

// launchChromium itself is exercised with the real browser by its users (the SDK's browser test,
// the web app's e2e harness), which pass playwright-core's `chromium`.
describe('requireChromium', () => {
  it('says how to install Chromium when the binary is missing', () => {
    expect(() => requireChromium('/nonexistent/chromium')).toThrow(
      /^Chromium is not installed: no executable at \/nonexistent\/chromium\. Install Debian's Chromium \(apt-get update && apt-get install -y --no-install-recommends chromium\)/,
    )
  })

  it("finds this machine's Chromium and runs it headless without a sandbox", () => {
    expect(requireChromium()).toBe(chromiumPath())
    expect(chromiumArgs).toEqual(expect.arrayContaining(['--headless', '--no-sandbox']))
  })
})
