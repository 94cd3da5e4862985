// TypeDoc plugin (docs/typedoc.json): names each SDK module after its import path. TypeDoc would
// name it after the entry file (src/exports/crypto.ts -> "crypto", index.ts -> "index").
import { Converter } from 'typedoc'

const importPaths = {
  index: '@medchain/sdk',
  crypto: '@medchain/sdk/crypto',
  storage: '@medchain/sdk/storage',
  'storage-node': '@medchain/sdk/storage/node',
  fhir: '@medchain/sdk/fhir',
}

/** @param {import('typedoc').Application} app */
export function load(app) {
  app.converter.on(Converter.EVENT_RESOLVE_BEGIN, (context) => {
    for (const module of context.project.children ?? []) {
      module.name = importPaths[module.name] ?? module.name
    }
  })
}
