/**
 * An AES-256-GCM key bound to a backend (node:crypto in Node, WebCrypto elsewhere). Internal.
 */
export type AeadKey = {
  /** Which implementation runs the cipher. */
  readonly backend: 'node' | 'web'
  /**
   * How many segments the envelope code should keep in flight. node:crypto runs synchronously, so
   * 1; WebCrypto runs off the main thread, so several segments in parallel are faster.
   */
  readonly concurrency: number
  /** Encrypts `plaintext`, writing ciphertext then the 16-byte tag into `out` at `offset`. */
  seal(
    nonce: Uint8Array,
    aad: Uint8Array,
    plaintext: Uint8Array,
    out: Uint8Array,
    offset: number,
  ): Promise<void>
  /**
   * Decrypts `ciphertext` (which ends with its 16-byte tag) into `out` at `offset`. Returns false
   * if the tag does not verify; the bytes written to `out` are then zeroed garbage.
   */
  open(
    nonce: Uint8Array,
    aad: Uint8Array,
    ciphertext: Uint8Array,
    out: Uint8Array,
    offset: number,
  ): Promise<boolean>
  /**
   * Synchronous `seal`, when the backend is synchronous (node:crypto). The bulk and stream
   * functions use it in a plain loop: in Node, awaiting between segments measurably slows the
   * whole operation (more garbage-collector work and page faults for the same bytes). The
   * plaintext may be given as consecutive parts (views of a stream's chunks), so a segment that
   * spans chunks is never copied together first.
   */
  sealSync?:
    | ((
        nonce: Uint8Array,
        aad: Uint8Array,
        plaintext: Uint8Array | readonly Uint8Array[],
        out: Uint8Array,
        offset: number,
      ) => void)
    | undefined
  /**
   * Synchronous `open`, when the backend is synchronous (node:crypto); the sealed segment may be
   * given as consecutive parts, like `sealSync`'s plaintext.
   */
  openSync?:
    | ((
        nonce: Uint8Array,
        aad: Uint8Array,
        ciphertext: Uint8Array | readonly Uint8Array[],
        out: Uint8Array,
        offset: number,
      ) => boolean)
    | undefined
}

/** AES-GCM tag length in bytes. */
export const tagLength = 16
