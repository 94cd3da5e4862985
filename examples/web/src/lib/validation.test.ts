import { describe, expect, it } from 'vitest'
import {
  checkAddress,
  checkAge,
  checkDurationDays,
  checkExpiryDate,
  checkName,
  checkRequired,
  checkScopes,
  dateInputValue,
  fieldErrors,
} from './validation.js'

describe('checkAge', () => {
  it('accepts whole years', () => {
    expect(checkAge(' 42 ')).toEqual({ ok: true, value: 42 })
    expect(checkAge('0')).toEqual({ ok: true, value: 0 })
  })
  it.each(['forty-two', '4.5', '-3', '42y', '1e2'])('refuses %s with a sentence', (input) => {
    expect(checkAge(input)).toEqual({
      ok: false,
      message: 'Age must be a whole number of years, for example 42.',
    })
  })
  it('refuses empty and implausible ages', () => {
    expect(checkAge('')).toEqual({ ok: false, message: 'Enter your age in years.' })
    expect(checkAge('151')).toEqual({ ok: false, message: 'Age must be between 0 and 150 years.' })
  })
})

describe('checkAddress', () => {
  const valid = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8'
  it('accepts checksummed and single-case addresses', () => {
    expect(checkAddress(` ${valid} `)).toEqual({ ok: true, value: valid })
    expect(checkAddress(valid.toLowerCase()).ok).toBe(true)
  })
  it('says what an address looks like when it is malformed', () => {
    expect(checkAddress('0x1234')).toEqual({
      ok: false,
      message:
        '"0x1234" is not an account address: it must be 0x followed by 40 hexadecimal characters.',
    })
    expect(checkAddress('')).toMatchObject({
      ok: false,
      message: expect.stringContaining('Enter an account address'),
    })
  })
  it('catches a typo through the checksum', () => {
    const typo = `${valid.slice(0, -1)}c`
    expect(checkAddress(typo)).toEqual({
      ok: false,
      message: 'This address has a wrong checksum (a typo?). Copy it again from its owner.',
    })
  })
})

describe('checkExpiryDate', () => {
  const now = new Date(2026, 10, 25, 15, 0, 0)
  it('ends access at the end of the chosen day', () => {
    const checked = checkExpiryDate('2026-12-25', now)
    expect(checked).toEqual({ ok: true, value: new Date(2026, 11, 25, 23, 59, 59) })
  })
  it('accepts today (access until tonight)', () => {
    expect(checkExpiryDate('2026-11-25', now).ok).toBe(true)
  })
  it('refuses a date in the past', () => {
    expect(checkExpiryDate('2020-01-01', now)).toEqual({
      ok: false,
      message: 'The expiry date is in the past. Choose a date from today onwards.',
    })
    expect(checkExpiryDate('2026-11-24', now).ok).toBe(false)
  })
  it('refuses empty and impossible dates', () => {
    expect(checkExpiryDate('', now)).toEqual({
      ok: false,
      message: 'Choose the date the access ends.',
    })
    expect(checkExpiryDate('2027-02-30', now)).toEqual({
      ok: false,
      message: 'That is not a valid date.',
    })
  })
  it('dateInputValue round-trips with checkExpiryDate', () => {
    expect(dateInputValue(now, 30)).toBe('2026-12-25')
    expect(checkExpiryDate(dateInputValue(now, 30), now).ok).toBe(true)
  })
})

describe('other fields', () => {
  it('names, required text, durations and scopes', () => {
    expect(checkName('  Maria Lopez ')).toEqual({ ok: true, value: 'Maria Lopez' })
    expect(checkName(' ')).toEqual({ ok: false, message: 'Enter your name.' })
    expect(checkRequired('', 'your institution')).toEqual({
      ok: false,
      message: 'Enter your institution.',
    })
    expect(checkDurationDays('30')).toEqual({ ok: true, value: 30 })
    expect(checkDurationDays('0').ok).toBe(false)
    expect(checkDurationDays('three').ok).toBe(false)
    expect(checkScopes([5, 2])).toEqual({ ok: true, value: [2, 5] })
    expect(checkScopes([])).toEqual({
      ok: false,
      message: 'Choose at least one category of records.',
    })
  })
})

describe('fieldErrors', () => {
  it("gives each failed check's message and undefined for the ones that passed", () => {
    expect(fieldErrors({ name: checkName(' Maria '), age: checkAge('forty-two') })).toStrictEqual({
      name: undefined,
      age: 'Age must be a whole number of years, for example 42.',
    })
    expect(fieldErrors({ scopes: checkScopes([]), days: checkDurationDays('30') })).toStrictEqual({
      scopes: 'Choose at least one category of records.',
      days: undefined,
    })
  })
})
