import type * as NodeCrypto from 'node:crypto'
import type * as NodeFs from 'node:fs/promises'

// How browser bundles stay free of `node:*`: nothing here imports a Node built-in statically.
// In Node (>= 20.16) `process.getBuiltinModule` hands the module over synchronously; on older
// Node 20 a dynamic import with a computed specifier is used, which bundlers (Vite/Rollup,
// esbuild/tsup, webpack) leave alone instead of trying to resolve or polyfill it. In a browser
// `globalThis.process` is absent, so neither path runs and the WebCrypto backends are used.

type NodeProcess = {
  versions?: { node?: string }
  getBuiltinModule?: (id: string) => unknown
}

function nodeProcess(): NodeProcess | undefined {
  const process = (globalThis as { process?: NodeProcess }).process
  return typeof process?.versions?.node === 'string' ? process : undefined
}

let forcedWeb = false

/**
 * Forces the WebCrypto backends even in Node. Internal: tests use it to check that the browser
 * path produces the same bytes as the Node path.
 */
export function setForceWebBackend(force: boolean): void {
  forcedWeb = force
  nodeCryptoPromise = undefined
}

async function loadBuiltin<T>(id: string): Promise<T | undefined> {
  const process = nodeProcess()
  if (!process) return undefined
  const builtin = process.getBuiltinModule?.(id)
  if (builtin) return builtin as T
  const specifier = id
  return (await import(/* @vite-ignore */ /* webpackIgnore: true */ specifier)) as T
}

let nodeCryptoPromise: Promise<typeof NodeCrypto | undefined> | undefined

/** `node:crypto` in Node, `undefined` in browsers (or when the web backend is forced). */
export function loadNodeCrypto(): Promise<typeof NodeCrypto | undefined> {
  if (forcedWeb) return Promise.resolve(undefined)
  nodeCryptoPromise ??= loadBuiltin<typeof NodeCrypto>('node:crypto')
  return nodeCryptoPromise
}

/** `node:crypto` synchronously when Node exposes `process.getBuiltinModule`, else `undefined`. */
export function nodeCryptoSync(): typeof NodeCrypto | undefined {
  if (forcedWeb) return undefined
  return nodeProcess()?.getBuiltinModule?.('node:crypto') as typeof NodeCrypto | undefined
}

/** `node:fs/promises` in Node, `undefined` elsewhere. */
export function loadNodeFs(): Promise<typeof NodeFs | undefined> {
  return loadBuiltin<typeof NodeFs>('node:fs/promises')
}

/**
 * Imports a package only in Node, with a computed specifier that bundlers leave alone (for packages
 * whose import graph needs Node built-ins, like @metamask/eth-sig-util). `undefined` elsewhere.
 */
export async function loadNodeOnlyPackage<T>(specifier: string): Promise<T | undefined> {
  if (forcedWeb || !nodeProcess()) return undefined
  const computed = specifier
  return (await import(/* @vite-ignore */ /* webpackIgnore: true */ computed)) as T
}
