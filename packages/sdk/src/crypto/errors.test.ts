import { readFileSync } from 'node:fs'
import { describe, expect, test } from 'vitest'
import { MedChainError } from '../errors/base.js'
import * as errors from '../errors/crypto.js'

// One instance of every crypto error, built the way the SDK builds it.
const instances: Record<string, MedChainError> = {
  DecryptionFailedError: new errors.DecryptionFailedError({ segment: 3 }),
  KeyCommitmentMismatchError: new errors.KeyCommitmentMismatchError(),
  UnsupportedEnvelopeVersionError: new errors.UnsupportedEnvelopeVersionError({ version: 2 }),
  UnsupportedEnvelopeSuiteError: new errors.UnsupportedEnvelopeSuiteError({ suite: 9 }),
  InvalidEnvelopeHeaderError: new errors.InvalidEnvelopeHeaderError({ reason: 'bad magic' }),
  TruncatedEnvelopeError: new errors.TruncatedEnvelopeError({ segments: 2 }),
  RecordContextMismatchError: new errors.RecordContextMismatchError(),
  InvalidPaddingError: new errors.InvalidPaddingError({ reason: 'non-zero padding' }),
  EnvelopeTooLargeError: new errors.EnvelopeTooLargeError({ segmentSize: 65536 }),
  InvalidRecordContextError: new errors.InvalidRecordContextError({
    field: 'scope',
    reason: 'must be a uint8',
  }),
  InvalidKeyLengthError: new errors.InvalidKeyLengthError({
    name: 'dataKey',
    expected: 32,
    received: 16,
  }),
  InvalidBytesError: new errors.InvalidBytesError({
    name: 'plaintext',
    reason: 'must be a Uint8Array',
  }),
  InvalidPublicKeyError: new errors.InvalidPublicKeyError({ reason: 'must be 32 bytes' }),
  InvalidSegmentSizeError: new errors.InvalidSegmentSizeError({ segmentSize: 1000 }),
  WrongRecipientError: new errors.WrongRecipientError(),
  KeyUnwrapFailedError: new errors.KeyUnwrapFailedError({ reason: 'HPKE open failed' }),
  UnsupportedWrapAlgorithmError: new errors.UnsupportedWrapAlgorithmError({
    algorithm: 'rsa',
    provider: 'raw',
  }),
  InvalidWrappedKeyError: new errors.InvalidWrappedKeyError({ reason: 'must be 61 bytes' }),
  InvalidKeyEnvelopeError: new errors.InvalidKeyEnvelopeError({ reason: 'not canonical' }),
  UnsupportedKeyEnvelopeVersionError: new errors.UnsupportedKeyEnvelopeVersionError({ version: 2 }),
  KeyEnvelopeContextMismatchError: new errors.KeyEnvelopeContextMismatchError({ field: 'patient' }),
  NonDeterministicWalletError: new errors.NonDeterministicWalletError({
    address: '0x70997970C51812dc3A010C7d01b50e0d17dc79C8',
  }),
  InvalidWalletSignatureError: new errors.InvalidWalletSignatureError({
    reason: 'expected 65 bytes',
  }),
  KeyProviderRequestError: new errors.KeyProviderRequestError({
    method: 'eth_decrypt',
    cause: new Error('rejected'),
  }),
  InvalidKeystoreError: new errors.InvalidKeystoreError({ reason: 'not JSON' }),
  KeystoreDecryptionFailedError: new errors.KeystoreDecryptionFailedError(),
  KeystoreFileError: new errors.KeystoreFileError({ path: './key.json', operation: 'read' }),
  UnsupportedRuntimeError: new errors.UnsupportedRuntimeError({ feature: 'node:fs' }),
  CryptoAbortedError: new errors.CryptoAbortedError({ cause: new Error('user cancelled') }),
  InvalidKeyEpochError: new errors.InvalidKeyEpochError({ epoch: -1 }),
}

const docs = readFileSync(new URL('../../../../docs/reference/errors.md', import.meta.url), 'utf8')
const cryptoSection = docs.slice(
  docs.indexOf('## Crypto errors'),
  docs.indexOf('## Storage errors'),
)

test('every error class of errors/crypto.ts is covered here', () => {
  expect(Object.keys(errors).sort()).toEqual(Object.keys(instances).sort())
})

describe.each(Object.entries(instances))('%s', (name, error) => {
  test('name, class, docs path, message', () => {
    expect(error.name).toBe(name)
    expect(error).toBeInstanceOf(MedChainError)
    expect(error).toBeInstanceOf(Error)
    expect(error.constructor.name).toBe(name)
    expect(error.docsPath).toBe(`/reference/errors#${name.toLowerCase()}`)
    expect(error.shortMessage.length).toBeGreaterThan(10)
    expect(error.metaMessages?.length, 'says what to do').toBeGreaterThan(0)
    expect(error.message).toContain(error.shortMessage)
    expect(error.message).toContain(
      `Docs: https://medchain.dev/reference/errors#${name.toLowerCase()}`,
    )
  })

  test('has a section under "## Crypto errors" in docs/reference/errors.md', () => {
    expect(cryptoSection).toMatch(new RegExp(`^### ${name}$`, 'm'))
  })
})

test('messages', () => {
  expect(instances.InvalidKeyLengthError!.shortMessage).toBe(
    '`dataKey` must be 32 bytes, received 16.',
  )
  expect(instances.DecryptionFailedError!.shortMessage).toBe(
    'Segment 3 of the envelope failed to authenticate.',
  )
  expect(instances.CryptoAbortedError!.details).toBe('user cancelled')
  expect(instances.KeyProviderRequestError!.walk()).toBeInstanceOf(Error)
})
