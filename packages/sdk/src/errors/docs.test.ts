import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { MedChainError } from './base.js'

const errorsPage = readFileSync(
  new URL('../../../../docs/reference/errors.md', import.meta.url),
  'utf8',
)
// VitePress turns a heading into an anchor by lowercasing it; every docsPath is `#<lowercased name>`.
const anchors = new Set(
  [...errorsPage.matchAll(/^#{2,3} (\w+)$/gm)].map((match) => match[1]!.toLowerCase()),
)

const entries = {
  '@medchain/sdk': () => import('../exports/index.js'),
  '@medchain/sdk/crypto': () => import('../exports/crypto.js'),
  '@medchain/sdk/storage': () => import('../exports/storage.js'),
  '@medchain/sdk/storage/node': () => import('../exports/storage-node.js'),
  '@medchain/sdk/fhir': () => import('../exports/fhir.js'),
}

describe('every exported error has a docs page anchor', () => {
  for (const [entry, load] of Object.entries(entries)) {
    it(entry, async () => {
      const errorNames = Object.entries(await load())
        .filter(
          ([, value]) =>
            value === MedChainError ||
            (typeof value === 'function' && value.prototype instanceof MedChainError),
        )
        .map(([name]) => name)
      const missing = errorNames.filter((name) => !anchors.has(name.toLowerCase()))
      expect(missing).toEqual([])
    })
  }

  it('finds the errors at all (the filter is not vacuous)', async () => {
    const { DecryptionFailedError, ContentIntegrityError } = await import('../exports/index.js')
    expect(anchors.has(DecryptionFailedError.name.toLowerCase())).toBe(true)
    expect(anchors.has(ContentIntegrityError.name.toLowerCase())).toBe(true)
  })
})
