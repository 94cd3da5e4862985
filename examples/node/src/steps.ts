import type { Chain, Hash, PublicClient, Transport } from 'viem'

/** What a MedChainClient write returns (every write action has at least these two fields). */
export type Written = { transactionHash: Hash; gasUsed: bigint }

type Row = { label: string; transactions: number; gas: bigint; ms: number }
const rows: Row[] = []

/**
 * Runs one client call that writes to the chain, then prints its label, transaction hash, gas and
 * time, and keeps it for the summary.
 *
 * Some SDK calls send more than the one transaction they return: the first record of a scope (or a
 * registration, or a revocation) also starts a scope-key epoch. The local chain mines one block per
 * transaction, so every block mined during the call belongs to it: those extra transactions are
 * printed too, and their gas is counted.
 */
export async function runStep<result extends Written>(
  publicClient: PublicClient<Transport, Chain>,
  label: string,
  write: () => Promise<result>,
): Promise<result> {
  const before = await publicClient.getBlockNumber({ cacheTime: 0 })
  const started = performance.now()
  const result = await write()
  const ms = performance.now() - started
  const after = await publicClient.getBlockNumber({ cacheTime: 0 })

  const extra: { hash: Hash; gas: bigint }[] = []
  for (let n = before + 1n; n <= after; n++) {
    const block = await publicClient.getBlock({ blockNumber: n })
    for (const hash of block.transactions) {
      if (hash === result.transactionHash) continue
      const receipt = await publicClient.getTransactionReceipt({ hash })
      extra.push({ hash, gas: receipt.gasUsed })
    }
  }
  const gas = extra.reduce((sum, tx) => sum + tx.gas, result.gasUsed)
  rows.push({ label, transactions: 1 + extra.length, gas, ms })
  console.log(
    `  ✓ ${label.padEnd(42)} gas ${String(result.gasUsed).padStart(7)}  ${ms.toFixed(0).padStart(5)} ms  tx ${result.transactionHash}`,
  )
  for (const tx of extra)
    console.log(
      `    ${'+ scope-key rotation sent by the SDK'.padEnd(42)} gas ${String(tx.gas).padStart(7)}  ${''.padStart(8)}  tx ${tx.hash}`,
    )
  return result
}

/** Prints one line with the totals of every step. */
export function printSummary(totalMs: number): void {
  const transactions = rows.reduce((sum, row) => sum + row.transactions, 0)
  const gas = rows.reduce((sum, row) => sum + row.gas, 0n)
  const stepMs = rows.reduce((sum, row) => sum + row.ms, 0)
  console.log(
    `${rows.length} steps, ${transactions} transactions, ${gas} gas in all (21,000 base per transaction included), ${stepMs.toFixed(0)} ms in steps, ${(totalMs / 1000).toFixed(1)} s in all.`,
  )
}
