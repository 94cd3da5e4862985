/** Where every error's `docsPath` points: the errors page of the docs site. */
export const docsBaseUrl = 'https://medchain.dev'

/**
 * The options every {@link MedChainError} takes.
 *
 * @example
 * ```ts
 * import { MedChainError, type MedChainErrorParameters } from '@medchain/sdk'
 *
 * const parameters: MedChainErrorParameters = { docsPath: '/reference/errors#medchainerror' }
 * throw new MedChainError('Something failed.', parameters)
 * ```
 */
export type MedChainErrorParameters = {
  /** What went wrong in detail (for logs), beyond the one-line `shortMessage`. */
  details?: string | undefined
  /** Docs page and anchor (for example `/reference/errors#decryptionfailederror`). */
  docsPath?: string | undefined
  /** Further sentences: what to do next. */
  metaMessages?: string[] | undefined
  /** The error that caused this one. */
  cause?: unknown
}

/**
 * The root of every error the MedChain SDK throws. Catch it to handle any SDK failure; narrow with
 * `instanceof` or `error.name` on the typed subclasses.
 *
 * @example
 * ```ts
 * import { MedChainError } from '@medchain/sdk'
 *
 * try {
 *   await openEnvelope({ envelope, dataKey, context })
 * } catch (error) {
 *   if (error instanceof MedChainError) console.error(error.shortMessage, error.docsPath)
 * }
 * ```
 */
export class MedChainError extends Error {
  override name = 'MedChainError'
  /** One sentence for a person: what happened. */
  readonly shortMessage: string
  /** Detail for logs, or the cause's message. */
  readonly details: string
  /** Docs page and anchor that explains this error. */
  readonly docsPath: string | undefined
  /** Further sentences: what to do next. */
  readonly metaMessages: string[] | undefined

  constructor(shortMessage: string, parameters: MedChainErrorParameters = {}) {
    const { cause, docsPath, metaMessages } = parameters
    const details =
      parameters.details ??
      (cause instanceof MedChainError ? cause.details : cause instanceof Error ? cause.message : '')
    const message = [
      shortMessage,
      ...(metaMessages ? ['', ...metaMessages] : []),
      ...(docsPath ? ['', `Docs: ${docsBaseUrl}${docsPath}`] : []),
      ...(details ? ['', `Details: ${details}`] : []),
    ].join('\n')
    super(message, cause === undefined ? undefined : { cause })
    this.shortMessage = shortMessage
    this.details = details
    this.docsPath = docsPath
    this.metaMessages = metaMessages
  }

  /** Walks the `cause` chain and returns the first error `predicate` accepts, or this error. */
  walk(predicate?: (error: unknown) => boolean): unknown {
    let current: unknown = this
    while (current instanceof Error) {
      if (predicate?.(current)) return current
      if (!current.cause) return predicate ? undefined : current
      current = current.cause
    }
    return predicate ? undefined : current
  }
}

/** Builds the docs path of an error: its anchor on the errors reference page. */
export function errorDocsPath(errorName: string): string {
  return `/reference/errors#${errorName.toLowerCase()}`
}
