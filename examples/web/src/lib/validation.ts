import { isAddress } from 'viem'

/** A field's check: the value to use, or a sentence saying what to fix. */
export type Checked<value> = { ok: true; value: value } | { ok: false; message: string }

const fail = (message: string) => ({ ok: false, message }) as const

/** A person's name: required, at most 200 characters. */
export function checkName(input: string): Checked<string> {
  const name = input.trim()
  if (name.length === 0) return fail('Enter your name.')
  if (name.length > 200) return fail('The name is too long: use at most 200 characters.')
  return { ok: true, value: name }
}

/** Age in whole years, 0 to 150. */
export function checkAge(input: string): Checked<number> {
  const text = input.trim()
  if (text.length === 0) return fail('Enter your age in years.')
  if (!/^\d+$/.test(text)) return fail('Age must be a whole number of years, for example 42.')
  const age = Number(text)
  if (age > 150) return fail('Age must be between 0 and 150 years.')
  return { ok: true, value: age }
}

/** A required free-text field (institution, credential reference). */
export function checkRequired(input: string, what: string): Checked<string> {
  const text = input.trim()
  if (text.length === 0) return fail(`Enter ${what}.`)
  if (text.length > 500) return fail(`The ${what} is too long: use at most 500 characters.`)
  return { ok: true, value: text }
}

/** An Ethereum address (checksummed or all one case). */
export function checkAddress(input: string): Checked<`0x${string}`> {
  const text = input.trim()
  if (text.length === 0)
    return fail('Enter an account address (0x followed by 40 hexadecimal characters).')
  if (!/^0x[0-9a-fA-F]{40}$/.test(text))
    return fail(
      `"${text.length > 50 ? `${text.slice(0, 50)}…` : text}" is not an account address: it must be 0x followed by 40 hexadecimal characters.`,
    )
  if (!isAddress(text))
    return fail('This address has a wrong checksum (a typo?). Copy it again from its owner.')
  return { ok: true, value: text as `0x${string}` }
}

/**
 * The expiry date of a grant from a date input (`YYYY-MM-DD`): access ends at the end of that day,
 * local time, which must be after `now`.
 */
export function checkExpiryDate(input: string, now: Date = new Date()): Checked<Date> {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(input.trim())
  if (!match) return fail('Choose the date the access ends.')
  const [, y, m, d] = match
  const end = new Date(Number(y), Number(m) - 1, Number(d), 23, 59, 59)
  if (Number.isNaN(end.getTime()) || end.getMonth() !== Number(m) - 1)
    return fail('That is not a valid date.')
  if (end.getTime() <= now.getTime())
    return fail('The expiry date is in the past. Choose a date from today onwards.')
  return { ok: true, value: end }
}

/** The value for a date input `days` days after `from` (local time). */
export function dateInputValue(from: Date, days = 0): string {
  const date = new Date(from.getFullYear(), from.getMonth(), from.getDate() + days)
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`
}

/** A duration in whole days, 1 to 3650. */
export function checkDurationDays(input: string): Checked<number> {
  const text = input.trim()
  if (!/^\d+$/.test(text) || Number(text) < 1)
    return fail('Duration must be a whole number of days, at least 1.')
  if (Number(text) > 3650) return fail('Ask for at most 3650 days (10 years).')
  return { ok: true, value: Number(text) }
}

/** At least one scope must be chosen. */
export function checkScopes(scopes: readonly number[]): Checked<number[]> {
  if (scopes.length === 0) return fail('Choose at least one category of records.')
  return { ok: true, value: [...scopes].sort((a, b) => a - b) }
}

/**
 * Each field's message, from its check: `undefined` where the check passed. The form shows these
 * next to the fields.
 *
 * @example
 * setErrors(fieldErrors({ scopes: checkScopes(scopes), days: checkDurationDays(days) }))
 */
export function fieldErrors<field extends string>(
  checks: Record<field, Checked<unknown>>,
): Record<field, string | undefined> {
  const errors = {} as Record<field, string | undefined>
  for (const field of Object.keys(checks) as field[]) {
    const check = checks[field]
    errors[field] = check.ok ? undefined : check.message
  }
  return errors
}
