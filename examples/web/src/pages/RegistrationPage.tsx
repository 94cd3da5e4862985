import { type FormEvent, useState } from 'react'
import { keccak256, stringToBytes } from 'viem'
import type { Auth } from '../App.js'
import { ActionStatus } from '../components/Feedback.js'
import { Field } from '../components/Field.js'
import { RadioChoices } from '../components/RadioChoices.js'
import { useAction } from '../components/useAction.js'
import type { AccountKind } from '../lib/chainReads.js'
import { checkAge, checkName, checkRequired, fieldErrors } from '../lib/validation.js'

type Category = 'patient' | 'provider' | 'administrator'

const categories = [
  ['patient', 'Patient'],
  ['provider', 'Healthcare Provider'],
  ['administrator', 'Administrator'],
] as const satisfies readonly (readonly [Category, string])[]

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
      setErrors(fieldErrors({ name: checkedName, age: checkedAge }))
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
    setErrors(
      fieldErrors({
        name: checkedName,
        institution: checkedInstitution,
        credential: checkedCredential,
      }),
    )
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

  return (
    <div className="stack">
      <h1>Create your MedChain account</h1>
      <div className="columns">
        <form className="card stack" onSubmit={submit} noValidate aria-labelledby="register-title">
          <h2 id="register-title">About you</h2>
          <RadioChoices
            legend="I am a"
            name="category"
            options={categories}
            value={category}
            onChange={setCategory}
          />

          {category === 'administrator' ? (
            <p className="note note-info">
              Administrators are not self-registered: an existing administrator appoints them on
              chain (the contract's verifier role), because they decide which providers may ask for
              health records. Ask your MedChain operator to appoint this account, then sign in
              again.
            </p>
          ) : (
            <>
              <Field
                id="name"
                label={category === 'provider' ? 'Full name and title' : 'Full name'}
                error={errors.name}
              >
                {(control) => (
                  <input
                    {...control}
                    autoComplete="name"
                    value={name}
                    onChange={(e) => setName(e.target.value)}
                  />
                )}
              </Field>
              {category === 'patient' && (
                <Field id="age" label="Age (years)" error={errors.age}>
                  {(control) => (
                    <input
                      {...control}
                      inputMode="numeric"
                      value={age}
                      onChange={(e) => setAge(e.target.value)}
                    />
                  )}
                </Field>
              )}
              {category === 'provider' && (
                <>
                  <Field id="institution" label="Institution" error={errors.institution}>
                    {(control) => (
                      <input
                        {...control}
                        autoComplete="organization"
                        value={institution}
                        onChange={(e) => setInstitution(e.target.value)}
                      />
                    )}
                  </Field>
                  <Field
                    id="credential"
                    label="Credential reference (licence or registration number)"
                    error={errors.credential}
                  >
                    {(control) => (
                      <input
                        {...control}
                        value={credential}
                        onChange={(e) => setCredential(e.target.value)}
                      />
                    )}
                  </Field>
                </>
              )}
              <button type="submit" className="button" disabled={action.busy}>
                {category === 'provider' ? 'Register as a provider' : 'Register as a patient'}
              </button>
            </>
          )}
          <ActionStatus action={action} />
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
