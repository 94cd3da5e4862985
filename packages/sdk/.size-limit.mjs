// size-limit for the SDK in browsers (`pnpm size` at the root; a tier of scripts/test-all.mjs).
// Each entry is bundled from source by esbuild for the browser, minified and gzipped; tsup builds
// dist with the same esbuild, so the numbers match the published build.
//
// Not counted, and why:
// - viem: a peer of every dApp that uses the SDK; the app ships it anyway.
// - src/storage/fsStore.ts: the client's default on-disk store, reached only through a dynamic
//   import (src/client/lazyFsStore.ts) when no `storage` is passed, i.e. in Node. A bundler puts
//   it in a lazy chunk a browser never loads.
// - src/storage/filePublishJournal.ts: the default store's publish journal, reached the same way
//   (src/client/lazyFilePublishJournal.ts), Node only.
// - src/keys/naclBox.ts (with @noble/ciphers' XSalsa20-Poly1305): the browser NaCl box for keys
//   wrapped to a deprecated MetaMask legacy key, a dynamic import in src/keys/wrapKey.ts that only
//   such a wrap loads (Node uses @metamask/eth-sig-util instead).
// Counted: @noble/ciphers, curves and hashes. viem uses their 1.x versions and the SDK 2.x, so an
// app ships both copies.
//
// The target (issue #7) is 60 kB. `@medchain/sdk`, which every app imports, is measured whole
// (namespace import: no tree shaking in our favour); so is `/crypto`. A browser app picks one store
// from `/storage`, so each browser store is measured on its own (the in-memory store is for tests).
const viem = ['viem']
export default [
  {
    name: '@medchain/sdk (MedChainClient, every action and error)',
    path: 'src/exports/index.ts',
    import: '*',
    ignore: [
      ...viem,
      './src/storage/fsStore.ts',
      './src/storage/filePublishJournal.ts',
      './src/keys/naclBox.ts',
    ],
    gzip: true,
    limit: '60 kB',
  },
  {
    name: '@medchain/sdk/crypto (envelopes, HPKE key wrapping, key providers)',
    path: 'src/exports/crypto.ts',
    import: '*',
    ignore: [...viem, './src/keys/naclBox.ts'],
    gzip: true,
    limit: '60 kB',
  },
  {
    name: '@medchain/sdk/storage: createGatewayReader (read from any trustless gateway)',
    path: 'src/exports/storage.ts',
    import: '{ createGatewayReader }',
    ignore: viem,
    gzip: true,
    limit: '60 kB',
  },
  {
    name: '@medchain/sdk/storage: createKuboStore (a Kubo node or IPFS Cluster over its RPC API)',
    path: 'src/exports/storage.ts',
    import: '{ createKuboStore }',
    ignore: viem,
    gzip: true,
    limit: '60 kB',
  },
]
