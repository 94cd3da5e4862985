import {
  ConsentExpiredError,
  ConsentRequiredError,
  ConsentRevokedError,
  KeyProviderRequestError,
  StorageUnavailableError,
  toMedChainContractError,
} from '@medchain/sdk'
import { validateFhirRecord } from '@medchain/sdk/fhir'
import { UserRejectedRequestError } from 'viem'
import { describe, expect, it } from 'vitest'
import { errorMessage } from './errorMessage.js'

const patient = '0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC'
const grantee = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8'
const hash = `0x${'ab'.repeat(32)}` as const

describe('errorMessage', () => {
  it('says when and which access expired, and what to do', () => {
    const error = new ConsentExpiredError({
      patient,
      grantee,
      scope: 5,
      expiredAt: new Date(2027, 2, 3, 12),
    })
    expect(errorMessage(error)).toBe(
      "Your access to this patient's test results expired on 3 March 2027. Request access again.",
    )
  })
  it('revoked and missing consent', () => {
    expect(
      errorMessage(new ConsentRevokedError({ patient, grantee, scope: 5, transactionHash: hash })),
    ).toBe(
      'The patient revoked your access to their test results. Request access again if you still need it.',
    )
    expect(errorMessage(new ConsentRequiredError({ patient, grantee, scope: 4 }))).toBe(
      "You have no access to this patient's prescriptions. Request access to see them.",
    )
  })
  it('decoded contract errors by name', () => {
    const unverified = toMedChainContractError({
      errorName: 'MedChainIdentityUnverifiedProvider',
      args: [grantee],
    })
    expect(unverified.name).toBe('ProviderNotVerifiedError')
    expect(errorMessage(unverified)).toMatch(/^Your provider account is not verified yet\./)
    const registered = toMedChainContractError({
      errorName: 'MedChainIdentityAlreadyRegistered',
      args: [grantee],
    })
    expect(errorMessage(registered)).toMatch(/^This account is already registered\./)
  })
  it('a declined wallet request, also when wrapped by the SDK', () => {
    const rejected = new UserRejectedRequestError(new Error('User rejected the request.'))
    expect(errorMessage(rejected)).toBe(
      'You declined the request in your wallet. Nothing was changed; try again when ready.',
    )
    const wrapped = new KeyProviderRequestError({
      method: 'eth_signTypedData_v4',
      cause: { code: 4001, message: 'denied' },
    })
    expect(errorMessage(wrapped)).toMatch(/^You declined the request/)
    const other = new KeyProviderRequestError({
      method: 'eth_signTypedData_v4',
      cause: new Error('locked'),
    })
    expect(errorMessage(other)).toMatch(/encryption key could not be unlocked/)
  })
  it('lists the first FHIR problems', () => {
    let caught: unknown
    try {
      validateFhirRecord({ resourceType: 'Observation' })
    } catch (error) {
      caught = error
    }
    expect((caught as Error).name).toBe('InvalidFhirResourceError')
    expect(errorMessage(caught)).toMatch(
      /^This is not a valid FHIR record \(Observation\.\w+: .+\)\. Fix it and upload again\.$/,
    )
  })
  it('storage failures', () => {
    const error = new StorageUnavailableError({ store: 'Kubo RPC', reason: 'connection refused' })
    expect(errorMessage(error)).toBe(
      'The record storage cannot be reached. Check your connection and try again in a moment.',
    )
  })
  it('never shows a stack trace for unknown errors', () => {
    const error = new Error('boom happened\n    at secret (file.ts:1:1)')
    const text = errorMessage(error)
    expect(text).toBe(
      'Something went wrong: boom happened. Try again; if it keeps happening, reload the page.',
    )
    expect(text).not.toContain(' at ')
    expect(errorMessage('plain')).toMatch(/^Something went wrong: plain\./)
  })
})
