import { type ImporterOptions, importFile } from 'ipfs-unixfs-importer'
import { fixedSize } from 'ipfs-unixfs-importer/chunker'
import { balanced } from 'ipfs-unixfs-importer/layout'
import { CID } from 'multiformats/cid'
import { InvalidCidError } from '../errors/storage.js'
import type { PutInput, SignalOptions } from './types.js'
import { byteChunks } from './utils.js'

/** Multicodec of raw blocks (file leaves and single-block files). */
export const rawCode = 0x55
/** Multicodec of dag-pb blocks (UnixFS file nodes above the leaves). */
export const dagPbCode = 0x70
/** Multihash code of sha2-256. */
export const sha256Code = 0x12
/** Multihash code of the identity "hash" (the digest is the block itself). */
export const identityCode = 0x00

/** Longest CID string accepted (a sha2-512 CIDv1 in base32 is ~120 characters). */
const maxCidStringLength = 512
/** Largest identity digest accepted (identity CIDs inline their block). */
const maxIdentityDigestBytes = 4096

/**
 * The import settings every MedChain store uses to turn bytes into a CID, pinned so that the
 * embedded store, `computeCid` and a Kubo node produce identical CIDs for identical bytes.
 *
 * They are exactly Kubo's `ipfs add --cid-version=1 --raw-leaves --chunker=size-1048576` (balanced
 * layout, 174 links per node, single-chunk files reduced to their raw leaf); `kuboAddArgs`
 * spells every flag out, including the ones that are Kubo defaults today.
 * Note that `@helia/unixfs` defaults to 1024 links per node, which gives different CIDs above
 * 174 MiB, and so is always called with these settings.
 *
 * @example
 * ```ts
 * import { cidProfile } from '@medchain/sdk/storage'
 *
 * console.log(`ipfs add ${cidProfile.kuboAddArgs.join(' ')} record.bin`)
 * ```
 */
export const cidProfile = Object.freeze({
  /** CIDv1 (base32 `bafk…` for single-chunk files, `bafy…` for larger ones). */
  cidVersion: 1,
  /** Multihash function of every block. */
  hashAlg: 'sha2-256',
  /** Leaves are raw blocks (codec 0x55), not UnixFS-wrapped dag-pb nodes. */
  rawLeaves: true,
  /** Fixed-size chunker: 1 MiB leaves. */
  chunkSize: 1_048_576,
  /** Balanced DAG layout (not trickle). */
  layout: 'balanced',
  /** At most 174 links per dag-pb node (Kubo's `Import.UnixFSFileMaxLinks` default). */
  maxChildrenPerNode: 174,
  /** A file of one chunk is that raw leaf itself (its CID is `raw` + sha2-256 of the bytes). */
  reduceSingleLeafToSelf: true,
  /** The file is not wrapped in a directory. */
  wrapWithDirectory: false,
  /** No identity (inlined) CIDs. */
  inline: false,
  /** The same settings as `ipfs add` flags, for a vendor running a Kubo node. */
  kuboAddArgs: Object.freeze([
    '--cid-version=1',
    '--hash=sha2-256',
    '--raw-leaves=true',
    '--chunker=size-1048576',
    '--trickle=false',
    '--max-file-links=174',
    '--wrap-with-directory=false',
    '--inline=false',
  ] as const),
} as const)

/**
 * The ipfs-unixfs-importer options for {@link cidProfile}, every default spelled out.
 *
 * @internal
 */
export function profileImporterOptions(): Omit<ImporterOptions, 'onProgress'> {
  return {
    cidVersion: cidProfile.cidVersion,
    rawLeaves: cidProfile.rawLeaves,
    reduceSingleLeafToSelf: cidProfile.reduceSingleLeafToSelf,
    wrapWithDirectory: cidProfile.wrapWithDirectory,
    chunker: fixedSize({ chunkSize: cidProfile.chunkSize }),
    layout: balanced({ maxChildrenPerNode: cidProfile.maxChildrenPerNode }),
    fieldOrder: 'links-first',
  }
}

/**
 * Parses and checks a CID at a storage boundary. Accepts a `CID` object (from any copy of
 * multiformats) or a CIDv0/CIDv1 string in base58btc, base32 or base36, and checks that the
 * storage layer can verify it: raw or dag-pb codec, sha2-256 (or identity) multihash.
 *
 * @throws {InvalidCidError} If the value is not such a CID.
 * @example
 * ```ts
 * import { parseCid } from '@medchain/sdk/storage'
 *
 * const cid = parseCid('bafkreihdwdcefgh4dqkjv67uzcmw7ojee6xedzdetojuzjevtenxquvyku')
 * console.log(cid.version, cid.code) // 1 85
 * ```
 */
export function parseCid(value: unknown): CID {
  let cid: CID
  if (typeof value === 'string') {
    if (value.length === 0) throw new InvalidCidError({ value, reason: 'the string is empty' })
    if (value.length > maxCidStringLength)
      throw new InvalidCidError({ value, reason: 'the string is too long to be a CID' })
    if (value.trim() !== value)
      throw new InvalidCidError({ value, reason: 'it has leading or trailing whitespace' })
    try {
      cid = CID.parse(value)
    } catch (cause) {
      throw new InvalidCidError({
        value,
        reason: 'it is not a valid CID string (base32 "b…", base36 "k…", base58btc "z…"/"Qm…")',
        cause,
      })
    }
  } else {
    let parsed: CID | null = null
    try {
      parsed = CID.asCID(value)
    } catch (cause) {
      throw new InvalidCidError({ value, reason: 'it is a malformed CID object', cause })
    }
    if (parsed === null)
      throw new InvalidCidError({ value, reason: 'expected a CID object or a CID string' })
    cid = parsed
  }

  if (cid.code !== rawCode && cid.code !== dagPbCode)
    throw new InvalidCidError({
      value: cid.toString(),
      reason: `its codec 0x${cid.code.toString(16)} is not raw (0x55) or dag-pb (0x70)`,
    })
  const { code, digest } = cid.multihash
  if (code === sha256Code) {
    if (digest.byteLength !== 32)
      throw new InvalidCidError({
        value: cid.toString(),
        reason: `its sha2-256 digest is ${digest.byteLength} bytes, not 32`,
      })
  } else if (code === identityCode) {
    if (digest.byteLength > maxIdentityDigestBytes)
      throw new InvalidCidError({
        value: `identity CID of ${digest.byteLength} bytes`,
        reason: 'its inlined data is too large',
      })
  } else {
    throw new InvalidCidError({
      value: cid.toString(),
      reason: `its hash function 0x${code.toString(16)} is not sha2-256 (0x12), so it cannot be verified`,
    })
  }
  return cid
}

/**
 * Computes the CID that `put` returns for these bytes (with {@link cidProfile}), without storing
 * anything. Streams are read once, in bounded memory.
 *
 * @example
 * ```ts
 * import { computeCid } from '@medchain/sdk/storage'
 *
 * const cid = await computeCid(new TextEncoder().encode('hello'))
 * console.log(cid.toString()) // bafkreibm6jg3ux5qumhcn2b3flc3tyu6dmlb4xa7u5bf44yegnrjhc4yeq
 * ```
 */
export async function computeCid(data: PutInput, options: SignalOptions = {}): Promise<CID> {
  const content = byteChunks(data, { operation: 'computeCid', signal: options.signal })
  const discard = { put: async (cid: CID) => cid }
  const { cid } = await importFile({ content }, discard, profileImporterOptions())
  return parseCid(cid)
}
