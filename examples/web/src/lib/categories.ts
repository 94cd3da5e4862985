/** The timeline's sections, in the order a clinician reads a chart. Scope ids are MedChain's. */
export const recordCategories = [
  { key: 'diagnoses', label: 'Diagnoses', scopes: [2] },
  { key: 'treatments', label: 'Treatments', scopes: [3] },
  { key: 'prescriptions', label: 'Prescriptions', scopes: [4] },
  { key: 'test-results', label: 'Test results', scopes: [5] },
  { key: 'imaging-documents', label: 'Imaging and documents', scopes: [6, 7] },
] as const

export type RecordCategory = (typeof recordCategories)[number]

/** Scopes a record of the app can be in (the profile, scope 1, is shown apart). */
export const recordScopes = [2, 3, 4, 5, 6, 7] as const

/**
 * Groups records by category, newest first within each; categories without records are kept (empty)
 * so the page can say "No prescriptions yet". Records of unknown scopes go to a last "Other" group.
 */
export function groupByCategory<record extends { scope: number; seq: bigint }>(
  records: readonly record[],
): { key: string; label: string; scopes: readonly number[]; records: record[] }[] {
  const groups = recordCategories.map((c) => ({
    key: c.key as string,
    label: c.label as string,
    scopes: c.scopes as readonly number[],
    records: [] as record[],
  }))
  const other = { key: 'other', label: 'Other', scopes: [] as number[], records: [] as record[] }
  for (const record of records) {
    const group = groups.find((g) => g.scopes.includes(record.scope))
    if (group) group.records.push(record)
    else if (record.scope !== 1) other.records.push(record)
  }
  for (const group of [...groups, other]) group.records.sort((a, b) => (a.seq > b.seq ? -1 : 1))
  return other.records.length > 0 ? [...groups, other] : groups
}
