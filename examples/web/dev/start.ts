// `pnpm dev`: the whole web app on this machine. Starts a fresh local anvil with MedChain deployed,
// the development IPFS node, seeds demo users and records, writes the app's runtime config and
// serves the app with Vite's dev server (its development wallet signs with the anvil accounts).
// Ctrl-C stops everything it started.

import { mkdir, rm, writeFile } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { createServer, type ViteDevServer } from 'vite'
import { startWebStack, type WebStack } from './stack'

const webRoot = resolve(fileURLToPath(import.meta.url), '../..')
const repoRoot = resolve(webRoot, '../..')
const dataDir = join(repoRoot, '.medchain', 'web-dev')
const configFile = join(webRoot, 'public', 'medchain.config.json')

let stack: WebStack | undefined
let vite: ViteDevServer | undefined
let stopping: Promise<void> | undefined

function stop(): Promise<void> {
  stopping ??= (async () => {
    await vite?.close().catch((error: unknown) => console.error(error))
    await stack?.stop().catch((error: unknown) => console.error(error))
    // The config points at ports that are closed now.
    await rm(configFile, { force: true })
  })()
  return stopping
}

for (const signal of ['SIGINT', 'SIGTERM'] as const)
  process.once(signal, () => {
    console.log(`\n${signal}: stopping Vite, the storage node and anvil…`)
    void stop().then(() => process.exit(0))
  })

try {
  const started = performance.now()
  console.log('MedChain web: starting anvil and the storage node, seeding demo data…')
  // A fresh chain needs a fresh store: the seeded records of an earlier run are not on this chain.
  await rm(dataDir, { recursive: true, force: true })
  stack = await startWebStack({ seed: true, dataDir })
  await mkdir(join(webRoot, 'public'), { recursive: true })
  await writeFile(configFile, `${JSON.stringify(stack.config, null, 2)}\n`)

  vite = await createServer({ root: webRoot })
  await vite.listen()
  const appUrl = vite.resolvedUrls?.local[0] ?? `http://localhost:${vite.config.server.port}/`
  const { config, accounts, seed } = stack

  const roles: [string, string, string][] = [
    ['admin', accounts.admin.address, 'Administrator (verifies providers)'],
    ['doctor', accounts.doctor.address, `${seed?.doctor.name ?? 'Doctor'}, verified`],
    ['patient', accounts.patient.address, `${seed?.patient.name ?? 'Patient'}, 4 records`],
    [
      'otherDoctor',
      accounts.otherDoctor.address,
      `${seed?.otherDoctor.name ?? 'Second doctor'}, awaiting verification`,
    ],
    ['otherPatient', accounts.otherPatient.address, 'not registered yet (try registration)'],
    ['delegate', accounts.delegate.address, 'not registered'],
  ]
  console.log(`
MedChain web is ready (${((performance.now() - started) / 1000).toFixed(1)} s)

  App        ${appUrl}
  Chain      ${config.rpcUrl} (chain ${config.chainId}, anvil pid ${stack.anvilPid})
  Contract   ${config.contractAddress} (from block ${config.startBlock})
  Storage    ${config.storageUrl} (Kubo RPC API, blocks in ${stack.storageDir})
  Config     ${configFile}

  Development wallet accounts (anvil test keys: never use them on a real network)
${roles.map(([role, address, note]) => `    ${role.padEnd(13)} ${address}  ${note}`).join('\n')}

  Seeded: a pending request from ${seed?.doctor.name} for ${seed?.patient.name}'s test results.
  Press Ctrl-C to stop.
`)
} catch (error) {
  console.error('MedChain web could not start:', error)
  await stop()
  process.exit(1)
}
