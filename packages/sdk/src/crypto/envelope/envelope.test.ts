import { afterEach, describe, expect, test } from 'vitest'
import {
  CryptoAbortedError,
  DecryptionFailedError,
  InvalidBytesError,
  InvalidEnvelopeHeaderError,
  InvalidKeyLengthError,
  InvalidPaddingError,
  InvalidRecordContextError,
  InvalidSegmentSizeError,
  KeyCommitmentMismatchError,
  RecordContextMismatchError,
  TruncatedEnvelopeError,
  UnsupportedEnvelopeSuiteError,
  UnsupportedEnvelopeVersionError,
} from '../../errors/crypto.js'
import {
  chunkedStream,
  context,
  flipBit,
  otherAddress,
  pattern,
  readAll,
  sameBytes,
} from '../testing/fixtures.js'
import { sealWithFixedPlaintext } from '../testing/sealRaw.js'
import { setForceWebBackend } from '../utils/runtime.js'
import { decryptEnvelope } from './decryptEnvelope.js'
import { decryptStream } from './decryptStream.js'
import { encryptEnvelope } from './encryptEnvelope.js'
import { encryptStream } from './encryptStream.js'
import { decodeEnvelopeHeader, headerLength } from './format.js'
import { unsafeFixedRandomness } from './internal.js'
import { paddedLength } from './padding.js'

const seg = 65536
const fixed = {
  dataKey: pattern(32, 1),
  salt: pattern(32, 2),
  noncePrefix: pattern(7, 3),
}

afterEach(() => setForceWebBackend(false))

async function roundTrip(plaintext: Uint8Array, padding: boolean, segmentSize = seg) {
  const options = { context, padding, segmentSize, [unsafeFixedRandomness]: fixed }
  const { envelope, dataKey } = await encryptEnvelope({ plaintext, ...options })
  const streamed = encryptStream({
    plaintext: chunkedStream(plaintext, [4093, 65536, 1]),
    ...options,
  })
  const streamedBytes = await readAll(streamed.ciphertext)
  expect(sameBytes(streamedBytes, envelope), 'stream and bytes ciphertexts are identical').toBe(
    true,
  )
  const body = padding ? paddedLength(plaintext.length) : plaintext.length
  const segments = Math.max(1, Math.ceil(body / segmentSize))
  expect(envelope.length).toBe(headerLength + body + 16 * segments)
  const opened = await decryptEnvelope({ envelope, dataKey, context })
  expect(sameBytes(opened, plaintext), 'bytes round trip').toBe(true)
  const openedStream = await readAll(
    decryptStream({ ciphertext: chunkedStream(envelope, [7, 100000, 65552]), dataKey, context }),
  )
  expect(sameBytes(openedStream, plaintext), 'stream round trip').toBe(true)
}

describe('round trip at 0 B, 1 B and every segment boundary ±1', () => {
  const sizes = [0, 1, 2, 7, 8, 9, 1000]
  for (let k = 1; k <= 3; k++) sizes.push(k * seg - 1, k * seg, k * seg + 1)
  // Padded plaintexts whose padded length (data + zeros + 8-byte trailer) sits on a boundary ±1.
  const paddedBoundaries = [seg - 8 - 1, seg - 8, seg - 8 + 1, 2 * seg - 8, 3 * seg - 8]
  for (const padding of [false, true])
    test.each(padding ? [...sizes, ...paddedBoundaries] : sizes)(
      `padding=${padding}, %i bytes`,
      async (size) => {
        await roundTrip(pattern(size), padding)
      },
    )

  test('default 1 MiB segments at 1 MiB ± 1', async () => {
    for (const size of [(1 << 20) - 1, 1 << 20, (1 << 20) + 1])
      await roundTrip(pattern(size), false, 1 << 20)
  })
})

test('100 MiB round trip (bytes and stream)', async () => {
  const plaintext = pattern(100 * 1024 * 1024, 9)
  const { envelope, dataKey } = await encryptEnvelope({ plaintext, context })
  expect(sameBytes(await decryptEnvelope({ envelope, dataKey, context }), plaintext)).toBe(true)
  const { ciphertext, dataKey: streamKey } = encryptStream({
    plaintext: chunkedStream(plaintext, [1 << 20]),
    context,
  })
  const opened = await readAll(decryptStream({ ciphertext, dataKey: streamKey, context }))
  expect(sameBytes(opened, plaintext)).toBe(true)
})

test('WebCrypto backend (browsers) writes the same bytes and reads node:crypto envelopes', async () => {
  const plaintext = pattern(3 * seg + 5)
  const options = { context, segmentSize: seg, [unsafeFixedRandomness]: fixed }
  const node = await encryptEnvelope({ plaintext, ...options })
  setForceWebBackend(true)
  const web = await encryptEnvelope({ plaintext, ...options })
  expect(sameBytes(web.envelope, node.envelope)).toBe(true)
  expect(
    sameBytes(
      await decryptEnvelope({ envelope: node.envelope, dataKey: node.dataKey, context }),
      plaintext,
    ),
  ).toBe(true)
  const streamed = await readAll(
    encryptStream({ plaintext: chunkedStream(plaintext), ...options }).ciphertext,
  )
  expect(sameBytes(streamed, node.envelope)).toBe(true)
  const flipped = flipBit(node.envelope, 8 * (headerLength + 2 * (seg + 16) + 3))
  await expect(
    decryptEnvelope({ envelope: flipped, dataKey: node.dataKey, context }),
  ).rejects.toBeInstanceOf(DecryptionFailedError)
})

test('fresh data key, salt and nonce prefix per record', async () => {
  const plaintext = pattern(10)
  const a = await encryptEnvelope({ plaintext, context })
  const b = await encryptEnvelope({ plaintext, context })
  expect(a.dataKey).not.toEqual(b.dataKey)
  const ha = decodeEnvelopeHeader(a.envelope)
  const hb = decodeEnvelopeHeader(b.envelope)
  expect(ha.salt).not.toEqual(hb.salt)
  expect(ha.noncePrefix).not.toEqual(hb.noncePrefix)
  expect(ha).toMatchObject({ version: 1, suite: 1, segmentSize: 1 << 20, padded: true })
})

describe('wrong key or context', () => {
  test('wrong data key → KeyCommitmentMismatchError', async () => {
    const { envelope } = await encryptEnvelope({ plaintext: pattern(100), context })
    await expect(
      decryptEnvelope({ envelope, dataKey: new Uint8Array(32), context }),
    ).rejects.toBeInstanceOf(KeyCommitmentMismatchError)
    const stream = decryptStream({
      ciphertext: chunkedStream(envelope),
      dataKey: new Uint8Array(32),
      context,
    })
    await expect(readAll(stream)).rejects.toBeInstanceOf(KeyCommitmentMismatchError)
  })

  test.each([
    ['patient', { patient: otherAddress }],
    ['chain', { chainId: 1n }],
    ['contract', { contract: otherAddress }],
    ['scope', { scope: 2 }],
  ] as const)('other %s → RecordContextMismatchError', async (_, change) => {
    const { envelope, dataKey } = await encryptEnvelope({ plaintext: pattern(100), context })
    await expect(
      decryptEnvelope({ envelope, dataKey, context: { ...context, ...change } }),
    ).rejects.toBeInstanceOf(RecordContextMismatchError)
  })

  test('chain id as number or bigint, address in any valid case: same context', async () => {
    const { envelope, dataKey } = await encryptEnvelope({ plaintext: pattern(100), context })
    const same = {
      ...context,
      chainId: 31337,
      patient: context.patient.toLowerCase() as `0x${string}`,
    }
    expect(
      sameBytes(await decryptEnvelope({ envelope, dataKey, context: same }), pattern(100)),
    ).toBe(true)
  })
})

describe('structure attacks', () => {
  async function sample(segments = 4) {
    const plaintext = pattern(segments * seg - 100, 5)
    const { envelope, dataKey } = await encryptEnvelope({
      plaintext,
      context,
      segmentSize: seg,
      padding: false,
    })
    return { plaintext, envelope, dataKey }
  }
  const stride = seg + 16
  const segmentAt = (envelope: Uint8Array, i: number) =>
    envelope.subarray(headerLength + i * stride, headerLength + (i + 1) * stride)

  test('truncation at a segment boundary → TruncatedEnvelopeError', async () => {
    const { envelope, dataKey } = await sample()
    for (const keep of [1, 2, 3]) {
      const cut = envelope.slice(0, headerLength + keep * stride)
      const error = await decryptEnvelope({ envelope: cut, dataKey, context }).catch((e) => e)
      expect(error).toBeInstanceOf(TruncatedEnvelopeError)
      expect(error.segments).toBe(keep)
      await expect(
        readAll(decryptStream({ ciphertext: chunkedStream(cut), dataKey, context })),
      ).rejects.toBeInstanceOf(TruncatedEnvelopeError)
    }
    await expect(
      decryptEnvelope({ envelope: envelope.slice(0, headerLength), dataKey, context }),
    ).rejects.toBeInstanceOf(TruncatedEnvelopeError)
  })

  test('truncation inside a segment → DecryptionFailedError or TruncatedEnvelopeError', async () => {
    const { envelope, dataKey } = await sample()
    await expect(
      decryptEnvelope({ envelope: envelope.slice(0, envelope.length - 1), dataKey, context }),
    ).rejects.toBeInstanceOf(DecryptionFailedError)
    await expect(
      decryptEnvelope({ envelope: envelope.slice(0, headerLength + stride + 5), dataKey, context }),
    ).rejects.toBeInstanceOf(TruncatedEnvelopeError)
  })

  test('reordered, duplicated, dropped and appended segments → DecryptionFailedError', async () => {
    const { envelope, dataKey } = await sample()
    const header = envelope.subarray(0, headerLength)
    const s = [0, 1, 2, 3].map((i) => segmentAt(envelope, i))
    const join = (...parts: Uint8Array[]) => {
      const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0))
      let o = 0
      for (const p of parts) {
        out.set(p, o)
        o += p.length
      }
      return out
    }
    const variants = [
      join(header, s[1]!, s[0]!, s[2]!, s[3]!), // swapped
      join(header, s[0]!, s[0]!, s[2]!, s[3]!), // duplicated
      join(header, s[0]!, s[2]!, s[3]!), // dropped
      join(header, s[0]!, s[1]!, s[2]!, s[3]!, s[3]!), // final appended twice
    ]
    for (const envelope of variants) {
      await expect(decryptEnvelope({ envelope, dataKey, context })).rejects.toBeInstanceOf(
        DecryptionFailedError,
      )
      await expect(
        readAll(decryptStream({ ciphertext: chunkedStream(envelope), dataKey, context })),
      ).rejects.toBeInstanceOf(DecryptionFailedError)
    }
  })

  test('a segment spliced from another envelope → DecryptionFailedError', async () => {
    const a = await sample()
    const b = await sample()
    const spliced = a.envelope.slice()
    spliced.set(segmentAt(b.envelope, 1), headerLength + stride)
    const error = await decryptEnvelope({ envelope: spliced, dataKey: a.dataKey, context }).catch(
      (e) => e,
    )
    expect(error).toBeInstanceOf(DecryptionFailedError)
    expect(error.segment).toBe(1)
  })

  test('the stream releases nothing of a segment that fails', async () => {
    const { envelope, dataKey, plaintext } = await sample()
    const bad = flipBit(envelope, 8 * (headerLength + 2 * stride + 10) + 7)
    const reader = decryptStream({ ciphertext: chunkedStream(bad), dataKey, context }).getReader()
    const got: Uint8Array[] = []
    const error = await (async () => {
      for (;;) {
        const { done, value } = await reader.read()
        if (done) return undefined
        got.push(value)
      }
    })().catch((e) => e)
    expect(error).toBeInstanceOf(DecryptionFailedError)
    expect(got.reduce((n, c) => n + c.length, 0)).toBe(2 * seg)
    expect(sameBytes(got[0]!, plaintext.subarray(0, seg))).toBe(true)
  })
})

describe('header validation', () => {
  test.each([
    [0, 0x00, InvalidEnvelopeHeaderError],
    [4, 0x02, UnsupportedEnvelopeVersionError],
    [5, 0x02, UnsupportedEnvelopeSuiteError],
    [6, 0x0f, InvalidEnvelopeHeaderError],
    [6, 0x19, InvalidEnvelopeHeaderError],
    [7, 0x02, InvalidEnvelopeHeaderError],
  ] as const)('byte %i = %i → %o', async (offset, value, ExpectedError) => {
    const { envelope, dataKey } = await encryptEnvelope({ plaintext: pattern(10), context })
    envelope[offset] = value
    await expect(decryptEnvelope({ envelope, dataKey, context })).rejects.toBeInstanceOf(
      ExpectedError,
    )
  })

  test('short input', async () => {
    expect(() => decodeEnvelopeHeader(new Uint8Array(3))).toThrow(InvalidEnvelopeHeaderError)
    expect(() => decodeEnvelopeHeader(Uint8Array.of(0x4d, 0x43, 0x45, 0x4e, 1, 1))).toThrow(
      InvalidEnvelopeHeaderError,
    )
  })
})

describe('input validation', () => {
  test('segment size', async () => {
    for (const segmentSize of [1000, 32768, 1 << 25])
      await expect(
        encryptEnvelope({ plaintext: pattern(1), context, segmentSize }),
      ).rejects.toBeInstanceOf(InvalidSegmentSizeError)
  })
  test('plaintext, key and context', async () => {
    await expect(encryptEnvelope({ plaintext: 'text' as never, context })).rejects.toBeInstanceOf(
      InvalidBytesError,
    )
    const { envelope } = await encryptEnvelope({ plaintext: pattern(1), context })
    await expect(
      decryptEnvelope({ envelope, dataKey: new Uint8Array(16), context }),
    ).rejects.toBeInstanceOf(InvalidKeyLengthError)
    const bad = [
      { ...context, patient: '0x1234' },
      { ...context, patient: '0x70997970c51812dc3a010c7d01b50e0d17dc79C8' }, // bad checksum
      { ...context, chainId: 0 },
      { ...context, chainId: 1.5 },
      { ...context, scope: 256 },
      { ...context, scope: -1 },
    ]
    for (const c of bad)
      await expect(
        encryptEnvelope({ plaintext: pattern(1), context: c as never }),
      ).rejects.toBeInstanceOf(InvalidRecordContextError)
    expect(() => encryptStream({ plaintext: pattern(1) as never, context })).toThrow(
      InvalidBytesError,
    )
  })
  test('a stream of non-bytes errors the output stream', async () => {
    const source = new ReadableStream({
      start(c) {
        c.enqueue('nope')
        c.close()
      },
    })
    const { ciphertext } = encryptStream({ plaintext: source as never, context })
    await expect(readAll(ciphertext)).rejects.toBeInstanceOf(InvalidBytesError)
  })
})

describe('signal and onProgress', () => {
  test('onProgress reports plaintext bytes on encrypt and ciphertext bytes on decrypt', async () => {
    const plaintext = pattern(5 * seg + 3)
    const encrypted: number[] = []
    const { envelope, dataKey } = await encryptEnvelope({
      plaintext,
      context,
      segmentSize: seg,
      onProgress: ({ bytes, totalBytes }) => {
        encrypted.push(bytes)
        expect(totalBytes).toBe(plaintext.length)
      },
    })
    expect(encrypted.at(-1)).toBe(plaintext.length)
    expect([...encrypted].sort((a, b) => a - b)).toEqual(encrypted)
    const decrypted: number[] = []
    await decryptEnvelope({
      envelope,
      dataKey,
      context,
      onProgress: ({ bytes }) => decrypted.push(bytes),
    })
    expect(decrypted.at(-1)).toBe(envelope.length)
    const streamed: number[] = []
    await readAll(
      encryptStream({
        plaintext: chunkedStream(plaintext),
        context,
        segmentSize: seg,
        onProgress: ({ bytes }) => streamed.push(bytes),
      }).ciphertext,
    )
    expect(streamed.at(-1)).toBe(plaintext.length)
  })

  test('an aborted signal → CryptoAbortedError (bytes and streams)', async () => {
    const controller = new AbortController()
    controller.abort(new Error('user cancelled'))
    const { signal } = controller
    const error = await encryptEnvelope({ plaintext: pattern(10), context, signal }).catch((e) => e)
    expect(error).toBeInstanceOf(CryptoAbortedError)
    expect(error.cause.message).toBe('user cancelled')
    const { envelope, dataKey } = await encryptEnvelope({ plaintext: pattern(10), context })
    await expect(decryptEnvelope({ envelope, dataKey, context, signal })).rejects.toBeInstanceOf(
      CryptoAbortedError,
    )
    await expect(
      readAll(encryptStream({ plaintext: chunkedStream(pattern(10)), context, signal }).ciphertext),
    ).rejects.toBeInstanceOf(CryptoAbortedError)
    await expect(
      readAll(decryptStream({ ciphertext: chunkedStream(envelope), dataKey, context, signal })),
    ).rejects.toBeInstanceOf(CryptoAbortedError)
  })

  test('aborting mid-stream errors the stream and cancels the source', async () => {
    const controller = new AbortController()
    let cancelled = false
    const source = new ReadableStream<Uint8Array>({
      pull(c) {
        c.enqueue(pattern(seg))
      },
      cancel() {
        cancelled = true
      },
    })
    const reader = encryptStream({
      plaintext: source,
      context,
      segmentSize: seg,
      signal: controller.signal,
    }).ciphertext.getReader()
    await reader.read()
    await reader.read()
    controller.abort()
    await expect(reader.read()).rejects.toBeInstanceOf(CryptoAbortedError)
    expect(cancelled).toBe(true)
  })
})

describe('padding with zero bytes in the data (the stream unpadder holds zero runs back)', () => {
  test.each([0, 1, 7, 8, 9, seg - 8, seg, 2 * seg + 17, 3 * seg])(
    'all-zero plaintext of %i bytes',
    async (size) => {
      await roundTrip(new Uint8Array(size), true)
    },
  )
  test('data ending in a long zero run across segments', async () => {
    const plaintext = new Uint8Array(3 * seg + 100)
    plaintext.set(pattern(1000), 0)
    await roundTrip(plaintext, true)
    plaintext[plaintext.length - 1] = 0
    plaintext[2 * seg] = 9
    await roundTrip(plaintext, true)
  })
})

describe('padding checks', () => {
  /** A padded plaintext Q of `size` bytes: `data` ones, zeros, then `trailer` as uint64. */
  function q(size: number, data: number, trailer: bigint): Uint8Array {
    const bytes = new Uint8Array(size)
    bytes.fill(1, 0, data)
    new DataView(bytes.buffer).setBigUint64(size - 8, trailer)
    return bytes
  }

  test('a non-zero padding byte, a bad trailer or a non-Padmé length → InvalidPaddingError', async () => {
    const nonZero = q(paddedLength(1000), 1000, 1000n)
    nonZero[1003] = 1
    const cases = {
      'non-zero padding byte': nonZero,
      'trailer larger than the data': q(paddedLength(1000), 1000, 5000n),
      'not the Padmé length': q(paddedLength(1000) + 16, 1000, 1000n),
    }
    for (const [name, padded] of Object.entries(cases)) {
      const { envelope, dataKey } = await sealWithFixedPlaintext(padded, context)
      const error = await decryptEnvelope({ envelope, dataKey, context }).catch((e) => e)
      expect(error, name).toBeInstanceOf(InvalidPaddingError)
      const stream = decryptStream({ ciphertext: chunkedStream(envelope, [300]), dataKey, context })
      await expect(readAll(stream), name).rejects.toBeInstanceOf(InvalidPaddingError)
    }
  })
})
