/**
 * The key of an internal option that fixes the data key, salt and nonce prefix of an envelope.
 * Only known-answer vectors and tests use it: reusing these values for two plaintexts reuses
 * AES-GCM nonces under one key, which destroys confidentiality and integrity. This symbol is not
 * exported from any public entry point.
 */
export const unsafeFixedRandomness: unique symbol = Symbol(
  'medchain.envelope.unsafeFixedRandomness',
)

/** Values {@link unsafeFixedRandomness} fixes. */
export type UnsafeFixedRandomness = {
  /** 32-byte data key. */
  dataKey: Uint8Array
  /** 32-byte salt. */
  salt: Uint8Array
  /** 7-byte nonce prefix. */
  noncePrefix: Uint8Array
}

/** Mixed into the parameters of the encrypt functions. */
export type UnsafeFixedRandomnessOption = {
  /** @internal Test vectors only. Never set this in application code. */
  [unsafeFixedRandomness]?: UnsafeFixedRandomness | undefined
}
