// Turning command-line words into SDK arguments: addresses, scopes, purposes, numbers.
import { medChainScopes, purposeOfUseCodes, resolveScope } from '@medchain/sdk/fhir'
import { type Address, isAddress, isHex, keccak256, toHex } from 'viem'
import { UsageError } from './output.js'

/** Short names people type, mapped to MedChain's scope names. */
const scopeAliases: Record<string, string> = {
  labs: 'lab-results',
  lab: 'lab-results',
  tests: 'lab-results',
  docs: 'documents',
  conditions: 'diagnoses',
  medications: 'prescriptions',
}

/** `labs,prescriptions` or `5,4` -> `[5, 4]`. */
export function parseScopes(value: string | undefined, flag = '--scopes'): number[] {
  if (!value) throw new UsageError(`${flag} is required (for example ${flag} labs,prescriptions).`)
  return value.split(',').map((word) => parseScope(word.trim()))
}

export function parseScope(word: string): number {
  try {
    return resolveScope(scopeAliases[word.toLowerCase()] ?? word.toLowerCase()).id
  } catch {
    throw new UsageError(
      `Unknown scope '${word}'. Scopes: ${medChainScopes.map((s) => `${s.name} (${s.id})`).join(', ')}; also labs.`,
    )
  }
}

export const scopeName = (id: number) => medChainScopes.find((s) => s.id === id)?.name ?? String(id)

/** `treatment`, `TREAT`, `research` or `1` -> the on-chain purpose code. */
export function parsePurpose(value: string | undefined): number {
  const word = (value ?? 'treatment').trim().toLowerCase()
  if (/^[1-9][0-9]{0,2}$/.test(word)) return Number(word)
  for (const [id, { code, display }] of Object.entries(purposeOfUseCodes)) {
    const names = [
      code.toLowerCase(),
      display.toLowerCase(),
      display.toLowerCase().replace(/^healthcare /, ''),
    ]
    if (names.some((name) => name === word || name.replace(/ /g, '-') === word)) return Number(id)
  }
  throw new UsageError(
    `Unknown purpose '${value}'. Purposes: ${Object.values(purposeOfUseCodes)
      .map((p) => p.display.replace(/^healthcare /, '').replace(/ /g, '-'))
      .join(', ')}, or a number.`,
  )
}

export const purposeName = (id: number) => purposeOfUseCodes[id]?.display ?? String(id)

export function parseAddress(value: string | undefined, what: string): Address {
  if (!value) throw new UsageError(`Missing ${what} (a 0x address).`)
  if (!isAddress(value))
    throw new UsageError(`${what} '${value}' is not a 0x-prefixed 20-byte address.`)
  return value
}

export function parsePositiveInt(value: string | undefined, flag: string): number {
  if (value === undefined || !/^[1-9][0-9]*$/.test(value))
    throw new UsageError(`${flag} must be a positive whole number.`)
  return Number(value)
}

export function parseBigInt(value: string | undefined, what: string): bigint {
  if (value === undefined || !/^[0-9]+$/.test(value))
    throw new UsageError(`${what} must be a whole number.`)
  return BigInt(value)
}

/** A credential reference: a 32-byte hex value as given, anything else hashed (keccak256 of UTF-8). */
export function credentialRef(value: string): `0x${string}` {
  return isHex(value) && value.length === 66 ? value : keccak256(toHex(value))
}
