import { describe, expect, it } from 'vitest'
import { newKeysSentence } from './newKeys.js'

describe('newKeysSentence', () => {
  it('counts the rotated categories, singular and plural, and says nothing when none rotated', () => {
    expect(newKeysSentence(1, 'your former custodian')).toBe(
      'Your 1 record category got new keys, so your former custodian cannot open records added from now on.',
    )
    expect(newKeysSentence(3, 'the former delegate')).toBe(
      'Your 3 record categories got new keys, so the former delegate cannot open records added from now on.',
    )
    expect(newKeysSentence(0, 'anyone')).toBe('')
  })
})
