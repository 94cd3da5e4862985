import type { Hash } from 'viem'

/** One mined transaction, as every MedChainClient write reports it. */
export type Sent = { transactionHash: Hash; gasUsed: bigint }

/**
 * What a MedChainClient write returns: its main transaction, and, for the calls that send several,
 * every transaction in send order (`transactions`).
 */
export type Written = Sent & { transactions?: readonly Sent[] }

type Row = { label: string; transactions: number; gas: bigint; ms: number }
const rows: Row[] = []

/**
 * Runs one client call that writes to the chain, then prints its label, transaction hash, gas and
 * time, and keeps it for the summary.
 *
 * Some SDK calls send more than their main transaction: the first record of a scope (or a
 * registration, or a revocation) also starts a scope-key epoch. The call lists them all in
 * `transactions`; the others are printed under the main one and their gas is counted.
 */
export async function runStep<result extends Written>(
  label: string,
  write: () => Promise<result>,
): Promise<result> {
  const started = performance.now()
  const result = await write()
  const ms = performance.now() - started

  const extra = (result.transactions ?? []).filter(
    (tx) => tx.transactionHash !== result.transactionHash,
  )
  const gas = extra.reduce((sum, tx) => sum + tx.gasUsed, result.gasUsed)
  rows.push({ label, transactions: 1 + extra.length, gas, ms })
  console.log(
    `  ✓ ${label.padEnd(42)} gas ${String(result.gasUsed).padStart(7)}  ${ms.toFixed(0).padStart(5)} ms  tx ${result.transactionHash}`,
  )
  for (const tx of extra)
    console.log(
      `    ${'+ scope-key rotation sent by the SDK'.padEnd(42)} gas ${String(tx.gasUsed).padStart(7)}  ${''.padStart(8)}  tx ${tx.transactionHash}`,
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
