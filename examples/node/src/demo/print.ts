import type { AuditEntry } from '@medchain/sdk'
import { MedChainError } from '@medchain/sdk'
import { type FhirRecord, medChainScopes } from '@medchain/sdk/fhir'
import type { Address } from 'viem'

/** A stage header: `── 1 · upload ── ...`. */
export function header(title: string, what: string): void {
  console.log(`\n── ${title} ${'─'.repeat(Math.max(3, 30 - title.length))}\n   ${what}`)
}

/** An indented line under a step. */
export function note(text: string): void {
  console.log(`    ${text}`)
}

type Observation = Extract<FhirRecord, { resourceType: 'Observation' }>

const scopeNames = new Map<number, string>(medChainScopes.map((s) => [s.id, s.name]))
export const scopeName = (id: number) => `${scopeNames.get(id) ?? 'scope'} (${id})`

/** One line of a lab result for a person. */
export function describeObservation(observation: Observation): string {
  const loinc = observation.code.coding?.find((c) => c.system === 'http://loinc.org')?.code
  const value = observation.valueQuantity
  const range = observation.referenceRange?.[0]
  const flag = observation.interpretation?.[0]?.coding?.[0]?.display
  return [
    `${observation.code.text ?? observation.code.coding?.[0]?.display}${loinc ? ` (LOINC ${loinc})` : ''}`,
    value ? `= ${value.value} ${value.unit}` : '',
    flag ? `[${flag}]` : '',
    range?.text ? `reference ${range.text},` : '',
    `${observation.status}, taken ${observation.effectiveDateTime?.slice(0, 10)}`,
  ]
    .filter(Boolean)
    .join(' ')
}

/** Prints an expected refusal: the typed error's name and its one-sentence message. */
export function refused(error: unknown): void {
  if (!(error instanceof MedChainError)) throw error
  console.log(`  ✗ refused: ${error.name}`)
  note(error.shortMessage)
}

/** Prints the audit timeline as a table, with role names for the demo's accounts. */
export function printTimeline(entries: readonly AuditEntry[], names: Record<string, string>): void {
  const who = (address: Address | undefined) =>
    address ? (names[address.toLowerCase()] ?? `${address.slice(0, 8)}…`) : '-'
  console.log(
    `  ${'#'.padStart(2)}  ${'kind'.padEnd(18)} ${'actor'.padEnd(8)} ${'counterpart'.padEnd(12)} ${'scopes'.padEnd(16)} tx`,
  )
  for (const [i, e] of entries.entries())
    console.log(
      `  ${String(i + 1).padStart(2)}  ${e.kind.padEnd(18)} ${who(e.actor).padEnd(8)} ${who(e.counterpart).padEnd(12)} ${(e.scopes.map((s) => scopeNames.get(s) ?? s).join(',') || '-').padEnd(16)} ${e.transactionHash}`,
    )
}

/** Prints an unexpected failure without a stack trace. */
export function printFailure(error: unknown): void {
  if (error instanceof MedChainError) {
    console.error(`\nThe demo failed: ${error.name}: ${error.shortMessage}`)
    for (const line of error.metaMessages ?? []) console.error(`  ${line}`)
    if (error.details) console.error(`  Details: ${error.details}`)
  } else
    console.error(`\nThe demo failed: ${error instanceof Error ? error.message : String(error)}`)
}
