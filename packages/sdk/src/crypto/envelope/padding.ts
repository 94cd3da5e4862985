/** Length in bytes of the big-endian uint64 that ends a padded plaintext and holds its true length. */
export const paddingTrailerLength = 8

function bitLength(value: number): number {
  return value === 0 ? 0 : value.toString(2).length
}

/**
 * Padmé (Nikitin et al., "Reducing Metadata Leakage from Encrypted Files and Communication with
 * PURBs", PETS 2019): rounds `length` up so that only O(log log length) bits of it leak, with at
 * most ~12% overhead.
 *
 * @example
 * ```ts
 * import { padme } from '@medchain/sdk/crypto'
 *
 * padme(1000) // 1024
 * padme(1_000_000) // 1015808
 * ```
 */
export function padme(length: number): number {
  if (!Number.isSafeInteger(length) || length < 0)
    throw new RangeError('length must be a safe non-negative integer')
  if (length < 2) return length
  const e = bitLength(length) - 1 // floor(log2(length))
  const s = bitLength(e) // floor(log2(e)) + 1
  const lastBits = e - s
  const unit = 2 ** lastBits
  return Math.ceil(length / unit) * unit
}

/** Total padded plaintext length (data || zeros || 8-byte trailer) for `length` bytes of data. */
export function paddedLength(length: number): number {
  return padme(length + paddingTrailerLength)
}
