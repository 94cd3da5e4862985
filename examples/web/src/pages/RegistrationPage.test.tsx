// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { offlineAuth } from '../testing.js'
import { RegistrationPage } from './RegistrationPage.js'

afterEach(cleanup)

describe('RegistrationPage', () => {
  it('refuses an age that is not a number, next to the field, without calling the chain', async () => {
    const onRegistered = vi.fn()
    render(<RegistrationPage auth={offlineAuth()} onRegistered={onRegistered} />)
    await userEvent.type(screen.getByLabelText('Full name'), 'Maria Lopez')
    await userEvent.type(screen.getByLabelText('Age (years)'), 'forty-two')
    await userEvent.click(screen.getByRole('button', { name: 'Register as a patient' }))
    const age = screen.getByLabelText('Age (years)')
    expect(age.getAttribute('aria-invalid')).toBe('true')
    const message = document.getElementById(age.getAttribute('aria-describedby')!)
    expect(message?.textContent).toBe('Age must be a whole number of years, for example 42.')
    expect(screen.queryByRole('status')).toBeNull()
    expect(onRegistered).not.toHaveBeenCalled()
  })

  it('says plainly what is public and what stays encrypted', () => {
    render(<RegistrationPage auth={offlineAuth()} onRegistered={() => {}} />)
    const aside = screen.getByRole('complementary', { name: 'What is public, what is not' })
    expect(aside.textContent).toContain('Your account address and your role')
    expect(aside.textContent).toContain('Your encryption public key')
    expect(aside.textContent).toContain('Your name and age: in an encrypted profile')
  })

  it('asks a provider for institution and credential; explains that administrators are appointed', async () => {
    render(<RegistrationPage auth={offlineAuth()} onRegistered={() => {}} />)
    await userEvent.click(screen.getByRole('radio', { name: 'Healthcare Provider' }))
    await userEvent.click(screen.getByRole('button', { name: 'Register as a provider' }))
    expect(screen.getByText('Enter your name.')).toBeTruthy()
    expect(screen.getByText('Enter your institution.')).toBeTruthy()
    expect(screen.getByText('Enter a credential reference (licence number).')).toBeTruthy()
    await userEvent.click(screen.getByRole('radio', { name: 'Administrator' }))
    expect(screen.getByText(/Administrators are not self-registered/)).toBeTruthy()
    expect(screen.queryByRole('button', { name: /Register/ })).toBeNull()
  })
})
