import { describe, expect, it } from 'vitest'
import { groupByCategory } from './categories.js'

describe('groupByCategory', () => {
  it('puts records in the five sections, newest first, and keeps empty sections', () => {
    const records = [
      { scope: 5, seq: 2n },
      { scope: 4, seq: 3n },
      { scope: 5, seq: 7n },
      { scope: 7, seq: 4n },
      { scope: 6, seq: 5n },
      { scope: 1, seq: 1n },
    ]
    const groups = groupByCategory(records)
    expect(groups.map((g) => g.label)).toEqual([
      'Diagnoses',
      'Treatments',
      'Prescriptions',
      'Test results',
      'Imaging and documents',
    ])
    expect(groups.map((g) => g.records.map((r) => r.seq))).toEqual([
      [],
      [],
      [3n],
      [7n, 2n],
      [5n, 4n],
    ])
  })
  it('adds an Other section only for custom scopes', () => {
    const groups = groupByCategory([{ scope: 9, seq: 1n }])
    expect(groups.at(-1)).toMatchObject({ key: 'other', records: [{ scope: 9, seq: 1n }] })
  })
})
