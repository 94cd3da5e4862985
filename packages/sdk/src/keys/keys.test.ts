import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import type { RecordContext } from '../crypto/envelope/context.js'
import { decryptEnvelope } from '../crypto/envelope/decryptEnvelope.js'
import { decryptStream } from '../crypto/envelope/decryptStream.js'
import { encryptEnvelope } from '../crypto/envelope/encryptEnvelope.js'
import { decodeEnvelopeHeader } from '../crypto/envelope/format.js'
import { generateEncryptionKeyPair } from '../crypto/hpke/x25519.js'
import {
  chunkedStream,
  context,
  flipBit,
  otherAddress,
  pattern,
  readAll,
  sameBytes,
} from '../crypto/testing/fixtures.js'
import { fromUtf8, utf8 } from '../crypto/utils/bytes.js'
import { MedChainError } from '../errors/base.js'
import {
  InvalidBytesError,
  InvalidKeyEnvelopeError,
  InvalidKeyEpochError,
  InvalidKeyLengthError,
  InvalidPublicKeyError,
  InvalidWrappedKeyError,
  KeyCommitmentMismatchError,
  KeyEnvelopeContextMismatchError,
  KeyUnwrapFailedError,
  UnsupportedKeyEnvelopeVersionError,
  UnsupportedWrapAlgorithmError,
  WrongRecipientError,
} from '../errors/crypto.js'
import { recordKeyBinding, scopeKeyBinding } from './bindings.js'
import { createKeyEnvelope } from './createKeyEnvelope.js'
import { destroyScopeKey } from './destroyScopeKey.js'
import { generateScopeKey } from './generateScopeKey.js'
import { decodeKeyEnvelope, encodeKeyEnvelope } from './keyEnvelope.js'
import { openKeyEnvelope } from './openKeyEnvelope.js'
import { rawKeyProvider } from './rawKeyProvider.js'
import { reencryptRecord } from './reencryptRecord.js'
import { rotateScopeKey } from './rotateScopeKey.js'
import { unwrapDataKey } from './unwrapDataKey.js'
import { wrapDataKey } from './wrapDataKey.js'
import { wrapKey } from './wrapKey.js'

const { patient, chainId, contract } = context
const grantee = '0x90F79bf6EB2c4f870365E785982E1f101E93b906' as const

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise
  } catch (error) {
    return error
  }
  return undefined
}
const isTyped = (error: unknown) => error instanceof MedChainError && error.name !== 'MedChainError'

describe('data key wrapped under a scope key', () => {
  test('round trip, and every binding field matters', async () => {
    const dataKey = generateScopeKey()
    const scopeKey = generateScopeKey()
    const wrappedDataKey = await wrapDataKey({ dataKey, scopeKey, context, epoch: 2 })
    expect(wrappedDataKey.length).toBe(61)
    expect(await unwrapDataKey({ wrappedDataKey, scopeKey, context, epoch: 2 })).toEqual(dataKey)
    const wrong: { scopeKey: Uint8Array; context: RecordContext; epoch: number }[] = [
      { scopeKey: generateScopeKey(), context, epoch: 2 },
      { scopeKey, context, epoch: 3 },
      { scopeKey, context: { ...context, scope: 2 }, epoch: 2 },
      { scopeKey, context: { ...context, patient: otherAddress }, epoch: 2 },
      { scopeKey, context: { ...context, chainId: 1n }, epoch: 2 },
      { scopeKey, context: { ...context, contract: otherAddress }, epoch: 2 },
    ]
    for (const w of wrong)
      await expect(unwrapDataKey({ wrappedDataKey, ...w })).rejects.toBeInstanceOf(
        KeyUnwrapFailedError,
      )
  })

  test('property: any bit flip fails with a typed error', async () => {
    const scopeKey = generateScopeKey()
    const wrappedDataKey = await wrapDataKey({
      dataKey: generateScopeKey(),
      scopeKey,
      context,
      epoch: 0,
    })
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: 61 * 8 - 1 }), async (bit) => {
        const error = await rejection(
          unwrapDataKey({
            wrappedDataKey: flipBit(wrappedDataKey, bit),
            scopeKey,
            context,
            epoch: 0,
          }),
        )
        expect(
          error instanceof KeyUnwrapFailedError || error instanceof InvalidWrappedKeyError,
        ).toBe(true)
      }),
      { numRuns: 100 },
    )
  })

  test('validation', async () => {
    const scopeKey = generateScopeKey()
    await expect(
      unwrapDataKey({ wrappedDataKey: new Uint8Array(60), scopeKey, context, epoch: 0 }),
    ).rejects.toBeInstanceOf(InvalidWrappedKeyError)
    await expect(
      wrapDataKey({ dataKey: new Uint8Array(31), scopeKey, context, epoch: 0 }),
    ).rejects.toBeInstanceOf(InvalidKeyLengthError)
    await expect(
      wrapDataKey({ dataKey: scopeKey, scopeKey, context, epoch: -1 }),
    ).rejects.toBeInstanceOf(InvalidKeyEpochError)
    await expect(
      wrapDataKey({ dataKey: scopeKey, scopeKey, context, epoch: 2 ** 32 }),
    ).rejects.toBeInstanceOf(InvalidKeyEpochError)
    expect(() => recordKeyBinding({ context, record: '', grantee })).toThrow(InvalidBytesError)
  })
})

describe('key envelopes (grants)', () => {
  async function setup() {
    const doctor = generateEncryptionKeyPair()
    const provider = rawKeyProvider({ privateKey: doctor.privateKey })
    const labs = generateScopeKey()
    const imaging = generateScopeKey()
    const keyEnvelope = await createKeyEnvelope({
      patient,
      chainId,
      contract,
      grantee,
      recipient: { publicKey: doctor.publicKey },
      scopeKeys: [
        { scope: 4, epoch: 0, key: imaging },
        { scope: 1, epoch: 1, key: labs },
      ],
    })
    return { doctor, provider, labs, imaging, keyEnvelope }
  }

  test('create, encode, decode, open', async () => {
    const { provider, labs, imaging, keyEnvelope } = await setup()
    expect(keyEnvelope.scopeKeys.map((k) => [k.scope, k.epoch])).toEqual([
      [1, 1],
      [4, 0],
    ])
    expect(keyEnvelope.patient).toBe(patient.toLowerCase())
    const bytes = encodeKeyEnvelope(keyEnvelope)
    expect(encodeKeyEnvelope(decodeKeyEnvelope(bytes))).toEqual(bytes)
    const opened = await openKeyEnvelope({
      keyEnvelope: bytes,
      keyProvider: provider,
      expected: { patient, chainId, contract, grantee },
    })
    expect(opened.scopeKeys).toEqual([
      { scope: 1, epoch: 1, key: labs },
      { scope: 4, epoch: 0, key: imaging },
    ])
  })

  test('granting costs the same for 1 record or 100,000: the grant holds scope keys, not record keys', async () => {
    const { keyEnvelope, provider, labs } = await setup()
    const size = encodeKeyEnvelope(keyEnvelope).length
    // Records written under the labs key at epoch 1: any number, none of them in the grant.
    const records = await Promise.all(
      [1, 2, 3].map(async (i) => {
        const rc = { ...context, scope: 1 }
        const { envelope, dataKey } = await encryptEnvelope({
          plaintext: pattern(100, i),
          context: rc,
        })
        return {
          envelope,
          wrappedDataKey: await wrapDataKey({ dataKey, scopeKey: labs, context: rc, epoch: 1 }),
        }
      }),
    )
    const { scopeKeys } = await openKeyEnvelope({ keyEnvelope, keyProvider: provider })
    const scopeKey = scopeKeys.find((k) => k.scope === 1)!.key
    for (const [i, r] of records.entries()) {
      const rc = { ...context, scope: 1 }
      const dataKey = await unwrapDataKey({
        wrappedDataKey: r.wrappedDataKey,
        scopeKey,
        context: rc,
        epoch: 1,
      })
      expect(await decryptEnvelope({ envelope: r.envelope, dataKey, context: rc })).toEqual(
        pattern(100, i + 1),
      )
    }
    expect(encodeKeyEnvelope(keyEnvelope).length).toBe(size)
  })

  test('single-record grant', async () => {
    const doctor = generateEncryptionKeyPair()
    const { envelope, dataKey } = await encryptEnvelope({ plaintext: utf8('one record'), context })
    const record = 'bafkreigh2akiscaildcqabsyg3dfr6chu3fgpregiymsck7e7aqa4s52zy'
    const keyEnvelope = await createKeyEnvelope({
      patient,
      chainId,
      contract,
      grantee,
      recipient: { publicKey: doctor.publicKey },
      recordKeys: [{ record, scope: context.scope, dataKey }],
    })
    const opened = await openKeyEnvelope({
      keyEnvelope: encodeKeyEnvelope(keyEnvelope),
      keyProvider: rawKeyProvider(doctor),
    })
    expect(opened.recordKeys).toHaveLength(1)
    const got = opened.recordKeys[0]!
    expect(got.record).toBe(record)
    expect(fromUtf8(await decryptEnvelope({ envelope, dataKey: got.dataKey, context }))).toBe(
      'one record',
    )
  })

  test('wrong recipient → WrongRecipientError; HPKE with the wrong key → KeyUnwrapFailedError', async () => {
    const { keyEnvelope, provider } = await setup()
    const stranger = rawKeyProvider({ privateKey: generateEncryptionKeyPair().privateKey })
    await expect(openKeyEnvelope({ keyEnvelope, keyProvider: stranger })).rejects.toBeInstanceOf(
      WrongRecipientError,
    )
    const { wrapped } = keyEnvelope.scopeKeys[0]!
    const info = scopeKeyBinding({ context: { ...context, scope: 1 }, epoch: 1, grantee })
    await expect(stranger.unwrapKey({ wrapped, info })).rejects.toBeInstanceOf(KeyUnwrapFailedError)
    expect(await provider.unwrapKey({ wrapped, info })).toHaveLength(32)
  })

  test('property: no other private key unwraps a grant', async () => {
    const { keyEnvelope } = await setup()
    const { wrapped } = keyEnvelope.scopeKeys[0]!
    const info = scopeKeyBinding({ context: { ...context, scope: 1 }, epoch: 1, grantee })
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ minLength: 32, maxLength: 32 }), async (privateKey) => {
        const stranger = rawKeyProvider({ privateKey })
        await expect(stranger.unwrapKey({ wrapped, info })).rejects.toBeInstanceOf(
          KeyUnwrapFailedError,
        )
        await expect(
          openKeyEnvelope({ keyEnvelope, keyProvider: stranger }),
        ).rejects.toBeInstanceOf(WrongRecipientError)
      }),
      { numRuns: 30 },
    )
  })

  test('expected patient, chain, contract, grantee', async () => {
    const { keyEnvelope, provider } = await setup()
    for (const expected of [
      { patient: otherAddress },
      { chainId: 1n },
      { contract: otherAddress },
      { grantee: otherAddress },
    ] as const)
      await expect(
        openKeyEnvelope({ keyEnvelope, keyProvider: provider, expected }),
      ).rejects.toBeInstanceOf(KeyEnvelopeContextMismatchError)
  })

  test('an entry moved to another scope, epoch or patient fails to unwrap', async () => {
    const { keyEnvelope, provider } = await setup()
    const moved = [
      { ...keyEnvelope, scopeKeys: [{ ...keyEnvelope.scopeKeys[0]!, scope: 2 }] },
      { ...keyEnvelope, scopeKeys: [{ ...keyEnvelope.scopeKeys[0]!, epoch: 7 }] },
      { ...keyEnvelope, patient: otherAddress.toLowerCase() as `0x${string}` },
      { ...keyEnvelope, chainId: 5n },
      { ...keyEnvelope, grantee: otherAddress.toLowerCase() as `0x${string}` },
    ]
    for (const k of moved)
      await expect(
        openKeyEnvelope({ keyEnvelope: encodeKeyEnvelope(k), keyProvider: provider }),
      ).rejects.toBeInstanceOf(KeyUnwrapFailedError)
  })

  test('property: any bit flip in the encoded grant fails with a typed error', async () => {
    const { keyEnvelope, provider } = await setup()
    const bytes = encodeKeyEnvelope(keyEnvelope)
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: bytes.length * 8 - 1 }), async (bit) => {
        const error = await rejection(
          openKeyEnvelope({ keyEnvelope: flipBit(bytes, bit), keyProvider: provider }),
        )
        expect(isTyped(error), String(error)).toBe(true)
      }),
      { numRuns: 200 },
    )
  })

  test('strict, canonical decoding', async () => {
    const { keyEnvelope } = await setup()
    const json = JSON.parse(fromUtf8(encodeKeyEnvelope(keyEnvelope)))
    const bad = [
      utf8(JSON.stringify(json, null, 1)), // whitespace
      utf8(JSON.stringify({ ...json, extra: 1 })),
      utf8(JSON.stringify({ ...json, scopeKeys: [...json.scopeKeys].reverse() })), // order
      utf8(JSON.stringify({ ...json, patient: patient })), // checksum case instead of lower-case
      utf8(JSON.stringify({ ...json, chainId: '031337' })),
      utf8(JSON.stringify({ ...json, scopeKeys: [json.scopeKeys[0], json.scopeKeys[0]] })),
      utf8('not json'),
      new Uint8Array([0xff, 0xfe]),
    ]
    for (const b of bad)
      expect(() => decodeKeyEnvelope(b), fromUtf8(b.slice(0, 0))).toThrow(InvalidKeyEnvelopeError)
    expect(() => decodeKeyEnvelope(utf8(JSON.stringify({ ...json, version: 2 })))).toThrow(
      UnsupportedKeyEnvelopeVersionError,
    )
    expect(() =>
      decodeKeyEnvelope(
        utf8(JSON.stringify({ ...json, recipient: { ...json.recipient, algorithm: 'rsa' } })),
      ),
    ).toThrow(UnsupportedWrapAlgorithmError)
  })
})

describe('revocation: rotation and re-encryption', () => {
  test('rotateScopeKey starts a new epoch for the remaining grantees only', async () => {
    const me = generateEncryptionKeyPair()
    const gp = generateEncryptionKeyPair()
    const revoked = generateEncryptionKeyPair()
    const { epoch, scopeKey, keyEnvelopes } = await rotateScopeKey({
      patient,
      chainId,
      contract,
      scope: 1,
      epoch: 4,
      grantees: [
        { grantee: patient, recipient: { publicKey: me.publicKey } },
        { grantee, recipient: { publicKey: gp.publicKey } },
      ],
    })
    expect(epoch).toBe(5)
    expect(keyEnvelopes).toHaveLength(2)
    for (const [i, pair] of [me, gp].entries()) {
      const opened = await openKeyEnvelope({
        keyEnvelope: keyEnvelopes[i]!.keyEnvelope,
        keyProvider: rawKeyProvider(pair),
      })
      expect(opened.scopeKeys).toEqual([{ scope: 1, epoch: 5, key: scopeKey }])
    }
    for (const { keyEnvelope } of keyEnvelopes)
      await expect(
        openKeyEnvelope({ keyEnvelope, keyProvider: rawKeyProvider(revoked) }),
      ).rejects.toBeInstanceOf(WrongRecipientError)
    await expect(
      rotateScopeKey({ patient, chainId, contract, scope: 1, epoch: 0xffffffff, grantees: [] }),
    ).rejects.toBeInstanceOf(InvalidKeyEpochError)
  })

  test('reencryptRecord (bytes): fresh data key under the new epoch; the old key no longer opens it', async () => {
    const oldScope = generateScopeKey()
    const newScope = generateScopeKey()
    const plaintext = pattern(200_000, 3)
    const { envelope, dataKey } = await encryptEnvelope({
      plaintext,
      context,
      segmentSize: 65536,
      padding: false,
    })
    const wrappedDataKey = await wrapDataKey({ dataKey, scopeKey: oldScope, context, epoch: 4 })
    const next = await reencryptRecord({
      envelope,
      wrappedDataKey,
      context,
      from: { scopeKey: oldScope, epoch: 4 },
      to: { scopeKey: newScope, epoch: 5 },
    })
    expect(decodeEnvelopeHeader(next.envelope)).toMatchObject({ segmentSize: 65536, padded: false })
    const newKey = await unwrapDataKey({
      wrappedDataKey: next.wrappedDataKey,
      scopeKey: newScope,
      context,
      epoch: 5,
    })
    expect(
      sameBytes(
        await decryptEnvelope({ envelope: next.envelope, dataKey: newKey, context }),
        plaintext,
      ),
    ).toBe(true)
    await expect(
      decryptEnvelope({ envelope: next.envelope, dataKey, context }),
    ).rejects.toBeInstanceOf(KeyCommitmentMismatchError)
    await expect(
      unwrapDataKey({ wrappedDataKey: next.wrappedDataKey, scopeKey: oldScope, context, epoch: 5 }),
    ).rejects.toBeInstanceOf(KeyUnwrapFailedError)
  })

  test('reencryptRecord (streams)', async () => {
    const oldScope = generateScopeKey()
    const newScope = generateScopeKey()
    const plaintext = pattern(150_000, 4)
    const { envelope, dataKey } = await encryptEnvelope({ plaintext, context })
    const wrappedDataKey = await wrapDataKey({ dataKey, scopeKey: oldScope, context, epoch: 0 })
    const next = await reencryptRecord({
      envelope: chunkedStream(envelope, [1000]),
      wrappedDataKey,
      context,
      from: { scopeKey: oldScope, epoch: 0 },
      to: { scopeKey: newScope, epoch: 1 },
    })
    const newKey = await unwrapDataKey({
      wrappedDataKey: next.wrappedDataKey,
      scopeKey: newScope,
      context,
      epoch: 1,
    })
    const opened = await readAll(
      decryptStream({ ciphertext: next.envelope, dataKey: newKey, context }),
    )
    expect(sameBytes(opened, plaintext)).toBe(true)
  })

  test('destroyScopeKey zeroes the key', () => {
    const key = generateScopeKey()
    destroyScopeKey(key)
    expect(key.every((b) => b === 0)).toBe(true)
  })
})

describe('wrapKey validation', () => {
  test('recipient public key and algorithm', async () => {
    const key = generateScopeKey()
    const info = new Uint8Array(1)
    await expect(
      wrapKey({ key, recipient: { publicKey: new Uint8Array(33) }, info }),
    ).rejects.toBeInstanceOf(InvalidPublicKeyError)
    await expect(
      wrapKey({
        key,
        recipient: { publicKey: generateEncryptionKeyPair().publicKey, algorithm: 'rsa' as never },
        info,
      }),
    ).rejects.toBeInstanceOf(UnsupportedWrapAlgorithmError)
    await expect(
      wrapKey({ key: new Uint8Array(16), recipient: { publicKey: new Uint8Array(32) }, info }),
    ).rejects.toBeInstanceOf(InvalidKeyLengthError)
  })

  test('raw provider refuses other algorithms and malformed wrapped keys', async () => {
    const provider = rawKeyProvider({ privateKey: generateEncryptionKeyPair().privateKey })
    const info = new Uint8Array(0)
    await expect(
      provider.unwrapKey({
        wrapped: {
          algorithm: 'x25519-xsalsa20-poly1305',
          ephemPublicKey: new Uint8Array(32),
          nonce: new Uint8Array(24),
          ciphertext: new Uint8Array(40),
        },
        info,
      }),
    ).rejects.toBeInstanceOf(UnsupportedWrapAlgorithmError)
    await expect(
      provider.unwrapKey({
        wrapped: {
          algorithm: 'hpke-x25519-sha256-aes256gcm',
          enc: new Uint8Array(32),
          ciphertext: new Uint8Array(10),
        },
        info,
      }),
    ).rejects.toBeInstanceOf(InvalidWrappedKeyError)
    expect(() => rawKeyProvider({ privateKey: new Uint8Array(31) })).toThrow(InvalidKeyLengthError)
  })
})
