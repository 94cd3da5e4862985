import { medChainScopes, purposeOfUseCodes } from '@medchain/sdk/fhir'
import type { Address } from 'viem'

/** "3 March 2027": dates people read, in the app's fixed English locale. */
export function formatDate(date: Date): string {
  return date.toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric' })
}

/** "3 March 2027, 14:05". */
export function formatDateTime(date: Date): string {
  return `${formatDate(date)}, ${date.toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit' })}`
}

/** "0x70997970…79C8": enough of an address to recognise it. */
export function shortAddress(address: string): string {
  return address.length > 12 ? `${address.slice(0, 6)}…${address.slice(-4)}` : address
}

/** The label people see for a scope id ("Test results"), or "Category 9" for a custom one. */
export function scopeLabel(scope: number): string {
  return medChainScopes.find((s) => s.id === scope)?.label ?? `Category ${scope}`
}

/** The same label in lower case, for the middle of a sentence ("your test results"). */
export function scopeNoun(scope: number): string {
  return scopeLabel(scope).toLowerCase()
}

const singular: Record<number, string> = {
  1: 'profile',
  2: 'diagnosis',
  3: 'treatment',
  4: 'prescription',
  5: 'test result',
  6: 'imaging study',
  7: 'document',
}

/** One record of a scope, in a sentence: "a test result", "a prescription". */
export function scopeRecordNoun(scope: number): string {
  return singular[scope] ?? `${scopeNoun(scope)} record`
}

/** A list in prose: "test results and prescriptions". */
export function joinWords(words: readonly string[]): string {
  if (words.length <= 1) return words.join('')
  return `${words.slice(0, -1).join(', ')} and ${words.at(-1)}`
}

/** The purpose of a request, from its HL7 PurposeOfUse code. */
export function purposeLabel(purpose: number): string {
  const display = purposeOfUseCodes[purpose]?.display
  return display ? display.charAt(0).toUpperCase() + display.slice(1) : `Purpose code ${purpose}`
}

/** "30 days", "1 day", "12 hours" for a duration in seconds. */
export function formatDuration(seconds: bigint | number): string {
  const s = Number(seconds)
  const days = Math.round(s / 86_400)
  if (days >= 1) return days === 1 ? '1 day' : `${days} days`
  const hours = Math.max(1, Math.round(s / 3600))
  return hours === 1 ? '1 hour' : `${hours} hours`
}

/** Names for known accounts, so the audit trail says "Dr. Okafor" rather than an address. */
export type AddressBook = ReadonlyMap<string, string>

/** The name of an address from the book, or its short form. */
export function nameOf(address: Address | undefined, book: AddressBook): string {
  if (!address) return 'someone'
  return book.get(address.toLowerCase()) ?? shortAddress(address)
}
