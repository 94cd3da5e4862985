import { errorDocsPath, MedChainError } from './base.js'

// Every error the FHIR module (`@medchain/sdk/fhir`) throws. Each has a `### Name` section under
// "## FHIR errors" in docs/reference/errors.md; `docsPath` points at it.

/** How many issues an {@link InvalidFhirResourceError} message lists before "and N more". */
const maxListedIssues = 20

/** Shortens an untrusted value for an error message. */
function printable(value: unknown): string {
  const text = typeof value === 'string' ? JSON.stringify(value) : String(value)
  return text.length > 80 ? `${text.slice(0, 77)}...` : text
}

/**
 * One problem found by `validateFhirRecord`: a FHIRPath-like location and what is wrong there.
 *
 * @example
 * ```ts
 * const issue: FhirIssue = { path: 'Observation.code', message: 'required' }
 * ```
 */
export type FhirIssue = {
  /** Where, FHIRPath-like: `Observation.code`, `Bundle.entry[2].resource.status`. */
  path: string
  /** What is wrong, for a person: `required`, `must be one of …`. */
  message: string
}

/**
 * `InvalidFhirResourceError` narrowed by its `name`, for `ErrorType` unions (viem style).
 *
 * @example
 * ```ts
 * function describe(error: InvalidFhirResourceErrorType) {
 *   return error.issues.map((issue) => `${issue.path}: ${issue.message}`)
 * }
 * ```
 */
export type InvalidFhirResourceErrorType = InvalidFhirResourceError & {
  name: 'InvalidFhirResourceError'
}

/**
 * A record is not a structurally valid FHIR R4 resource (or Bundle) of the shape MedChain checks:
 * a required element is missing, a code is not in its required value set, a date is malformed,
 * attachment data is not base64, and so on. `issues` lists every problem found.
 *
 * @example
 * ```ts
 * import { InvalidFhirResourceError, validateFhirRecord } from '@medchain/sdk/fhir'
 *
 * try {
 *   validateFhirRecord({ resourceType: 'Observation', status: 'final' })
 * } catch (error) {
 *   if (error instanceof InvalidFhirResourceError)
 *     for (const issue of error.issues) console.error(`${issue.path}: ${issue.message}`)
 * }
 * ```
 */
export class InvalidFhirResourceError extends MedChainError {
  override name = 'InvalidFhirResourceError'
  /** The `resourceType` of the record (or `unknown`). */
  readonly resourceType: string
  /** Every problem found, in document order. */
  readonly issues: readonly FhirIssue[]

  constructor({ resourceType, issues }: { resourceType: string; issues: readonly FhirIssue[] }) {
    const listed = issues.slice(0, maxListedIssues).map((i) => `- ${i.path}: ${i.message}`)
    if (issues.length > maxListedIssues)
      listed.push(`- and ${issues.length - maxListedIssues} more (see error.issues)`)
    super(
      `The record is not a valid FHIR R4 ${resourceType}: ${issues.length} problem${issues.length === 1 ? '' : 's'}.`,
      {
        docsPath: errorDocsPath('InvalidFhirResourceError'),
        metaMessages: [
          ...listed,
          'Fix each element listed above (see https://hl7.org/fhir/R4 for the resource), then encrypt the record again.',
        ],
      },
    )
    this.resourceType = resourceType
    this.issues = issues
  }
}

/**
 * `UnmappedResourceTypeError` narrowed by its `name`, for `ErrorType` unions (viem style).
 *
 * @example
 * ```ts
 * function describe(error: UnmappedResourceTypeErrorType) {
 *   return `no scope for ${error.resourceType}`
 * }
 * ```
 */
export type UnmappedResourceTypeErrorType = UnmappedResourceTypeError & {
  name: 'UnmappedResourceTypeError'
}

/**
 * No MedChain scope (seeded or custom) holds this FHIR resource type, so the SDK cannot tell which
 * scope key should encrypt the record.
 *
 * @example
 * ```ts
 * import { scopeForResource, UnmappedResourceTypeError } from '@medchain/sdk/fhir'
 *
 * try {
 *   scopeForResource({ resourceType: 'AllergyIntolerance', patient: { reference: 'Patient/1' } })
 * } catch (error) {
 *   if (error instanceof UnmappedResourceTypeError) console.error(error.resourceType)
 * }
 * ```
 */
export class UnmappedResourceTypeError extends MedChainError {
  override name = 'UnmappedResourceTypeError'
  /** The resource type that has no scope. */
  readonly resourceType: string
  /** Where the resource is (`AllergyIntolerance`, or `Bundle.entry[3].resource`). */
  readonly path: string

  constructor({ resourceType, path }: { resourceType: string; path?: string | undefined }) {
    const where = path && path !== resourceType ? ` (at ${path})` : ''
    super(`No MedChain scope holds FHIR resource type ${printable(resourceType)}${where}.`, {
      docsPath: errorDocsPath('UnmappedResourceTypeError'),
      metaMessages: [
        'Pass `scope` (a seeded scope name or id, or a custom scope) to choose the scope yourself,',
        'or pass `customScopes` with a custom scope (id 8-255) whose `resourceTypes` lists this type.',
      ],
    })
    this.resourceType = resourceType
    this.path = path ?? resourceType
  }
}

/**
 * `ScopeConflictError` narrowed by its `name`, for `ErrorType` unions (viem style).
 *
 * @example
 * ```ts
 * function describe(error: ScopeConflictErrorType) {
 *   return error.entries.map((entry) => `${entry.path} → ${entry.scopeName}`)
 * }
 * ```
 */
export type ScopeConflictErrorType = ScopeConflictError & { name: 'ScopeConflictError' }

/**
 * One entry of a Bundle and the scope its resource type maps to (see {@link ScopeConflictError}).
 *
 * @example
 * ```ts
 * import { ScopeConflictError, type ScopeConflictEntry } from '@medchain/sdk/fhir'
 *
 * if (error instanceof ScopeConflictError)
 *   for (const entry of error.entries as ScopeConflictEntry[]) console.log(entry)
 * ```
 */
export type ScopeConflictEntry = {
  /** `Bundle.entry[1].resource` */
  path: string
  resourceType: string
  scope: number
  scopeName: string
}

/**
 * The entries of a Bundle map to different scopes. A record is encrypted under one scope key, so a
 * Bundle that mixes, say, diagnoses and lab results would reach everyone granted either scope.
 *
 * @example
 * ```ts
 * import { ScopeConflictError, scopeForResource } from '@medchain/sdk/fhir'
 *
 * try {
 *   scopeForResource(bundle)
 * } catch (error) {
 *   if (error instanceof ScopeConflictError) console.error(error.entries)
 * }
 * ```
 */
export class ScopeConflictError extends MedChainError {
  override name = 'ScopeConflictError'
  /** The first entry of each distinct scope found, in document order. */
  readonly entries: readonly ScopeConflictEntry[]

  constructor({ entries }: { entries: readonly ScopeConflictEntry[] }) {
    const list = entries.map((e) => `${e.path} (${e.resourceType} → ${e.scopeName})`).join(', ')
    super(`The Bundle's entries belong to different scopes: ${list}.`, {
      docsPath: errorDocsPath('ScopeConflictError'),
      metaMessages: [
        'Split the Bundle into one Bundle per scope,',
        'or pass `scope` to store it all under one scope (everyone granted that scope reads every entry).',
      ],
    })
    this.entries = entries
  }
}

/**
 * `UnknownScopeError` narrowed by its `name`, for `ErrorType` unions (viem style).
 *
 * @example
 * ```ts
 * function describe(error: UnknownScopeErrorType) {
 *   return `unknown scope ${error.scope}`
 * }
 * ```
 */
export type UnknownScopeErrorType = UnknownScopeError & { name: 'UnknownScopeError' }

/**
 * A scope name or id is neither a seeded MedChain scope (1-7) nor one of the custom scopes passed,
 * or a custom scope definition is malformed (id outside 8-255, empty or clashing name).
 *
 * @example
 * ```ts
 * import { resolveScope, UnknownScopeError } from '@medchain/sdk/fhir'
 *
 * try {
 *   resolveScope('allergies')
 * } catch (error) {
 *   if (error instanceof UnknownScopeError) console.error(error.scope)
 * }
 * ```
 */
export class UnknownScopeError extends MedChainError {
  override name = 'UnknownScopeError'
  /** The name or id that was asked for (or of the malformed custom scope). */
  readonly scope: string | number

  constructor({ scope, reason }: { scope: unknown; reason?: string | undefined }) {
    super(`Unknown MedChain scope ${printable(scope)}${reason ? `: ${reason}` : ''}.`, {
      docsPath: errorDocsPath('UnknownScopeError'),
      metaMessages: [
        'Use a seeded scope: profile (1), diagnoses (2), treatments (3), prescriptions (4), lab-results (5), imaging (6), documents (7),',
        'or pass the custom scope (id 8-255, added on chain by an administrator) in `customScopes`.',
      ],
    })
    this.scope = typeof scope === 'number' ? scope : String(scope)
  }
}

/**
 * `AttachmentIntegrityError` narrowed by its `name`, for `ErrorType` unions (viem style).
 *
 * @example
 * ```ts
 * function describe(error: AttachmentIntegrityErrorType) {
 *   return `${error.field} mismatch`
 * }
 * ```
 */
export type AttachmentIntegrityErrorType = AttachmentIntegrityError & {
  name: 'AttachmentIntegrityError'
}

/**
 * An attachment's data does not match its declared `size` or `hash` (SHA-1, base64, per FHIR
 * `Attachment.hash`): the file was altered, truncated or swapped after the DocumentReference was
 * made. No bytes were returned.
 *
 * @example
 * ```ts
 * import { AttachmentIntegrityError, extractAttachment } from '@medchain/sdk/fhir'
 *
 * try {
 *   extractAttachment(documentReference)
 * } catch (error) {
 *   if (error instanceof AttachmentIntegrityError) console.error(error.field, error.expected)
 * }
 * ```
 */
export class AttachmentIntegrityError extends MedChainError {
  override name = 'AttachmentIntegrityError'
  /** Which declared value did not match. */
  readonly field: 'size' | 'hash'
  /** The declared value (`size` in bytes, or the base64 SHA-1). */
  readonly expected: string
  /** The value computed from `data`. */
  readonly actual: string
  /** Where: `DocumentReference.content[0].attachment`. */
  readonly path: string

  constructor({
    field,
    expected,
    actual,
    path,
  }: {
    field: 'size' | 'hash'
    expected: string
    actual: string
    path: string
  }) {
    super(
      field === 'size'
        ? `${path}.size declares ${expected} bytes but the data has ${actual}.`
        : `${path}.hash (SHA-1) is ${expected} but the data hashes to ${actual}.`,
      {
        docsPath: errorDocsPath('AttachmentIntegrityError'),
        metaMessages: [
          'The file was altered or truncated after the DocumentReference was made: do not use it.',
          'Fetch the record again by its CID; if it still fails, ask the author to re-create the DocumentReference from the original file.',
        ],
      },
    )
    this.field = field
    this.expected = expected
    this.actual = actual
    this.path = path
  }
}
