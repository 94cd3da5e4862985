import type { Chain, Hash, PublicClient, TransactionReceipt, Transport } from 'viem'

const rows: { label: string; gas: bigint; ms: number }[] = []

/** Sends one transaction, waits for it, prints its hash, gas and time, and keeps it for the summary. */
export async function runStep(
  publicClient: PublicClient<Transport, Chain>,
  label: string,
  send: () => Promise<Hash>,
): Promise<TransactionReceipt> {
  const started = performance.now()
  const hash = await send()
  const receipt = await publicClient.waitForTransactionReceipt({ hash })
  const ms = performance.now() - started
  if (receipt.status !== 'success') throw new Error(`${label}: transaction ${hash} reverted`)
  rows.push({ label, gas: receipt.gasUsed, ms })
  console.log(
    `✓ ${label.padEnd(40)} gas ${String(receipt.gasUsed).padStart(7)}  ${ms.toFixed(0).padStart(4)} ms  tx ${hash}`,
  )
  return receipt
}

/** Prints the gas of every step and the total. */
export function printSummary(): void {
  const total = rows.reduce((sum, row) => sum + row.gas, 0n)
  console.log(
    `\n${rows.length} transactions, ${total} gas in all (full transaction gas, 21,000 base included).`,
  )
}
