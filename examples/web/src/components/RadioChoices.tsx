/**
 * A group of radio buttons under a legend: one choice of a small fixed set (a category, a mode, a
 * permission). `name` groups the buttons, so it must be unique on the page.
 *
 * @example
 * <RadioChoices
 *   legend="Permission"
 *   name="request-1-access"
 *   options={[['read', 'Read only'], ['write', 'Read and add records']]}
 *   value={access}
 *   onChange={setAccess}
 * />
 */
export function RadioChoices<value extends string>(props: {
  legend: string
  name: string
  /** `[value, label]` pairs, in the order shown. */
  options: readonly (readonly [value, string])[]
  value: value
  onChange: (value: value) => void
}) {
  return (
    <fieldset className="choices">
      <legend>{props.legend}</legend>
      {props.options.map(([value, label]) => (
        <label key={value} className="choice">
          <input
            type="radio"
            name={props.name}
            value={value}
            checked={props.value === value}
            onChange={() => props.onChange(value)}
          />
          {label}
        </label>
      ))}
    </fieldset>
  )
}
