import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import {
  type FhirRecord,
  resolveScope,
  scopeForResource,
  validateFhirRecord,
} from '@medchain/sdk/fhir'

/** A sample FHIR R4 record from `examples/node/fixtures/`, validated and mapped to its scope. */
export type SampleRecord = {
  file: string
  resource: FhirRecord
  /** The same parsed JSON, typed as `publishRecord` takes it (`RecordData`). */
  data: Record<string, unknown>
  scope: { id: number; name: string }
  bytes: number
}

const fixturesDir = join(import.meta.dirname, '..', '..', 'fixtures')

/** Reads a fixture, validates it as FHIR R4 and finds the MedChain scope it belongs in. */
export async function loadRecord(file: string): Promise<SampleRecord> {
  const text = await readFile(join(fixturesDir, file), 'utf8')
  const data = JSON.parse(text) as Record<string, unknown>
  const resource = validateFhirRecord(data)
  const { id, name } = resolveScope(scopeForResource(resource))
  return { file, resource, data, scope: { id, name }, bytes: new TextEncoder().encode(text).length }
}
