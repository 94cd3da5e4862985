// What a web app imports from the SDK, for size-limit (packages/sdk/.size-limit.mjs): the client,
// crypto and browser storage entries, every export kept (a namespace import defeats tree shaking,
// so this is the upper bound). `@medchain/sdk/storage/node` is Node-only and not part of it.

import * as crypto from '../../packages/sdk/src/exports/crypto.ts'
import * as client from '../../packages/sdk/src/exports/index.ts'
import * as storage from '../../packages/sdk/src/exports/storage.ts'

console.log(client, crypto, storage)
