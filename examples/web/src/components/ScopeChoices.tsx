import { recordScopes } from '../lib/categories.js'
import { scopeLabel } from '../lib/format.js'

/** Checkboxes for record categories (scopes 2-7). */
export function ScopeChoices(props: {
  legend: string
  name: string
  value: readonly number[]
  onChange: (scopes: number[]) => void
  describedBy?: string | undefined
}) {
  const toggle = (scope: number, on: boolean) =>
    props.onChange(on ? [...props.value, scope] : props.value.filter((s) => s !== scope))
  return (
    <fieldset className="choices" aria-describedby={props.describedBy}>
      <legend>{props.legend}</legend>
      {recordScopes.map((scope) => (
        <label key={scope} className="choice">
          <input
            type="checkbox"
            name={props.name}
            checked={props.value.includes(scope)}
            onChange={(e) => toggle(scope, e.target.checked)}
          />
          {scopeLabel(scope)}
        </label>
      ))}
    </fieldset>
  )
}
