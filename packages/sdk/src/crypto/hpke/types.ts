/** Parameters of a single-shot HPKE seal. Internal. */
export type HpkeSealParameters = {
  recipientPublicKey: Uint8Array
  plaintext: Uint8Array
  info: Uint8Array
  aad?: Uint8Array | undefined
  /** RFC 9180 test vectors only: the ephemeral key's `ikmE` (DeriveKeyPair input). */
  ikmE?: Uint8Array | undefined
}

/** Result of a single-shot HPKE seal: the encapsulated key and the ciphertext (with tag). */
export type HpkeSealed = { enc: Uint8Array; ciphertext: Uint8Array }

/** Parameters of a single-shot HPKE open. Internal. */
export type HpkeOpenParameters = {
  privateKey: Uint8Array
  enc: Uint8Array
  ciphertext: Uint8Array
  info: Uint8Array
  aad?: Uint8Array | undefined
}
