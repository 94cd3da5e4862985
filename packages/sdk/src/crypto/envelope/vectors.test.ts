// Known-answer vectors for envelope v1 (test/vectors/envelope-v1.json): re-derived with the SDK,
// and the worked example re-computed independently from the written spec with node:crypto only.
import { createDecipheriv, createHash, createHmac, hkdfSync } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { describe, expect, test } from 'vitest'
import { generate, plaintextOf, vectorContext } from '../../../test/vectors/generate.js'
import { rawKeyProvider } from '../../keys/rawKeyProvider.js'
import { unwrapDataKey } from '../../keys/unwrapDataKey.js'
import { fromHex, toHex, utf8 } from '../utils/bytes.js'
import { decryptEnvelope } from './decryptEnvelope.js'

type EnvelopeVector = {
  name: string
  plaintext: Parameters<typeof plaintextOf>[0]
  dataKey: string
  salt: string
  noncePrefix: string
  encryptionKey: string
  commitment: string
  headerKey: string
  envelopeSha256: string
  envelope?: string
}
type VectorFile = {
  context: { encoded: string }
  envelopes: EnvelopeVector[]
  dataKeyWrap: {
    scopeKey: string
    dataKey: string
    epoch: number
    nonce: string
    aad: string
    wrappedDataKey: string
  }
  scopeKeyGrant: {
    recipientPrivateKey: string
    recipientPublicKey: string
    scopeKey: string
    info: string
    enc: string
    ciphertext: string
  }
}
const file = JSON.parse(
  readFileSync(new URL('../../../test/vectors/envelope-v1.json', import.meta.url), 'utf8'),
) as VectorFile
const hex = (value: string) => fromHex(value) as Uint8Array

test('the committed vectors are exactly what the generator derives today', async () => {
  expect(JSON.parse(JSON.stringify(await generate()))).toEqual(file)
})

describe.each(file.envelopes)('envelope vector $name', (vector) => {
  test('decrypts to its plaintext', async () => {
    const plaintext = plaintextOf(vector.plaintext)
    if (vector.envelope) {
      expect(toHex(createHash('sha256').update(hex(vector.envelope)).digest())).toBe(
        vector.envelopeSha256,
      )
      const opened = await decryptEnvelope({
        envelope: hex(vector.envelope),
        dataKey: hex(vector.dataKey),
        context: vectorContext,
      })
      expect(toHex(opened)).toBe(toHex(plaintext))
    }
  })
})

test('worked example, re-computed from the spec with node:crypto only', () => {
  const v = file.envelopes.find((e) => e.name === 'worked-example') as Required<EnvelopeVector>
  const dataKey = hex(v.dataKey)
  const salt = hex(v.salt)
  const suffix = Uint8Array.of(1, 1)
  const derive = (label: string) =>
    new Uint8Array(hkdfSync('sha256', dataKey, salt, Buffer.concat([utf8(label), suffix]), 32))
  expect(toHex(derive('MedChain envelope v1 encryption key'))).toBe(v.encryptionKey)
  expect(toHex(derive('MedChain envelope v1 key commitment'))).toBe(v.commitment)
  expect(toHex(derive('MedChain envelope v1 header key'))).toBe(v.headerKey)

  const envelope = hex(v.envelope)
  const header = envelope.subarray(0, 111)
  expect(toHex(header.subarray(0, 8))).toBe('4d43454e01011401') // magic, v1, suite 1, 2^20, padded
  expect(toHex(header.subarray(8, 40))).toBe(v.salt)
  expect(toHex(header.subarray(40, 47))).toBe(v.noncePrefix)
  expect(toHex(header.subarray(47, 79))).toBe(v.commitment)
  const context = hex(file.context.encoded)
  const tag = createHmac('sha256', derive('MedChain envelope v1 header key'))
    .update(header.subarray(0, 79))
    .update(context)
    .digest()
  expect(toHex(header.subarray(79, 111))).toBe(toHex(tag))

  // One final segment: nonce = prefix || u32be(0) || 0x01, AAD = the 111-byte header.
  const nonce = Buffer.concat([hex(v.noncePrefix), Uint8Array.of(0, 0, 0, 0, 1)])
  const body = envelope.subarray(111)
  const decipher = createDecipheriv(
    'aes-256-gcm',
    derive('MedChain envelope v1 encryption key'),
    nonce,
  )
  decipher.setAAD(header)
  decipher.setAuthTag(body.subarray(body.length - 16))
  const padded = Buffer.concat([
    decipher.update(body.subarray(0, body.length - 16)),
    decipher.final(),
  ])
  // Padded plaintext: data || zeros || u64be(data length); padme(16 + 8) = 24.
  expect(padded.length).toBe(24)
  expect(padded.subarray(0, 16).toString('utf8')).toBe('Hello, MedChain!')
  expect(padded.readBigUInt64BE(16)).toBe(16n)
})

test('context encoding', () => {
  expect(file.context.encoded).toBe(
    '70997970c51812dc3a010c7d01b50e0d17dc79c8' +
      '0000000000000000000000000000000000000000000000000000000000007a69' +
      '5fbdb2315678afecb367f032d93f642f64180aa3' +
      '01',
  )
})

test('data key wrapped under a scope key', async () => {
  const v = file.dataKeyWrap
  const wrapped = hex(v.wrappedDataKey)
  expect(wrapped[0]).toBe(1)
  expect(toHex(wrapped.subarray(1, 13))).toBe(v.nonce)
  const decipher = createDecipheriv('aes-256-gcm', hex(v.scopeKey), wrapped.subarray(1, 13))
  decipher.setAAD(hex(v.aad))
  decipher.setAuthTag(wrapped.subarray(45))
  expect(toHex(Buffer.concat([decipher.update(wrapped.subarray(13, 45)), decipher.final()]))).toBe(
    v.dataKey,
  )
  const dataKey = await unwrapDataKey({
    wrappedDataKey: wrapped,
    scopeKey: hex(v.scopeKey),
    context: vectorContext,
    epoch: v.epoch,
  })
  expect(toHex(dataKey)).toBe(v.dataKey)
})

test('scope key granted with HPKE', async () => {
  const v = file.scopeKeyGrant
  const provider = rawKeyProvider({ privateKey: hex(v.recipientPrivateKey) })
  expect(toHex(await provider.getEncryptionPublicKey())).toBe(v.recipientPublicKey)
  const key = await provider.unwrapKey({
    wrapped: {
      algorithm: 'hpke-x25519-sha256-aes256gcm',
      enc: hex(v.enc),
      ciphertext: hex(v.ciphertext),
    },
    info: hex(v.info),
  })
  expect(toHex(key)).toBe(v.scopeKey)
})
