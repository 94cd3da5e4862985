import { readdirSync, readFileSync, rmSync, statSync } from 'node:fs'
import { mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { medChainAbi } from '@medchain/contracts'
import { roleAccounts, startAnvil } from '@medchain/test'
import { createPublicClient, type HDAccount, http, toHex } from 'viem'
import { foundry } from 'viem/chains'
import { expect, it } from 'vitest'
import { deployToLocalChain, publishFirstRecord } from './snippets/getting-started.js'

const keyOf = (account: HDAccount) => toHex(account.getHdKey().privateKey!)

/** Every file under `dir`, for checking what the on-disk store holds. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    return statSync(path).isDirectory() ? filesUnder(path) : [path]
  })
}

// Runs the page's own code (docs/snippets/getting-started.ts) on a real anvil and a real on-disk store.
it('publishes a first record and reads back exactly what was published', async () => {
  const anvil = await startAnvil()
  const storagePath = await mkdtemp(join(tmpdir(), 'medchain-getting-started-'))
  try {
    const { admin, patient } = roleAccounts()
    const deployment = await deployToLocalChain(anvil.rpcUrl, keyOf(admin))
    const { published, read, anchor } = await publishFirstRecord({
      rpcUrl: anvil.rpcUrl,
      ...deployment,
      accountKey: keyOf(patient),
      storagePath,
    })

    expect(read).toEqual(published)
    expect(anchor.patient).toBe(patient.address)
    expect(anchor.scope).toBe(5) // an Observation files under lab results

    // The anchor is on chain: the patient's anchor count reached the record's seq.
    const chain = createPublicClient({ chain: foundry, transport: http(anvil.rpcUrl) })
    const count = await chain.readContract({
      address: deployment.address,
      abi: medChainAbi,
      functionName: 'anchorCount',
      args: [patient.address],
    })
    expect(count).toBe(anchor.seq)

    // The store in the folder holds ciphertext only: neither the record nor the profile in clear.
    const stored = filesUnder(storagePath)
    expect(stored.length).toBeGreaterThan(0)
    for (const file of stored) {
      const bytes = readFileSync(file).toString('latin1')
      expect(bytes).not.toContain('HbA1c')
      expect(bytes).not.toContain('Ada Lovelace')
    }
  } finally {
    await anvil.stop()
    rmSync(storagePath, { recursive: true, force: true })
  }
})

// The page walks through the snippet region by region, in this order.
it('the page shows every step of the snippet, in order', () => {
  const page = readFileSync(join(import.meta.dirname, 'getting-started.md'), 'utf8')
  const snippet = readFileSync(join(import.meta.dirname, 'snippets/getting-started.ts'), 'utf8')
  const included = [...page.matchAll(/^<<< @\/snippets\/getting-started\.ts#([\w-]+)/gm)].map(
    (match) => match[1],
  )
  expect(included).toEqual(['imports', 'deploy', 'client', 'register', 'publish', 'read'])
  for (const region of included) {
    expect(snippet).toContain(`// #region ${region}\n`)
    expect(snippet).toContain(`// #endregion ${region}\n`)
  }
})
