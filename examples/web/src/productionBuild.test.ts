// The development wallet holds the public anvil test mnemonic: it must never ship. main.tsx imports
// it behind `if (import.meta.env.DEV)`; this test builds for production and searches every output
// file (scripts, styles, source maps) for its name and its mnemonic.
import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { buildWebApp } from '../e2e/harness/buildApp.js'

const devWalletName = 'MedChain Dev Wallet'
const mnemonic = 'test test test test test test test test test test test junk'

async function outputText(dir: string): Promise<Map<string, string>> {
  const files = new Map<string, string>()
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true }))
    if (entry.isFile()) {
      const path = join(entry.parentPath, entry.name)
      files.set(path, await readFile(path, 'utf8'))
    }
  return files
}

describe('production build', () => {
  it('contains the app but not the development wallet', { timeout: 180_000 }, async () => {
    // The strings searched for are the dev wallet's own (so the search cannot pass by a typo).
    const source = await readFile(new URL('./devWallet/devWallet.ts', import.meta.url), 'utf8')
    expect(source).toContain(devWalletName)
    expect(source).toContain(mnemonic)

    const files = await outputText(await buildWebApp())
    const all = [...files.values()].join('\n')
    expect(all).toContain('Sign in with your wallet')
    for (const [path, text] of files) {
      expect(text.includes(devWalletName), `${path} contains the dev wallet name`).toBe(false)
      expect(text.includes(mnemonic), `${path} contains the test mnemonic`).toBe(false)
    }
  })
})
