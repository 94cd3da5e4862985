// Test helper: seals an arbitrary *already padded* plaintext Q as a padded envelope, to test how
// readers reject malformed padding (the SDK's writer can never produce it).
import { importAeadKey } from '../aead/importAeadKey.js'
import { tagLength } from '../aead/types.js'
import { encodeRecordContext, type RecordContext } from '../envelope/context.js'
import {
  encodeHeaderPrefix,
  headerAuthenticatedLength,
  headerLength,
  segmentNonce,
} from '../envelope/format.js'
import { computeHeaderTag, deriveEnvelopeKeys } from '../envelope/keySchedule.js'
import { randomBytes } from '../utils/random.js'

export async function sealWithFixedPlaintext(
  q: Uint8Array,
  context: RecordContext,
): Promise<{ envelope: Uint8Array; dataKey: Uint8Array }> {
  const segmentSize = 1 << 16
  const dataKey = randomBytes(32)
  const salt = randomBytes(32)
  const noncePrefix = randomBytes(7)
  const keys = deriveEnvelopeKeys(dataKey, salt)
  const header = encodeHeaderPrefix({
    segmentSize,
    padded: true,
    salt,
    noncePrefix,
    commitment: keys.commitment,
  })
  header.set(
    computeHeaderTag(keys.headerKey, header, encodeRecordContext(context)),
    headerAuthenticatedLength,
  )
  const aead = await importAeadKey(keys.encryptionKey)
  const count = Math.max(1, Math.ceil(q.length / segmentSize))
  const envelope = new Uint8Array(headerLength + q.length + count * tagLength)
  envelope.set(header)
  for (let i = 0; i < count; i++) {
    const piece = q.subarray(i * segmentSize, Math.min(q.length, (i + 1) * segmentSize))
    await aead.seal(
      segmentNonce(noncePrefix, i, i === count - 1),
      header,
      piece,
      envelope,
      headerLength + i * (segmentSize + tagLength),
    )
  }
  return { envelope, dataKey }
}
