import { type FormEvent, useState } from 'react'
import { keccak256, stringToBytes } from 'viem'
import type { Auth } from '../App.js'
import { ErrorNote, FieldError, Pending } from '../components/Feedback.js'
import { useAction } from '../components/useAction.js'
import type { AccountKind } from '../lib/chainReads.js'
import { checkAge, checkName, checkRequired } from '../lib/validation.js'

type Category = 'patient' | 'provider' | 'administrator'

/** Registration: name, age and category; what goes on chain and what stays private, said plainly. */
export function RegistrationPage({
  auth,
  onRegistered,
}: {
  auth: Auth
  onRegistered: (kind: AccountKind) => void
}) {
  const [category, setCategory] = useState<Category>('patient')
  const [name, setName] = useState('')
  const [age, setAge] = useState('')
  const [institution, setInstitution] = useState('')
  const [credential, setCredential] = useState('')
  const [errors, setErrors] = useState<Record<string, string | undefined>>({})
  const action = useAction()
  const { client } = auth.medchain

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    const checkedName = checkName(name)
    if (category === 'patient') {
      const checkedAge = checkAge(age)
      setErrors({
        name: checkedName.ok ? undefined : checkedName.message,
        age: checkedAge.ok ? undefined : checkedAge.message,
      })
      if (!checkedName.ok || !checkedAge.ok) return
      const result = await action.run(
        'Registering: unlock your encryption key (your wallet asks you to sign twice), then confirm two transactions…',
        () =>
          client.registerPatient({ profile: { name: checkedName.value, age: checkedAge.value } }),
      )
      if (result) onRegistered('patient')
      return
    }
    const checkedInstitution = checkRequired(institution, 'your institution')
    const checkedCredential = checkRequired(credential, 'a credential reference (licence number)')
    setErrors({
      name: checkedName.ok ? undefined : checkedName.message,
      institution: checkedInstitution.ok ? undefined : checkedInstitution.message,
      credential: checkedCredential.ok ? undefined : checkedCredential.message,
    })
    if (!checkedName.ok || !checkedInstitution.ok || !checkedCredential.ok) return
    const result = await action.run(
      'Registering: unlock your encryption key (your wallet asks you to sign twice), then confirm the transaction…',
      () =>
        client.registerProvider({
          profile: {
            name: checkedName.value,
            institution: checkedInstitution.value,
            credential: checkedCredential.value,
            credentialRef: keccak256(stringToBytes(checkedCredential.value)),
          },
        }),
    )
    if (result) onRegistered('provider')
  }

  const described = (field: string) => (errors[field] ? `${field}-error` : undefined)

  return (
    <div className="stack">
      <h1>Create your MedChain account</h1>
      <div className="columns">
        <form className="card stack" onSubmit={submit} noValidate aria-labelledby="register-title">
          <h2 id="register-title">About you</h2>
          <fieldset className="choices">
            <legend>I am a</legend>
            {(
              [
                ['patient', 'Patient'],
                ['provider', 'Healthcare Provider'],
                ['administrator', 'Administrator'],
              ] as const
            ).map(([value, label]) => (
              <label key={value} className="choice">
                <input
                  type="radio"
                  name="category"
                  value={value}
                  checked={category === value}
                  onChange={() => setCategory(value)}
                />
                {label}
              </label>
            ))}
          </fieldset>

          {category === 'administrator' ? (
            <p className="note note-info">
              Administrators are not self-registered: an existing administrator appoints them on
              chain (the contract's verifier role), because they decide which providers may ask for
              health records. Ask your MedChain operator to appoint this account, then sign in
              again.
            </p>
          ) : (
            <>
              <div className="field">
                <label htmlFor="name">
                  {category === 'provider' ? 'Full name and title' : 'Full name'}
                </label>
                <input
                  id="name"
                  autoComplete="name"
                  value={name}
                  onChange={(e) => setName(e.target.value)}
                  aria-invalid={errors.name ? true : undefined}
                  aria-describedby={described('name')}
                />
                <FieldError id="name-error" message={errors.name} />
              </div>
              {category === 'patient' && (
                <div className="field">
                  <label htmlFor="age">Age (years)</label>
                  <input
                    id="age"
                    inputMode="numeric"
                    value={age}
                    onChange={(e) => setAge(e.target.value)}
                    aria-invalid={errors.age ? true : undefined}
                    aria-describedby={described('age')}
                  />
                  <FieldError id="age-error" message={errors.age} />
                </div>
              )}
              {category === 'provider' && (
                <>
                  <div className="field">
                    <label htmlFor="institution">Institution</label>
                    <input
                      id="institution"
                      autoComplete="organization"
                      value={institution}
                      onChange={(e) => setInstitution(e.target.value)}
                      aria-invalid={errors.institution ? true : undefined}
                      aria-describedby={described('institution')}
                    />
                    <FieldError id="institution-error" message={errors.institution} />
                  </div>
                  <div className="field">
                    <label htmlFor="credential">
                      Credential reference (licence or registration number)
                    </label>
                    <input
                      id="credential"
                      value={credential}
                      onChange={(e) => setCredential(e.target.value)}
                      aria-invalid={errors.credential ? true : undefined}
                      aria-describedby={described('credential')}
                    />
                    <FieldError id="credential-error" message={errors.credential} />
                  </div>
                </>
              )}
              <button type="submit" className="button" disabled={action.busy}>
                {category === 'provider' ? 'Register as a provider' : 'Register as a patient'}
              </button>
            </>
          )}
          <Pending>{action.pending}</Pending>
          <ErrorNote error={action.error} />
        </form>

        <aside className="card privacy" aria-labelledby="privacy-title">
          <h2 id="privacy-title">What is public, what is not</h2>
          <h3>Public, on the blockchain</h3>
          <ul>
            <li>Your account address and your role (patient or provider)</li>
            <li>Your encryption public key, so others can share keys with you</li>
            <li>The content address (CID) of your profile document</li>
            <li>Every access request, grant, revocation and record anchor, with its time</li>
          </ul>
          <h3>
            {category === 'provider'
              ? 'Your profile document'
              : 'Private, encrypted on this device'}
          </h3>
          <ul>
            {category === 'provider' ? (
              <li>
                Nothing of a provider's profile is secret: your name, institution and credential
                reference are stored in the clear so patients and administrators can check them.
              </li>
            ) : (
              <>
                <li>
                  Your name and age: in an encrypted profile that only you (and whoever you allow)
                  can open
                </li>
                <li>Every health record and its contents</li>
              </>
            )}
          </ul>
        </aside>
      </div>
    </div>
  )
}
