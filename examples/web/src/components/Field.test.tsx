// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import { Field } from './Field.js'

afterEach(cleanup)

const described = (element: HTMLElement) =>
  document.getElementById(element.getAttribute('aria-describedby') ?? '')?.textContent

describe('Field', () => {
  it('labels the control and leaves it unmarked while there is no error or hint', () => {
    const { container } = render(
      <Field id="relationship" label="Relationship" className="grow">
        {(control) => (
          <select {...control}>
            <option>Caregiver</option>
          </select>
        )}
      </Field>,
    )
    const select = screen.getByLabelText('Relationship')
    expect(select.tagName).toBe('SELECT')
    expect(select.id).toBe('relationship')
    expect(select.hasAttribute('aria-invalid')).toBe(false)
    expect(select.hasAttribute('aria-describedby')).toBe(false)
    expect(container.firstElementChild?.className).toBe('field grow')
    expect(screen.queryByRole('alert')).toBeNull()
  })

  it('points the control at its hint, then at its error while there is one', () => {
    const view = (error?: string) => (
      <Field
        id="expiry"
        label="Access ends on"
        hint="Access stops at the end of that day."
        error={error}
      >
        {(control) => <input {...control} type="date" />}
      </Field>
    )
    const { rerender } = render(view())
    const input = screen.getByLabelText('Access ends on')
    expect(input.hasAttribute('aria-invalid')).toBe(false)
    expect(input.getAttribute('aria-describedby')).toBe('expiry-hint')
    expect(described(input)).toBe('Access stops at the end of that day.')

    rerender(view('Choose a date after today.'))
    expect(input.getAttribute('aria-invalid')).toBe('true')
    expect(input.getAttribute('aria-describedby')).toBe('expiry-error')
    expect(described(input)).toBe('Choose a date after today.')
    expect(screen.getByRole('alert').textContent).toBe('Choose a date after today.')
    // The hint stays visible beside the error.
    expect(document.getElementById('expiry-hint')?.textContent).toBe(
      'Access stops at the end of that day.',
    )
  })
})
