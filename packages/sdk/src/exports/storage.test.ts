import { readFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { expect, test } from 'vitest'
import * as storage from './storage.js'

test('exports', () => {
  expect(Object.keys(storage).sort()).toMatchInlineSnapshot(`
    [
      "CidMismatchError",
      "ContentIntegrityError",
      "ContentNotFoundError",
      "InvalidCidError",
      "InvalidStorageInputError",
      "StorageAbortedError",
      "StorageUnavailableError",
      "UnsupportedContentError",
      "cidProfile",
      "computeCid",
      "createGatewayReader",
      "createKuboStore",
      "createMemoryStore",
      "createUnixfsStore",
      "createVerifiedBlockstore",
      "parseCid",
      "verifyBlock",
    ]
  `)
})

/** Follows the runtime imports of our own files from an entry; returns files and packages. */
function importGraph(entry: string): { files: string[]; packages: string[] } {
  const files = new Set<string>()
  const packages = new Set<string>()
  const visit = (file: string) => {
    if (files.has(file)) return
    files.add(file)
    const source = readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '') // drop TSDoc examples
    // runtime imports only (`import type` is erased)
    for (const [, specifier] of source.matchAll(
      /^(?:import|export)\s(?!type\s)[^'"]*?from\s+'([^']+)'/gm,
    )) {
      if (!specifier) continue
      if (specifier.startsWith('.'))
        visit(resolve(dirname(file), specifier.replace(/\.js$/, '.ts')))
      else packages.add(specifier)
    }
  }
  visit(entry)
  return { files: [...files], packages: [...packages].sort() }
}

test('the browser entry pulls in no Node-only module (the fs store lives in storage/node)', () => {
  const entry = join(dirname(fileURLToPath(import.meta.url)), 'storage.ts')
  const { files, packages } = importGraph(entry)
  expect(files.some((file) => file.endsWith('/storage/fsStore.ts'))).toBe(false)
  expect(packages.filter((name) => name.startsWith('node:') || name === 'blockstore-fs')).toEqual(
    [],
  )
  expect(packages).toMatchInlineSnapshot(`
    [
      "@helia/unixfs",
      "@noble/hashes/sha2.js",
      "blockstore-core/memory",
      "ipfs-unixfs-exporter",
      "ipfs-unixfs-importer",
      "ipfs-unixfs-importer/chunker",
      "ipfs-unixfs-importer/layout",
      "multiformats/bases/base32",
      "multiformats/cid",
    ]
  `)
})
