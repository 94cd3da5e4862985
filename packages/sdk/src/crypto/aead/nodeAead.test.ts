import * as crypto from 'node:crypto'
import { describe, expect, test } from 'vitest'
import { nodeAeadKey } from './nodeAead.js'
import { tagLength } from './types.js'

const key = new Uint8Array(32).map((_, i) => i)
const nonce = new Uint8Array(12).fill(7)
const aad = new TextEncoder().encode('header')
const plaintext = new Uint8Array(3 * 1024 * 1024 + 5).map((_, i) => (i * 31) & 0xff)

/** Cuts `bytes` into consecutive views at `cuts`. */
function split(bytes: Uint8Array, cuts: number[]): Uint8Array[] {
  const bounds = [0, ...cuts, bytes.length]
  return bounds.slice(1).map((end, i) => bytes.subarray(bounds[i], end))
}

function sealWhole(): Uint8Array {
  const aead = nodeAeadKey(crypto, key)
  const out = new Uint8Array(plaintext.length + tagLength)
  aead.sealSync?.(nonce, aad, plaintext, out, 0)
  return out
}

describe('nodeAeadKey with a segment given as parts', () => {
  const sealed = sealWhole()
  const cutsList = [
    [],
    [1],
    [1024 * 1024, 1024 * 1024 + 1],
    [7, 100_000, 2 * 1024 * 1024 + 3],
    [sealed.length - 1], // the tag split 15 + 1
    [sealed.length - 9, sealed.length - 3], // the tag across three parts
  ]

  test('sealing parts gives the bytes of sealing the whole, also at an offset', () => {
    const aead = nodeAeadKey(crypto, key)
    for (const cuts of cutsList) {
      const out = new Uint8Array(3 + sealed.length)
      aead.sealSync?.(
        nonce,
        aad,
        split(
          plaintext,
          cuts.filter((c) => c < plaintext.length),
        ),
        out,
        3,
      )
      expect(Buffer.from(out.subarray(3)).equals(Buffer.from(sealed))).toBe(true)
      expect(out.subarray(0, 3)).toEqual(new Uint8Array(3))
    }
    // And the same as one raw node:crypto call.
    const cipher = crypto.createCipheriv('aes-256-gcm', key, nonce)
    cipher.setAAD(aad)
    const raw = Buffer.concat([cipher.update(plaintext), cipher.final(), cipher.getAuthTag()])
    expect(raw.equals(Buffer.from(sealed))).toBe(true)
  })

  test('opening parts gives the plaintext, wherever the parts split the body and the tag', () => {
    const aead = nodeAeadKey(crypto, key)
    for (const cuts of cutsList) {
      const out = new Uint8Array(plaintext.length)
      expect(aead.openSync?.(nonce, aad, split(sealed, cuts), out, 0)).toBe(true)
      expect(Buffer.from(out).equals(Buffer.from(plaintext))).toBe(true)
    }
  })

  test('a flipped bit in any part (body or tag) fails and leaves the output zeroed', () => {
    const aead = nodeAeadKey(crypto, key)
    for (const at of [
      0,
      1024 * 1024,
      sealed.length - tagLength - 1,
      sealed.length - 8,
      sealed.length - 1,
    ]) {
      const tampered = sealed.slice()
      tampered[at] = (tampered[at] as number) ^ 0x01
      const out = new Uint8Array(plaintext.length)
      const parts = split(tampered, [5, sealed.length - 9, sealed.length - 3])
      expect(aead.openSync?.(nonce, aad, parts, out, 0)).toBe(false)
      expect(out.every((b) => b === 0)).toBe(true)
    }
    expect(
      aead.openSync?.(
        nonce,
        aad,
        [sealed.subarray(0, 10), sealed.subarray(10, 15)],
        new Uint8Array(0),
        0,
      ),
    ).toBe(false)
  })
})
