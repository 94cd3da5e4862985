import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { MedChainError } from '../../errors/base.js'
import {
  DecryptionFailedError,
  KeyCommitmentMismatchError,
  RecordContextMismatchError,
  TruncatedEnvelopeError,
} from '../../errors/crypto.js'
import { chunkedStream, context, flipBit, pattern, readAll } from '../testing/fixtures.js'
import { decryptEnvelope } from './decryptEnvelope.js'
import { decryptStream } from './decryptStream.js'
import { encryptEnvelope } from './encryptEnvelope.js'
import { headerLength } from './format.js'

const seg = 65536
const stride = seg + 16
const numRuns = 150

// One padded and one unpadded envelope of a few segments, reused by every property.
const padded = await encryptEnvelope({
  plaintext: pattern(2 * seg + 1234, 4),
  context,
  segmentSize: seg,
})
const unpadded = await encryptEnvelope({
  plaintext: pattern(3 * seg + 10, 5),
  context,
  segmentSize: seg,
  padding: false,
})
const other = await encryptEnvelope({
  plaintext: pattern(3 * seg + 10, 6),
  context,
  segmentSize: seg,
  padding: false,
})
const samples = [padded, unpadded]

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise
  } catch (error) {
    return error
  }
  return undefined
}

function isTypedCryptoError(error: unknown): boolean {
  return (
    error instanceof MedChainError &&
    error.name !== 'MedChainError' &&
    error.constructor.name === error.name
  )
}

describe('property: any single-bit flip anywhere fails with a typed error', () => {
  test.each([0, 1])('envelope %i, bytes API', async (which) => {
    const { envelope, dataKey } = samples[which]!
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: envelope.length * 8 - 1 }), async (bit) => {
        const flipped = flipBit(envelope, bit)
        const error = await rejection(decryptEnvelope({ envelope: flipped, dataKey, context }))
        expect(isTypedCryptoError(error), String(error)).toBe(true)
      }),
      { numRuns },
    )
  })

  test('header bits specifically (all 888 of them)', async () => {
    const { envelope, dataKey } = unpadded
    const small = await encryptEnvelope({ plaintext: pattern(50), context })
    for (const { envelope: env, dataKey: key } of [{ envelope, dataKey }, small]) {
      for (let bit = 0; bit < headerLength * 8; bit++) {
        const flipped = flipBit(env, bit)
        const error = await rejection(decryptEnvelope({ envelope: flipped, dataKey: key, context }))
        expect(isTypedCryptoError(error), `bit ${bit}: ${String(error)}`).toBe(true)
      }
    }
  })

  test('streams, with random chunking', async () => {
    const { envelope, dataKey } = padded
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: envelope.length * 8 - 1 }),
        fc.array(fc.integer({ min: 1, max: 2 * stride }), { minLength: 1, maxLength: 5 }),
        async (bit, sizes) => {
          const flipped = flipBit(envelope, bit)
          const error = await rejection(
            readAll(decryptStream({ ciphertext: chunkedStream(flipped, sizes), dataKey, context })),
          )
          expect(isTypedCryptoError(error), String(error)).toBe(true)
        },
      ),
      { numRuns: 60 },
    )
  })
})

describe('property: truncated, reordered or spliced envelopes fail', () => {
  test('truncation at any length', async () => {
    for (const { envelope, dataKey } of samples)
      await fc.assert(
        fc.asyncProperty(fc.integer({ min: 0, max: envelope.length - 1 }), async (length) => {
          const error = await rejection(
            decryptEnvelope({ envelope: envelope.slice(0, length), dataKey, context }),
          )
          expect(isTypedCryptoError(error), String(error)).toBe(true)
        }),
        { numRuns },
      )
  })

  test('truncation at a segment boundary is reported as truncation', async () => {
    const { envelope, dataKey } = unpadded
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: 3 }), async (keep) => {
        const error = await rejection(
          decryptEnvelope({
            envelope: envelope.slice(0, headerLength + keep * stride),
            dataKey,
            context,
          }),
        )
        expect(error).toBeInstanceOf(TruncatedEnvelopeError)
      }),
    )
  })

  test('any permutation of segments other than the identity', async () => {
    const { envelope, dataKey } = unpadded
    const count = 4
    const segments = Array.from({ length: count }, (_, i) =>
      envelope.subarray(
        headerLength + i * stride,
        Math.min(envelope.length, headerLength + (i + 1) * stride),
      ),
    )
    await fc.assert(
      fc.asyncProperty(
        fc
          .shuffledSubarray([0, 1, 2, 3], { minLength: count, maxLength: count })
          .filter((p) => p.some((v, i) => v !== i)),
        async (order) => {
          const parts = [envelope.subarray(0, headerLength), ...order.map((i) => segments[i]!)]
          const joined = new Uint8Array(parts.reduce((n, p) => n + p.length, 0))
          let o = 0
          for (const p of parts) {
            joined.set(p, o)
            o += p.length
          }
          const error = await rejection(decryptEnvelope({ envelope: joined, dataKey, context }))
          expect(error).toBeInstanceOf(DecryptionFailedError)
        },
      ),
      { numRuns: 23 },
    )
  })

  test('splicing any byte range from another envelope of the same size', async () => {
    const { envelope, dataKey } = unpadded
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: headerLength, max: envelope.length - 1 }),
        fc.integer({ min: 1, max: stride }),
        async (start, length) => {
          const spliced = envelope.slice()
          spliced.set(
            other.envelope.subarray(start, Math.min(envelope.length, start + length)),
            start,
          )
          const error = await rejection(decryptEnvelope({ envelope: spliced, dataKey, context }))
          expect(error).toBeInstanceOf(DecryptionFailedError)
        },
      ),
      { numRuns: 60 },
    )
  })

  test("another envelope's header → wrong key", async () => {
    const spliced = unpadded.envelope.slice()
    spliced.set(other.envelope.subarray(0, headerLength), 0)
    await expect(
      decryptEnvelope({ envelope: spliced, dataKey: unpadded.dataKey, context }),
    ).rejects.toBeInstanceOf(KeyCommitmentMismatchError)
  })
})

describe('property: wrong patient, chain, contract or scope fails', () => {
  test('any other context', async () => {
    const { envelope, dataKey } = padded
    const address = fc
      .uint8Array({ minLength: 20, maxLength: 20 })
      .map((b) => `0x${Buffer.from(b).toString('hex')}` as const)
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          patient: fc.oneof(fc.constant(context.patient), address),
          chainId: fc.oneof(
            fc.constant(context.chainId),
            fc.bigInt({ min: 1n, max: (1n << 256n) - 1n }),
          ),
          contract: fc.oneof(fc.constant(context.contract), address),
          scope: fc.integer({ min: 0, max: 255 }),
        }),
        async (candidate) => {
          const same =
            candidate.patient.toLowerCase() === context.patient.toLowerCase() &&
            BigInt(candidate.chainId) === BigInt(context.chainId) &&
            candidate.contract.toLowerCase() === context.contract.toLowerCase() &&
            candidate.scope === context.scope
          fc.pre(!same)
          const error = await rejection(decryptEnvelope({ envelope, dataKey, context: candidate }))
          expect(error).toBeInstanceOf(RecordContextMismatchError)
        },
      ),
      { numRuns: 100 },
    )
  })
})
