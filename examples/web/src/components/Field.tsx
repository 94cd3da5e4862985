import type { ReactNode } from 'react'
import { FieldError } from './Feedback.js'

/** What a field's control must carry so its label, hint and error reach assistive technology. */
export type FieldControlProps = {
  id: string
  'aria-invalid': true | undefined
  'aria-describedby': string | undefined
}

/**
 * One form field: its label, the control, an optional hint and the validation message. The control
 * is rendered by `children` with the props that tie it to the label (`id`) and to the error or hint
 * (`aria-invalid`, `aria-describedby`; the error wins while there is one). The hint's id is
 * `${id}-hint`, the error's `${id}-error`.
 *
 * @example
 * <Field id="age" label="Age (years)" error={errors.age}>
 *   {(control) => (
 *     <input {...control} inputMode="numeric" value={age} onChange={(e) => setAge(e.target.value)} />
 *   )}
 * </Field>
 */
export function Field(props: {
  id: string
  label: ReactNode
  error?: string | undefined
  hint?: ReactNode
  /** Extra class names beside `field` (layout only, e.g. `grow`). */
  className?: string | undefined
  children: (control: FieldControlProps) => ReactNode
}) {
  const { id, error, hint } = props
  const hintId = `${id}-hint`
  const errorId = `${id}-error`
  const control: FieldControlProps = {
    id,
    'aria-invalid': error ? true : undefined,
    'aria-describedby': error ? errorId : hint ? hintId : undefined,
  }
  return (
    <div className={props.className ? `field ${props.className}` : 'field'}>
      <label htmlFor={id}>{props.label}</label>
      {props.children(control)}
      {hint && (
        <p className="hint" id={hintId}>
          {hint}
        </p>
      )}
      <FieldError id={errorId} message={error} />
    </div>
  )
}
