import type { ReactNode } from 'react'
import { errorMessage } from '../lib/errorMessage.js'
import type { UploadProgress } from '../lib/publishProgress.js'
import type { useAction } from './useAction.js'

/** An error as a plain sentence (announced to screen readers). */
export function ErrorNote({ error }: { error: unknown }) {
  if (error === undefined || error === null) return null
  return (
    <p className="note note-error" role="alert">
      {typeof error === 'string' ? error : errorMessage(error)}
    </p>
  )
}

/** A success or information line (polite live region). */
export function InfoNote({
  children,
  tone = 'info',
}: {
  children: ReactNode
  tone?: 'info' | 'success'
}) {
  if (!children) return null
  return (
    <p className={`note note-${tone}`} role="status">
      {children}
    </p>
  )
}

/** A pending step: spinner and what is happening. */
export function Pending({ children }: { children: ReactNode }) {
  if (!children) return null
  return (
    <p className="pending" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" />
      {children}
    </p>
  )
}

/** The publish progress bar. */
export function ProgressBar({
  progress,
  label,
}: {
  progress: UploadProgress | undefined
  label: string
}) {
  if (!progress) return null
  const percent = Math.round(progress.fraction * 100)
  return (
    <div className="progress">
      <div
        className="progress-track"
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        aria-valuetext={`${percent}% - ${progress.label}`}
      >
        <div className="progress-fill" style={{ width: `${percent}%` }} />
      </div>
      <p className="progress-label" role="status">
        {progress.label}
      </p>
    </div>
  )
}

/** A field's validation message, tied to its input by id (aria-describedby). */
export function FieldError({ id, message }: { id: string; message: string | undefined }) {
  if (!message) return null
  return (
    <p className="field-error" id={id} role="alert">
      {message}
    </p>
  )
}

/**
 * What an action from `useAction` is doing, what it finished and what went wrong, in that order.
 *
 * @example
 * const action = useAction()
 * <ActionStatus action={action} />
 */
export function ActionStatus({
  action,
}: {
  action: Pick<ReturnType<typeof useAction>, 'pending' | 'done' | 'error'>
}) {
  return (
    <>
      <Pending>{action.pending}</Pending>
      <InfoNote tone="success">{action.done}</InfoNote>
      <ErrorNote error={action.error} />
    </>
  )
}
