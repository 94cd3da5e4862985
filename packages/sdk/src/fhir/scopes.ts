import {
  type ScopeConflictEntry,
  ScopeConflictError,
  UnknownScopeError,
  UnmappedResourceTypeError,
} from '../errors/fhir.js'

/**
 * A MedChain scope: a category of records with its own scope key, identified on chain by a uint8.
 *
 * @example
 * ```ts
 * const labs: MedChainScope = {
 *   id: 5,
 *   name: 'lab-results',
 *   label: 'Test results',
 *   resourceTypes: ['Observation', 'DiagnosticReport'],
 * }
 * ```
 */
export type MedChainScope = {
  /** The on-chain scope id (1-7 seeded by the contract, 8-255 added by an administrator). */
  readonly id: number
  /** The name the contract emitted in `ScopeAdded` (`lab-results`). */
  readonly name: string
  /** A label for people (`Test results`). */
  readonly label: string
  /** FHIR R4 resource types whose records belong in this scope. */
  readonly resourceTypes: readonly string[]
}

/**
 * A scope an administrator added on chain (`addScope(id, name)`), as the SDK should know it.
 *
 * @example
 * ```ts
 * const allergies: CustomScope = { id: 8, name: 'allergies', resourceTypes: ['AllergyIntolerance'] }
 * ```
 */
export type CustomScope = {
  /** 8-255. */
  id: number
  /** The name from the `ScopeAdded` event; must not be a seeded scope's name. */
  name: string
  /** Defaults to `name`. */
  label?: string | undefined
  /** Resource types this scope holds. Only types no seeded scope holds are mapped automatically. */
  resourceTypes?: readonly string[] | undefined
}

/**
 * A scope given by name (`'imaging'`), by id (`6`), or as a scope object.
 *
 * @example
 * ```ts
 * import type { ScopeInput } from '@medchain/sdk/fhir'
 *
 * const scopes: ScopeInput[] = ['imaging', 5, { id: 42, name: 'dental' }]
 * ```
 */
export type ScopeInput = string | number | MedChainScope

/**
 * The seven scopes the MedChain contract seeds, with the FHIR R4 resource types each holds.
 *
 * | id | name | FHIR resource types |
 * |---|---|---|
 * | 1 | profile | Patient |
 * | 2 | diagnoses | Condition |
 * | 3 | treatments | Procedure, CarePlan |
 * | 4 | prescriptions | MedicationRequest |
 * | 5 | lab-results | Observation, DiagnosticReport |
 * | 6 | imaging | ImagingStudy (and DocumentReference whose attachments are all `application/dicom`) |
 * | 7 | documents | DocumentReference |
 *
 * @example
 * ```ts
 * import { medChainScopes } from '@medchain/sdk/fhir'
 *
 * for (const scope of medChainScopes) console.log(scope.id, scope.label, scope.resourceTypes.join(', '))
 * ```
 */
export const medChainScopes = [
  { id: 1, name: 'profile', label: 'Profile', resourceTypes: ['Patient'] },
  { id: 2, name: 'diagnoses', label: 'Diagnoses', resourceTypes: ['Condition'] },
  { id: 3, name: 'treatments', label: 'Treatments', resourceTypes: ['Procedure', 'CarePlan'] },
  { id: 4, name: 'prescriptions', label: 'Prescriptions', resourceTypes: ['MedicationRequest'] },
  {
    id: 5,
    name: 'lab-results',
    label: 'Test results',
    resourceTypes: ['Observation', 'DiagnosticReport'],
  },
  { id: 6, name: 'imaging', label: 'Imaging', resourceTypes: ['ImagingStudy'] },
  { id: 7, name: 'documents', label: 'Documents', resourceTypes: ['DocumentReference'] },
] as const satisfies readonly MedChainScope[]

/**
 * Resource types that often travel in a Bundle beside clinical entries (who, where, with what).
 * They do not decide a Bundle's scope: they follow the scope of the other entries.
 *
 * @example
 * ```ts
 * import { supportingResourceTypes } from '@medchain/sdk/fhir'
 *
 * supportingResourceTypes.includes('Practitioner') // true
 * ```
 */
export const supportingResourceTypes = [
  'Practitioner',
  'PractitionerRole',
  'Organization',
  'Location',
  'Encounter',
  'Medication',
  'Specimen',
  'Device',
  'Provenance',
] as const

const seededById = new Map<number, MedChainScope>(medChainScopes.map((s) => [s.id, s]))
const seededByName = new Map<string, MedChainScope>(medChainScopes.map((s) => [s.name, s]))

function checkCustomScope(custom: CustomScope): MedChainScope {
  const { id, name } = custom
  if (!Number.isInteger(id) || id < 8 || id > 255)
    throw new UnknownScopeError({ scope: id, reason: 'custom scope ids are integers 8-255' })
  if (typeof name !== 'string' || name.length === 0)
    throw new UnknownScopeError({ scope: id, reason: 'a custom scope needs a non-empty name' })
  if (seededByName.has(name))
    throw new UnknownScopeError({
      scope: name,
      reason: `custom scope ${id} reuses the name of seeded scope ${seededByName.get(name)?.id}`,
    })
  return {
    id,
    name,
    label: custom.label ?? name,
    resourceTypes: [...(custom.resourceTypes ?? [])],
  }
}

/**
 * Finds a scope by name or id among the seeded scopes and `customScopes`.
 *
 * @param scope - A name (`'lab-results'`), an id (`5`) or a scope object (returned as is once checked).
 * @param customScopes - Scopes an administrator added on chain (ids 8-255).
 * @returns The scope.
 * @throws {UnknownScopeError} When no scope has that name or id, or a custom scope is malformed.
 *
 * @example
 * ```ts
 * import { resolveScope } from '@medchain/sdk/fhir'
 *
 * resolveScope('imaging').id // 6
 * resolveScope(8, [{ id: 8, name: 'allergies' }]).name // 'allergies'
 * ```
 */
export function resolveScope(
  scope: ScopeInput,
  customScopes: readonly CustomScope[] = [],
): MedChainScope {
  const customs = customScopes.map(checkCustomScope)
  const key = typeof scope === 'object' && scope !== null ? scope.id : scope
  if (typeof key === 'number') {
    const found = seededById.get(key) ?? customs.find((s) => s.id === key)
    if (found) return found
  } else if (typeof key === 'string') {
    const found = seededByName.get(key) ?? customs.find((s) => s.name === key)
    if (found) return found
    // Also accept ids written as strings ('5'), as they come from forms and URLs.
    if (/^(0|[1-9][0-9]{0,2})$/.test(key)) return resolveScope(Number(key), customScopes)
  }
  throw new UnknownScopeError({ scope: key })
}

/**
 * The options of {@link scopeForResource}.
 *
 * @example
 * ```ts
 * const options: ScopeForResourceOptions = { scope: 'documents' }
 * ```
 */
export type ScopeForResourceOptions = {
  /** Store the record under this scope whatever its resource types (resolves Bundle conflicts). */
  scope?: ScopeInput | undefined
  /** Scopes an administrator added on chain; their `resourceTypes` map types no seeded scope holds. */
  customScopes?: readonly CustomScope[] | undefined
}

/**
 * Any object that may be a FHIR resource: what {@link scopeForResource} accepts before checking it.
 *
 * @example
 * ```ts
 * import type { FhirResourceLike } from '@medchain/sdk/fhir'
 *
 * const resource: FhirResourceLike = JSON.parse(text)
 * ```
 */
export type FhirResourceLike = { resourceType?: unknown; [key: string]: unknown }

function isDicomOnly(resource: FhirResourceLike): boolean {
  const content = resource.content
  if (!Array.isArray(content) || content.length === 0) return false
  return content.every((c) => {
    const type = (c as { attachment?: { contentType?: unknown } } | null)?.attachment?.contentType
    return (
      typeof type === 'string' && type.split(';')[0]?.trim().toLowerCase() === 'application/dicom'
    )
  })
}

function scopeOfType(
  resource: FhirResourceLike,
  customs: readonly MedChainScope[],
): MedChainScope | 'supporting' | undefined {
  const type = resource.resourceType
  if (typeof type !== 'string') return undefined
  if (type === 'DocumentReference' && isDicomOnly(resource)) return seededById.get(6)
  const seeded = medChainScopes.find((s) => (s.resourceTypes as readonly string[]).includes(type))
  if (seeded) return seeded
  const custom = customs.find((s) => s.resourceTypes.includes(type))
  if (custom) return custom
  if ((supportingResourceTypes as readonly string[]).includes(type)) return 'supporting'
  return undefined
}

/**
 * Tells which scope a FHIR record belongs in, so it is encrypted under that scope's key.
 *
 * A single resource maps by its type (see {@link medChainScopes}); a DocumentReference whose
 * attachments are all DICOM (`application/dicom`) goes to imaging. A Bundle maps to the one scope
 * all its entries map to (nested Bundles included); {@link supportingResourceTypes} such as
 * Practitioner or Medication follow the other entries. Pass `scope` to choose the scope yourself.
 *
 * @param resource - A FHIR R4 resource or Bundle (validate it first with `validateFhirRecord`).
 * @param options - `scope` to override the mapping, `customScopes` for scopes added on chain.
 * @returns The on-chain scope id.
 * @throws {UnmappedResourceTypeError} When a resource type maps to no scope.
 * @throws {ScopeConflictError} When a Bundle's entries map to different scopes.
 * @throws {UnknownScopeError} When `scope` names no known scope.
 *
 * @example
 * ```ts
 * import { scopeForResource } from '@medchain/sdk/fhir'
 *
 * scopeForResource({ resourceType: 'Observation', status: 'final', code: { text: 'HbA1c' } }) // 5
 * scopeForResource(mixedBundle, { scope: 'documents' }) // 7
 * ```
 */
export function scopeForResource(
  resource: { resourceType: string } | FhirResourceLike,
  options: ScopeForResourceOptions = {},
): number {
  const { customScopes = [] } = options
  if (options.scope !== undefined) return resolveScope(options.scope, customScopes).id
  const customs = customScopes.map(checkCustomScope)
  const root = resource as FhirResourceLike
  const rootType = typeof root.resourceType === 'string' ? root.resourceType : 'unknown'

  if (rootType !== 'Bundle') {
    const scope = scopeOfType(root, customs)
    if (scope === undefined || scope === 'supporting')
      throw new UnmappedResourceTypeError({ resourceType: rootType })
    return scope.id
  }

  const found: ScopeConflictEntry[] = []
  const seen = new Set<number>()
  let firstSupporting: { path: string; resourceType: string } | undefined
  const visit = (bundle: FhirResourceLike, prefix: string) => {
    const entries = Array.isArray(bundle.entry) ? bundle.entry : []
    for (const [index, entry] of (entries as unknown[]).entries()) {
      const child = (entry as { resource?: unknown } | null)?.resource as
        | FhirResourceLike
        | undefined
      if (!child || typeof child !== 'object') continue // e.g. a DELETE in a transaction
      const path = `${prefix}.entry[${index}].resource`
      const type = typeof child.resourceType === 'string' ? child.resourceType : 'unknown'
      if (type === 'Bundle') {
        visit(child, path)
        continue
      }
      const scope = scopeOfType(child, customs)
      if (scope === undefined) throw new UnmappedResourceTypeError({ resourceType: type, path })
      if (scope === 'supporting') {
        firstSupporting ??= { path, resourceType: type }
        continue
      }
      if (!seen.has(scope.id)) {
        seen.add(scope.id)
        found.push({ path, resourceType: type, scope: scope.id, scopeName: scope.name })
      }
    }
  }
  visit(root, 'Bundle')
  if (found.length > 1) throw new ScopeConflictError({ entries: found })
  const only = found[0]
  if (only) return only.scope
  throw new UnmappedResourceTypeError(
    firstSupporting ?? { resourceType: 'Bundle', path: 'Bundle (no entry with a resource)' },
  )
}
