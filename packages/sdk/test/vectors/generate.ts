// Regenerates envelope-v1.json. Run from packages/sdk:  npx tsx test/vectors/generate.ts
// Every random input (data key, salt, nonce prefix, HPKE ikmE, AES-GCM nonce) is fixed below and
// derived from a label with SHA-256, so the file is reproducible byte for byte;
// src/crypto/envelope/vectors.test.ts re-derives every value and compares.
import { writeFileSync } from 'node:fs'
import { sha256 } from '@noble/hashes/sha2.js'
import { aesGcmSeal } from '../../src/crypto/aead/aesGcm.js'
import { encodeRecordContext } from '../../src/crypto/envelope/context.js'
import { encryptEnvelope } from '../../src/crypto/envelope/encryptEnvelope.js'
import { unsafeFixedRandomness } from '../../src/crypto/envelope/internal.js'
import { deriveEnvelopeKeys } from '../../src/crypto/envelope/keySchedule.js'
import { hpkeSeal } from '../../src/crypto/hpke/hpke.js'
import { x25519PublicKey } from '../../src/crypto/hpke/x25519.js'
import { concatBytes, toHex, utf8 } from '../../src/crypto/utils/bytes.js'
import { dataKeyAad, recordKeyBinding, scopeKeyBinding } from '../../src/keys/bindings.js'

/** 32 (or `length`) bytes that anyone can recompute: SHA-256("medchain test vector " + label). */
export function fixedBytes(label: string, length = 32): Uint8Array {
  return sha256(utf8(`medchain test vector ${label}`)).slice(0, length)
}

/** Pattern plaintext: byte i = (i * 31 + seed) mod 251. */
export function patternBytes(length: number, seed: number): Uint8Array {
  const out = new Uint8Array(length)
  for (let i = 0; i < length; i++) out[i] = (i * 31 + seed) % 251
  return out
}

export const vectorContext = {
  patient: '0x70997970C51812dc3A010C7d01b50e0d17dc79C8',
  chainId: 31337n,
  contract: '0x5FbDB2315678afecb367f032d93F642f64180aa3',
  scope: 1,
} as const

type PlaintextSpec = { utf8: string } | { pattern: { length: number; seed: number } }

const envelopeCases: {
  name: string
  plaintext: PlaintextSpec
  padding: boolean
  segmentSize: number
  full: boolean
}[] = [
  {
    name: 'worked-example',
    plaintext: { utf8: 'Hello, MedChain!' },
    padding: true,
    segmentSize: 1 << 20,
    full: true,
  },
  {
    name: 'empty-unpadded',
    plaintext: { utf8: '' },
    padding: false,
    segmentSize: 1 << 16,
    full: true,
  },
  {
    name: 'empty-padded',
    plaintext: { utf8: '' },
    padding: true,
    segmentSize: 1 << 16,
    full: true,
  },
  {
    name: 'three-segments-and-one-byte-unpadded',
    plaintext: { pattern: { length: 3 * 65536 + 1, seed: 7 } },
    padding: false,
    segmentSize: 1 << 16,
    full: false,
  },
  {
    name: 'two-segments-padded',
    plaintext: { pattern: { length: 2 * 65536 + 1000, seed: 8 } },
    padding: true,
    segmentSize: 1 << 16,
    full: false,
  },
]

export function plaintextOf(spec: PlaintextSpec): Uint8Array {
  return 'utf8' in spec ? utf8(spec.utf8) : patternBytes(spec.pattern.length, spec.pattern.seed)
}

export async function generate() {
  const contextBytes = encodeRecordContext(vectorContext)
  const envelopes = []
  for (const c of envelopeCases) {
    const randomness = {
      dataKey: fixedBytes(`${c.name} data key`),
      salt: fixedBytes(`${c.name} salt`),
      noncePrefix: fixedBytes(`${c.name} nonce prefix`, 7),
    }
    const plaintext = plaintextOf(c.plaintext)
    const { envelope } = await encryptEnvelope({
      plaintext,
      context: vectorContext,
      padding: c.padding,
      segmentSize: c.segmentSize,
      [unsafeFixedRandomness]: randomness,
    })
    const keys = deriveEnvelopeKeys(randomness.dataKey, randomness.salt)
    envelopes.push({
      name: c.name,
      plaintext: c.plaintext,
      padding: c.padding,
      segmentSize: c.segmentSize,
      dataKey: toHex(randomness.dataKey),
      salt: toHex(randomness.salt),
      noncePrefix: toHex(randomness.noncePrefix),
      encryptionKey: toHex(keys.encryptionKey),
      commitment: toHex(keys.commitment),
      headerKey: toHex(keys.headerKey),
      header: toHex(envelope.subarray(0, 111)),
      envelopeLength: envelope.length,
      envelopeSha256: toHex(sha256(envelope)),
      ...(c.full ? { envelope: toHex(envelope) } : {}),
    })
  }

  // A data key wrapped under a scope key (AES-256-GCM, fixed nonce).
  const scopeKey = fixedBytes('scope key')
  const dataKey = fixedBytes('worked-example data key')
  const nonce = fixedBytes('data key wrap nonce', 12)
  const epoch = 3
  const aad = dataKeyAad(vectorContext, epoch)
  const wrappedDataKey = concatBytes(
    Uint8Array.of(1),
    nonce,
    await aesGcmSeal(scopeKey, nonce, aad, dataKey),
  )

  // A scope key wrapped to a grantee with HPKE (fixed ikmE), and a record key binding.
  const recipientPrivateKey = fixedBytes('grantee private key')
  const ikmE = fixedBytes('grant ikmE')
  const grantee = '0x90F79bf6EB2c4f870365E785982E1f101E93b906'
  const info = scopeKeyBinding({ context: vectorContext, epoch, grantee })
  const grant = await hpkeSeal({
    recipientPublicKey: x25519PublicKey(recipientPrivateKey),
    plaintext: scopeKey,
    info,
    ikmE,
  })

  return {
    description:
      'MedChain envelope v1 and key-wrapping known-answer vectors. Generated by test/vectors/generate.ts; checked by src/crypto/envelope/vectors.test.ts. Byte strings are lower-case hex.',
    context: {
      ...vectorContext,
      chainId: vectorContext.chainId.toString(),
      encoded: toHex(contextBytes),
    },
    envelopes,
    dataKeyWrap: {
      scopeKey: toHex(scopeKey),
      dataKey: toHex(dataKey),
      epoch,
      nonce: toHex(nonce),
      aad: toHex(aad),
      wrappedDataKey: toHex(wrappedDataKey),
    },
    scopeKeyGrant: {
      grantee,
      recipientPrivateKey: toHex(recipientPrivateKey),
      recipientPublicKey: toHex(x25519PublicKey(recipientPrivateKey)),
      scopeKey: toHex(scopeKey),
      epoch,
      info: toHex(info),
      ikmE: toHex(ikmE),
      enc: toHex(grant.enc),
      ciphertext: toHex(grant.ciphertext),
    },
    recordKeyBinding: {
      grantee,
      record: 'bafkreigh2akiscaildcqabsyg3dfr6chu3fgpregiymsck7e7aqa4s52zy',
      info: toHex(
        recordKeyBinding({
          context: vectorContext,
          grantee,
          record: 'bafkreigh2akiscaildcqabsyg3dfr6chu3fgpregiymsck7e7aqa4s52zy',
        }),
      ),
    },
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const vectors = await generate()
  writeFileSync(
    new URL('./envelope-v1.json', import.meta.url),
    `${JSON.stringify(vectors, null, 2)}\n`,
  )
  console.log('wrote test/vectors/envelope-v1.json')
}
