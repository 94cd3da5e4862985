import { errorDocsPath, MedChainError } from './base.js'

// Every error the crypto and key modules throw. Each has a `### Name` section under
// "## Crypto errors" in docs/reference/errors.md; `docsPath` points at it.

/**
 * A segment of an envelope body failed to authenticate: the ciphertext was altered, segments were
 * reordered, duplicated or spliced from another envelope, or the envelope was cut inside a segment.
 *
 * @example
 * ```ts
 * import { DecryptionFailedError } from '@medchain/sdk/crypto'
 *
 * try {
 *   await decryptEnvelope({ envelope, dataKey, context })
 * } catch (error) {
 *   if (error instanceof DecryptionFailedError) console.warn('tampered record', error.segment)
 * }
 * ```
 */
export class DecryptionFailedError extends MedChainError {
  override name = 'DecryptionFailedError'
  /** Index of the segment that failed (0-based). */
  readonly segment: number
  constructor({ segment, cause }: { segment: number; cause?: unknown }) {
    super(`Segment ${segment} of the envelope failed to authenticate.`, {
      docsPath: errorDocsPath('DecryptionFailedError'),
      metaMessages: [
        'The ciphertext was altered, its segments were reordered, duplicated or spliced, or it was cut short.',
        'Fetch the record again by its CID (the bytes must hash to it); do not use any partial output.',
      ],
      cause,
    })
    this.segment = segment
  }
}

/**
 * The data key does not match the key commitment in the envelope header: it is the wrong key for this
 * envelope (for example a wrapped data key that belongs to another record).
 *
 * @example
 * ```ts
 * import { KeyCommitmentMismatchError } from '@medchain/sdk/crypto'
 *
 * const error = new KeyCommitmentMismatchError()
 * console.log(error.name) // 'KeyCommitmentMismatchError'
 * ```
 */
export class KeyCommitmentMismatchError extends MedChainError {
  override name = 'KeyCommitmentMismatchError'
  constructor() {
    super('The data key does not match the key commitment of this envelope.', {
      docsPath: errorDocsPath('KeyCommitmentMismatchError'),
      metaMessages: [
        'Unwrap the data key that belongs to this record (same record, scope and epoch), then try again.',
        'If the key is right, the header salt or commitment was altered.',
      ],
    })
  }
}

/**
 * The envelope's version byte names a format this SDK cannot read.
 *
 * @example
 * ```ts
 * import { UnsupportedEnvelopeVersionError } from '@medchain/sdk/crypto'
 *
 * const error = new UnsupportedEnvelopeVersionError({ version: 2 })
 * console.log(error.version) // 2
 * ```
 */
export class UnsupportedEnvelopeVersionError extends MedChainError {
  override name = 'UnsupportedEnvelopeVersionError'
  /** The version byte found in the header. */
  readonly version: number
  constructor({ version }: { version: number }) {
    super(`Envelope version ${version} is not supported (this SDK reads version 1).`, {
      docsPath: errorDocsPath('UnsupportedEnvelopeVersionError'),
      metaMessages: ['Upgrade @medchain/sdk to a release that reads this envelope version.'],
    })
    this.version = version
  }
}

/**
 * The envelope's suite byte names an algorithm suite this SDK does not implement.
 *
 * @example
 * ```ts
 * import { UnsupportedEnvelopeSuiteError } from '@medchain/sdk/crypto'
 *
 * const error = new UnsupportedEnvelopeSuiteError({ suite: 9 })
 * console.log(error.suite) // 9
 * ```
 */
export class UnsupportedEnvelopeSuiteError extends MedChainError {
  override name = 'UnsupportedEnvelopeSuiteError'
  /** The suite byte found in the header. */
  readonly suite: number
  constructor({ suite }: { suite: number }) {
    super(`Envelope suite 0x${suite.toString(16).padStart(2, '0')} is not supported.`, {
      docsPath: errorDocsPath('UnsupportedEnvelopeSuiteError'),
      metaMessages: [
        'Version 1 defines suite 0x01 only (AES-256-GCM, HKDF-SHA256). Upgrade the SDK or check the bytes.',
      ],
    })
    this.suite = suite
  }
}

/**
 * The bytes are not a MedChain envelope, or its header is malformed (short, bad magic, reserved
 * flags set, segment size out of range).
 *
 * @example
 * ```ts
 * import { InvalidEnvelopeHeaderError } from '@medchain/sdk/crypto'
 *
 * const error = new InvalidEnvelopeHeaderError({ reason: 'bad magic' })
 * console.log(error.details) // 'bad magic'
 * ```
 */
export class InvalidEnvelopeHeaderError extends MedChainError {
  override name = 'InvalidEnvelopeHeaderError'
  constructor({ reason }: { reason: string }) {
    super('The bytes are not a valid MedChain envelope header.', {
      docsPath: errorDocsPath('InvalidEnvelopeHeaderError'),
      details: reason,
      metaMessages: [
        'Pass the whole envelope, starting at its first byte (magic "MCEN").',
        'Check that the CID resolves to a record, not to a key envelope or another file.',
      ],
    })
  }
}

/**
 * The envelope ends before its final segment: it was truncated at a segment boundary, or its body
 * is shorter than one authentication tag.
 *
 * @example
 * ```ts
 * import { TruncatedEnvelopeError } from '@medchain/sdk/crypto'
 *
 * const error = new TruncatedEnvelopeError({ segments: 3 })
 * console.log(error.segments) // 3
 * ```
 */
export class TruncatedEnvelopeError extends MedChainError {
  override name = 'TruncatedEnvelopeError'
  /** Number of complete segments that were read before the end. */
  readonly segments: number
  constructor({ segments }: { segments: number }) {
    super(`The envelope ends after ${segments} segment(s), before its final segment.`, {
      docsPath: errorDocsPath('TruncatedEnvelopeError'),
      metaMessages: [
        'The download or the stream was cut short. Fetch the whole record again by its CID.',
      ],
    })
    this.segments = segments
  }
}

/**
 * The envelope header does not authenticate for the given record context: the record belongs to a
 * different patient, chain, contract or scope, or its header was altered.
 *
 * @example
 * ```ts
 * import { RecordContextMismatchError } from '@medchain/sdk/crypto'
 *
 * const error = new RecordContextMismatchError()
 * console.log(error.name) // 'RecordContextMismatchError'
 * ```
 */
export class RecordContextMismatchError extends MedChainError {
  override name = 'RecordContextMismatchError'
  constructor() {
    super(
      'The envelope does not belong to this record context (patient, chain, contract, scope).',
      {
        docsPath: errorDocsPath('RecordContextMismatchError'),
        metaMessages: [
          'Build the context from the record anchor on chain: patient address, chain id, contract address and scope id.',
          'If they are right, the envelope header was altered.',
        ],
      },
    )
  }
}

/**
 * The length-padding of a padded envelope is malformed (non-zero padding bytes, a length trailer
 * that does not fit, or a padded length that is not the Padmé length).
 *
 * @example
 * ```ts
 * import { InvalidPaddingError } from '@medchain/sdk/crypto'
 *
 * const error = new InvalidPaddingError({ reason: 'non-zero padding' })
 * console.log(error.details) // 'non-zero padding'
 * ```
 */
export class InvalidPaddingError extends MedChainError {
  override name = 'InvalidPaddingError'
  constructor({ reason }: { reason: string }) {
    super('The envelope padding is malformed.', {
      docsPath: errorDocsPath('InvalidPaddingError'),
      details: reason,
      metaMessages: [
        'The envelope authenticated, so whoever holds the data key produced it: treat the record as corrupt and ask its author to re-upload.',
      ],
    })
  }
}

/**
 * The plaintext needs more segments than a 32-bit segment counter can number.
 *
 * @example
 * ```ts
 * import { EnvelopeTooLargeError } from '@medchain/sdk/crypto'
 *
 * const error = new EnvelopeTooLargeError({ segmentSize: 65536 })
 * console.log(error.name) // 'EnvelopeTooLargeError'
 * ```
 */
export class EnvelopeTooLargeError extends MedChainError {
  override name = 'EnvelopeTooLargeError'
  constructor({ segmentSize }: { segmentSize: number }) {
    super(`The plaintext needs more than 2^32 segments of ${segmentSize} bytes.`, {
      docsPath: errorDocsPath('EnvelopeTooLargeError'),
      metaMessages: ['Use a larger segmentSize (up to 16 MiB), or split the record.'],
    })
  }
}

/**
 * A record context field is invalid (not an address, chain id out of range, scope not a uint8).
 *
 * @example
 * ```ts
 * import { InvalidRecordContextError } from '@medchain/sdk/crypto'
 *
 * const error = new InvalidRecordContextError({ field: 'scope', reason: 'must be an integer 0-255' })
 * console.log(error.field) // 'scope'
 * ```
 */
export class InvalidRecordContextError extends MedChainError {
  override name = 'InvalidRecordContextError'
  /** The invalid field. */
  readonly field: string
  constructor({ field, reason }: { field: string; reason: string }) {
    super(`Invalid record context: \`${field}\` ${reason}.`, {
      docsPath: errorDocsPath('InvalidRecordContextError'),
      metaMessages: [
        'A record context is { patient: Address, chainId: bigint | number, contract: Address, scope: uint8 }.',
      ],
    })
    this.field = field
  }
}

/**
 * A key argument is not a `Uint8Array` of the required length.
 *
 * @example
 * ```ts
 * import { InvalidKeyLengthError } from '@medchain/sdk/crypto'
 *
 * const error = new InvalidKeyLengthError({ name: 'dataKey', expected: 32, received: 16 })
 * console.log(error.shortMessage) // '`dataKey` must be 32 bytes, received 16.'
 * ```
 */
export class InvalidKeyLengthError extends MedChainError {
  override name = 'InvalidKeyLengthError'
  constructor({
    name,
    expected,
    received,
  }: {
    name: string
    expected: number
    received: number | string
  }) {
    super(
      `\`${name}\` must be ${expected} bytes, received ${typeof received === 'number' ? received : `a ${received}`}.`,
      {
        docsPath: errorDocsPath('InvalidKeyLengthError'),
        metaMessages: [
          'Keys are raw bytes (Uint8Array), not hex or base64 strings. Decode them first.',
        ],
      },
    )
  }
}

/**
 * A byte argument (plaintext, ciphertext, nonce, ...) is not a `Uint8Array` or has the wrong length.
 *
 * @example
 * ```ts
 * import { InvalidBytesError } from '@medchain/sdk/crypto'
 *
 * const error = new InvalidBytesError({ name: 'plaintext', reason: 'must be a Uint8Array' })
 * console.log(error.shortMessage) // '`plaintext` must be a Uint8Array.'
 * ```
 */
export class InvalidBytesError extends MedChainError {
  override name = 'InvalidBytesError'
  constructor({ name, reason }: { name: string; reason: string }) {
    super(`\`${name}\` ${reason}.`, {
      docsPath: errorDocsPath('InvalidBytesError'),
      metaMessages: ['Pass raw bytes as a Uint8Array (a Node Buffer is fine).'],
    })
  }
}

/**
 * An X25519 public key is not 32 bytes, or is a low-order point that gives an all-zero shared secret.
 *
 * @example
 * ```ts
 * import { InvalidPublicKeyError } from '@medchain/sdk/crypto'
 *
 * const error = new InvalidPublicKeyError({ reason: 'must be 32 bytes, received 33' })
 * console.log(error.details)
 * ```
 */
export class InvalidPublicKeyError extends MedChainError {
  override name = 'InvalidPublicKeyError'
  constructor({ reason, cause }: { reason: string; cause?: unknown }) {
    super('The recipient public key is not a usable X25519 public key.', {
      docsPath: errorDocsPath('InvalidPublicKeyError'),
      details: reason,
      metaMessages: [
        "Read the grantee's encryption public key (32 bytes, X25519) from the registry; do not pass an Ethereum public key.",
      ],
      cause,
    })
  }
}

/**
 * A segment size is not a power of two between 64 KiB and 16 MiB.
 *
 * @example
 * ```ts
 * import { InvalidSegmentSizeError } from '@medchain/sdk/crypto'
 *
 * const error = new InvalidSegmentSizeError({ segmentSize: 1000 })
 * console.log(error.name) // 'InvalidSegmentSizeError'
 * ```
 */
export class InvalidSegmentSizeError extends MedChainError {
  override name = 'InvalidSegmentSizeError'
  constructor({ segmentSize }: { segmentSize: number }) {
    super(
      `Segment size ${segmentSize} is not a power of two from 65536 (64 KiB) to 16777216 (16 MiB).`,
      {
        docsPath: errorDocsPath('InvalidSegmentSizeError'),
        metaMessages: ['Leave `segmentSize` out to use the default of 1 MiB.'],
      },
    )
  }
}

/**
 * A key envelope or wrapped key is addressed to a different public key than the key provider's.
 *
 * @example
 * ```ts
 * import { WrongRecipientError } from '@medchain/sdk/crypto'
 *
 * const error = new WrongRecipientError()
 * console.log(error.name) // 'WrongRecipientError'
 * ```
 */
export class WrongRecipientError extends MedChainError {
  override name = 'WrongRecipientError'
  constructor() {
    super('This key envelope is addressed to a different encryption public key.', {
      docsPath: errorDocsPath('WrongRecipientError'),
      metaMessages: [
        "Open it with the key provider whose public key the grant was made to, or ask the patient to grant again to this provider's public key.",
      ],
    })
  }
}

/**
 * A wrapped key failed to unwrap: wrong private key, wrong binding (patient, chain, contract,
 * scope, epoch or record), or the wrapped bytes were altered.
 *
 * @example
 * ```ts
 * import { KeyUnwrapFailedError } from '@medchain/sdk/crypto'
 *
 * const error = new KeyUnwrapFailedError({ reason: 'HPKE open failed' })
 * console.log(error.details) // 'HPKE open failed'
 * ```
 */
export class KeyUnwrapFailedError extends MedChainError {
  override name = 'KeyUnwrapFailedError'
  constructor({ reason, cause }: { reason: string; cause?: unknown }) {
    super('The wrapped key could not be unwrapped.', {
      docsPath: errorDocsPath('KeyUnwrapFailedError'),
      details: reason,
      metaMessages: [
        'Check the key provider, and that patient, chain id, contract, scope and epoch (or record) are the ones the key was wrapped for.',
        'If they are right, the wrapped key was altered: fetch it again.',
      ],
      cause,
    })
  }
}

/**
 * A wrapped key uses an algorithm the key provider cannot unwrap (e.g. an HPKE-wrapped key given to
 * the MetaMask legacy provider).
 *
 * @example
 * ```ts
 * import { UnsupportedWrapAlgorithmError } from '@medchain/sdk/crypto'
 *
 * const error = new UnsupportedWrapAlgorithmError({ algorithm: 'rsa', provider: 'raw' })
 * console.log(error.name) // 'UnsupportedWrapAlgorithmError'
 * ```
 */
export class UnsupportedWrapAlgorithmError extends MedChainError {
  override name = 'UnsupportedWrapAlgorithmError'
  constructor({ algorithm, provider }: { algorithm: string; provider?: string | undefined }) {
    super(
      provider
        ? `The ${provider} key provider cannot unwrap keys wrapped with "${algorithm}".`
        : `Unknown key wrap algorithm "${algorithm}".`,
      {
        docsPath: errorDocsPath('UnsupportedWrapAlgorithmError'),
        metaMessages: [
          'Wrap keys with the algorithm the recipient registered: "hpke-x25519-sha256-aes256gcm" (default) or "x25519-xsalsa20-poly1305" (MetaMask legacy).',
        ],
      },
    )
  }
}

/**
 * A wrapped key (or wrapped data key) is malformed: wrong field lengths, bad encoding, unknown
 * version.
 *
 * @example
 * ```ts
 * import { InvalidWrappedKeyError } from '@medchain/sdk/crypto'
 *
 * const error = new InvalidWrappedKeyError({ reason: 'must be 61 bytes' })
 * console.log(error.details) // 'must be 61 bytes'
 * ```
 */
export class InvalidWrappedKeyError extends MedChainError {
  override name = 'InvalidWrappedKeyError'
  constructor({ reason }: { reason: string }) {
    super('The wrapped key is malformed.', {
      docsPath: errorDocsPath('InvalidWrappedKeyError'),
      details: reason,
      metaMessages: ['Pass the wrapped key bytes exactly as they were stored.'],
    })
  }
}

/**
 * The bytes are not a valid, canonically encoded key envelope (grant).
 *
 * @example
 * ```ts
 * import { InvalidKeyEnvelopeError } from '@medchain/sdk/crypto'
 *
 * const error = new InvalidKeyEnvelopeError({ reason: 'not canonical JSON' })
 * console.log(error.details) // 'not canonical JSON'
 * ```
 */
export class InvalidKeyEnvelopeError extends MedChainError {
  override name = 'InvalidKeyEnvelopeError'
  constructor({ reason, cause }: { reason: string; cause?: unknown }) {
    super('The bytes are not a valid MedChain key envelope.', {
      docsPath: errorDocsPath('InvalidKeyEnvelopeError'),
      details: reason,
      metaMessages: [
        'Fetch the key envelope by the CID the consent contract records for this grant, and pass its bytes unchanged.',
      ],
      cause,
    })
  }
}

/**
 * The key envelope declares a version this SDK cannot read.
 *
 * @example
 * ```ts
 * import { UnsupportedKeyEnvelopeVersionError } from '@medchain/sdk/crypto'
 *
 * const error = new UnsupportedKeyEnvelopeVersionError({ version: 7 })
 * console.log(error.version) // 7
 * ```
 */
export class UnsupportedKeyEnvelopeVersionError extends MedChainError {
  override name = 'UnsupportedKeyEnvelopeVersionError'
  /** The version found. */
  readonly version: unknown
  constructor({ version }: { version: unknown }) {
    super(`Key envelope version ${String(version)} is not supported (this SDK reads version 1).`, {
      docsPath: errorDocsPath('UnsupportedKeyEnvelopeVersionError'),
      metaMessages: ['Upgrade @medchain/sdk to a release that reads this key envelope version.'],
    })
    this.version = version
  }
}

/**
 * A key envelope names a different patient, chain or contract than the caller expected.
 *
 * @example
 * ```ts
 * import { KeyEnvelopeContextMismatchError } from '@medchain/sdk/crypto'
 *
 * const error = new KeyEnvelopeContextMismatchError({ field: 'patient' })
 * console.log(error.field) // 'patient'
 * ```
 */
export class KeyEnvelopeContextMismatchError extends MedChainError {
  override name = 'KeyEnvelopeContextMismatchError'
  /** The field that differs. */
  readonly field: string
  constructor({ field }: { field: string }) {
    super(`The key envelope is for a different ${field} than expected.`, {
      docsPath: errorDocsPath('KeyEnvelopeContextMismatchError'),
      metaMessages: [
        'Only open key envelopes whose CID the consent contract records for this patient, chain and contract.',
      ],
    })
    this.field = field
  }
}

/**
 * The wallet returned two different signatures for the same EIP-712 message, so a key derived from
 * its signature would not be reproducible.
 *
 * @example
 * ```ts
 * import { NonDeterministicWalletError } from '@medchain/sdk/crypto'
 *
 * const error = new NonDeterministicWalletError({ address: '0x0000000000000000000000000000000000000001' })
 * console.log(error.name) // 'NonDeterministicWalletError'
 * ```
 */
export class NonDeterministicWalletError extends MedChainError {
  override name = 'NonDeterministicWalletError'
  constructor({ address }: { address: string }) {
    super(
      `The wallet for ${address} signs non-deterministically; it cannot derive an encryption key.`,
      {
        docsPath: errorDocsPath('NonDeterministicWalletError'),
        metaMessages: [
          'Use a wallet with deterministic (RFC 6979) signatures, or a raw key provider with a keystore file.',
        ],
      },
    )
  }
}

/**
 * A wallet returned a signature that is not a 64- or 65-byte ECDSA signature.
 *
 * @example
 * ```ts
 * import { InvalidWalletSignatureError } from '@medchain/sdk/crypto'
 *
 * const error = new InvalidWalletSignatureError({ reason: 'expected 65 bytes, received 12' })
 * console.log(error.details)
 * ```
 */
export class InvalidWalletSignatureError extends MedChainError {
  override name = 'InvalidWalletSignatureError'
  constructor({ reason }: { reason: string }) {
    super('The wallet returned a signature that is not an ECDSA signature.', {
      docsPath: errorDocsPath('InvalidWalletSignatureError'),
      details: reason,
      metaMessages: [
        'Smart-contract wallets (ERC-1271) cannot derive keys from signatures: use a raw key provider instead.',
      ],
    })
  }
}

/**
 * A wallet or key-provider request failed or was rejected (e.g. the user rejected `eth_decrypt`).
 *
 * @example
 * ```ts
 * import { KeyProviderRequestError } from '@medchain/sdk/crypto'
 *
 * const error = new KeyProviderRequestError({ method: 'eth_decrypt', cause: new Error('User rejected') })
 * console.log(error.method) // 'eth_decrypt'
 * ```
 */
export class KeyProviderRequestError extends MedChainError {
  override name = 'KeyProviderRequestError'
  /** The request that failed. */
  readonly method: string
  constructor({ method, cause }: { method: string; cause?: unknown }) {
    super(`The key provider request \`${method}\` failed.`, {
      docsPath: errorDocsPath('KeyProviderRequestError'),
      metaMessages: [
        'If the user rejected the request, ask again; otherwise check that the wallet is unlocked and supports the method.',
      ],
      cause,
    })
    this.method = method
  }
}

/**
 * The keystore file is not a valid MedChain keystore (JSON shape, parameters, lengths).
 *
 * @example
 * ```ts
 * import { InvalidKeystoreError } from '@medchain/sdk/crypto'
 *
 * const error = new InvalidKeystoreError({ reason: 'missing kdf' })
 * console.log(error.details) // 'missing kdf'
 * ```
 */
export class InvalidKeystoreError extends MedChainError {
  override name = 'InvalidKeystoreError'
  constructor({ reason, cause }: { reason: string; cause?: unknown }) {
    super('The keystore is not a valid MedChain keystore.', {
      docsPath: errorDocsPath('InvalidKeystoreError'),
      details: reason,
      metaMessages: [
        'Pass the file written by `saveKeystore` or the string from `encryptKeystore`.',
      ],
      cause,
    })
  }
}

/**
 * The keystore did not decrypt: the password is wrong or the file was altered.
 *
 * @example
 * ```ts
 * import { KeystoreDecryptionFailedError } from '@medchain/sdk/crypto'
 *
 * const error = new KeystoreDecryptionFailedError()
 * console.log(error.name) // 'KeystoreDecryptionFailedError'
 * ```
 */
export class KeystoreDecryptionFailedError extends MedChainError {
  override name = 'KeystoreDecryptionFailedError'
  constructor() {
    super('The keystore did not decrypt: wrong password, or the file was altered.', {
      docsPath: errorDocsPath('KeystoreDecryptionFailedError'),
      metaMessages: [
        'Check the password (it is case- and whitespace-sensitive), or restore the file from backup.',
      ],
    })
  }
}

/**
 * The operation needs a runtime feature that is missing here (e.g. keystore files outside Node,
 * or no WebCrypto).
 *
 * @example
 * ```ts
 * import { UnsupportedRuntimeError } from '@medchain/sdk/crypto'
 *
 * const error = new UnsupportedRuntimeError({ feature: 'node:fs' })
 * console.log(error.shortMessage)
 * ```
 */
export class UnsupportedRuntimeError extends MedChainError {
  override name = 'UnsupportedRuntimeError'
  constructor({ feature }: { feature: string }) {
    super(`This operation needs ${feature}, which this runtime does not provide.`, {
      docsPath: errorDocsPath('UnsupportedRuntimeError'),
      metaMessages: [
        'Keystore files need Node.js >= 20; everything else needs WebCrypto (Node >= 20 or a current browser).',
      ],
    })
  }
}

/**
 * The operation was aborted through its `signal`.
 *
 * @example
 * ```ts
 * import { CryptoAbortedError } from '@medchain/sdk/crypto'
 *
 * const controller = new AbortController()
 * controller.abort()
 * const error = new CryptoAbortedError({ cause: controller.signal.reason })
 * console.log(error.name) // 'CryptoAbortedError'
 * ```
 */
export class CryptoAbortedError extends MedChainError {
  override name = 'CryptoAbortedError'
  constructor({ cause }: { cause?: unknown } = {}) {
    super('The operation was aborted.', {
      docsPath: errorDocsPath('CryptoAbortedError'),
      metaMessages: [
        'Any partial output is incomplete and unauthenticated as a whole: discard it.',
      ],
      cause,
    })
  }
}

/**
 * A key epoch is not an integer from 0 to 2^32 - 1.
 *
 * @example
 * ```ts
 * import { InvalidKeyEpochError } from '@medchain/sdk/crypto'
 *
 * const error = new InvalidKeyEpochError({ epoch: -1 })
 * console.log(error.name) // 'InvalidKeyEpochError'
 * ```
 */
export class InvalidKeyEpochError extends MedChainError {
  override name = 'InvalidKeyEpochError'
  constructor({ epoch }: { epoch: unknown }) {
    super(`Key epoch ${String(epoch)} is not an integer from 0 to 4294967295.`, {
      docsPath: errorDocsPath('InvalidKeyEpochError'),
      metaMessages: ['Read the current epoch of the scope from the consent contract.'],
    })
  }
}

/**
 * A keystore file could not be read or written (missing file, permissions, or it already exists
 * and `overwrite` is false).
 *
 * @example
 * ```ts
 * import { KeystoreFileError } from '@medchain/sdk/crypto'
 *
 * const error = new KeystoreFileError({ path: './key.json', operation: 'write' })
 * console.log(error.path) // './key.json'
 * ```
 */
export class KeystoreFileError extends MedChainError {
  override name = 'KeystoreFileError'
  /** The file path. */
  readonly path: string
  constructor({
    path,
    operation,
    cause,
  }: { path: string; operation: 'read' | 'write'; cause?: unknown }) {
    super(`Cannot ${operation} the keystore file ${path}.`, {
      docsPath: errorDocsPath('KeystoreFileError'),
      metaMessages: [
        operation === 'write'
          ? 'Check the directory exists and is writable; pass `overwrite: true` to replace an existing file.'
          : 'Check the path and the file permissions.',
      ],
      cause,
    })
    this.path = path
  }
}
