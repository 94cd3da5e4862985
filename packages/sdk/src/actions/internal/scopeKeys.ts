import { CID } from 'multiformats/cid'
import type { Address, Hex } from 'viem'
import { bytesToHex, hexToBytes } from 'viem'
import type { MedChainActionClient } from '../../client/types.js'
import { MedChainError } from '../../errors/base.js'
import { ContentNotRetrievableError, ScopeKeyNotFoundError } from '../../errors/client.js'
import { StaleEpochError, toMedChainContractError } from '../../errors/contract.js'
import { createKeyEnvelope } from '../../keys/createKeyEnvelope.js'
import { generateScopeKey } from '../../keys/generateScopeKey.js'
import { decodeKeyEnvelope, encodeKeyEnvelope, type KeyEnvelope } from '../../keys/keyEnvelope.js'
import { openKeyEnvelope } from '../../keys/openKeyEnvelope.js'
import type { EncryptionRecipient, WrapAlgorithm } from '../../keys/types.js'
import type { StorageProgress } from '../../storage/types.js'
import { read, requireAccount, write } from './contract.js'
import { keyHoldersOf } from './keyHolders.js'
import { getLogsPaged, topic } from './logs.js'

const bundleType = 'medchain/scope-key-rotation'

/** Lower-cases an address for comparisons and cache keys. */
export const lower = (address: Address) => address.toLowerCase() as Address

/** A CID (hex bytes from chain) as its string form. */
export function cidFromHex(cid: Hex): string {
  return CID.decode(hexToBytes(cid)).toString()
}

/** A CID string as the hex bytes anchored on chain. */
export function cidToHex(cid: string | CID): Hex {
  return bytesToHex((typeof cid === 'string' ? CID.parse(cid) : cid).bytes)
}

const decoder = new TextDecoder()
const encoder = new TextEncoder()

/**
 * Stores bytes and reads them back before anything refers to them on chain, so an anchor or a grant
 * never points at content the store does not hold. Returns the CID string.
 */
export async function storeVerified(
  client: MedChainActionClient,
  bytes: Uint8Array,
  onProgress?: (stage: 'storing' | 'verifying', progress: StorageProgress) => void,
): Promise<string> {
  // Each stage reports its start and end itself: stores report progress unevenly, or not at all.
  const totalBytes = bytes.length
  const options = (stage: 'storing' | 'verifying') =>
    onProgress && { onProgress: (progress: StorageProgress) => onProgress(stage, progress) }
  onProgress?.('storing', { bytes: 0, totalBytes })
  const cid = await client.storage.put(bytes, options('storing'))
  onProgress?.('storing', { bytes: totalBytes, totalBytes })
  const text = cid.toString()
  let back: Uint8Array
  onProgress?.('verifying', { bytes: 0, totalBytes })
  try {
    back = await client.storage.get(cid, options('verifying'))
  } catch (cause) {
    throw new ContentNotRetrievableError({ cid: text, cause })
  }
  onProgress?.('verifying', { bytes: totalBytes, totalBytes })
  if (back.length !== bytes.length || back.some((byte, i) => byte !== bytes[i]))
    throw new ContentNotRetrievableError({ cid: text })
  return text
}

/**
 * Encodes a scope-key rotation bundle: the document `ScopeKeyRotated.envelopeCid` points to. It
 * holds one key envelope per holder of the new epoch: the patient (with every epoch of the scope, so
 * the latest bundle alone restores the patient's keys) and each remaining grantee (the new epoch).
 */
export function encodeRotationBundle(keyEnvelopes: readonly KeyEnvelope[]): Uint8Array {
  return encoder.encode(
    JSON.stringify({
      type: bundleType,
      version: 1,
      envelopes: keyEnvelopes.map((e) => decoder.decode(encodeKeyEnvelope(e))),
    }),
  )
}

/** Decodes a rotation bundle (see {@link encodeRotationBundle}). */
export function decodeRotationBundle(bytes: Uint8Array): KeyEnvelope[] {
  const doc = JSON.parse(decoder.decode(bytes)) as {
    type?: unknown
    version?: unknown
    envelopes?: unknown
  }
  if (doc.type !== bundleType || doc.version !== 1 || !Array.isArray(doc.envelopes))
    throw new MedChainError('Not a MedChain scope-key rotation bundle.', {
      docsPath: '/guides/client#key-storage',
    })
  return doc.envelopes.map((text) => decodeKeyEnvelope(encoder.encode(String(text))))
}

const cacheKey = (patient: Address, scope: number, epoch: number) =>
  `${lower(patient)}:${scope}:${epoch}`

function remember(
  client: MedChainActionClient,
  patient: Address,
  keys: { scope: number; epoch: number; key: Uint8Array }[],
) {
  for (const { scope, epoch, key } of keys)
    client.cache.scopeKeys.set(cacheKey(patient, scope, epoch), key)
}

function cached(client: MedChainActionClient, patient: Address, scope: number, epoch: number) {
  return client.cache.scopeKeys.get(cacheKey(patient, scope, epoch))
}

async function openFor(client: MedChainActionClient, patient: Address, keyEnvelope: KeyEnvelope) {
  const keyProvider = client.keyProvider
  if (!keyProvider) return undefined
  const { scopeKeys } = await openKeyEnvelope({
    keyEnvelope,
    keyProvider,
    expected: { patient, chainId: client.chainId, contract: client.address },
  })
  remember(client, patient, scopeKeys)
  return scopeKeys
}

/** The `ScopeKeyRotated` logs of one scope of a patient, oldest first. */
export function rotationLogs(client: MedChainActionClient, patient: Address, scope: number) {
  return getLogsPaged(client, {
    eventNames: ['ScopeKeyRotated'],
    topics: [topic(patient), topic(scope)],
  })
}

/**
 * The latest key envelope of each kind addressed to `me` for `patient` that may hold `scope`: its
 * grant, an emergency release, its delegation and its emergency custody (one log query). Newest
 * first; a removal (empty CID) hides older envelopes of its kind.
 */
async function envelopesFor(
  client: MedChainActionClient,
  patient: Address,
  me: Address,
  scope: number,
): Promise<string[]> {
  const logs = await getLogsPaged(client, {
    eventNames: [
      'AccessGranted',
      'EmergencyKeysReleased',
      'DelegateUpdated',
      'EmergencyAccessUpdated',
    ],
    topics: [topic(patient), topic(me)],
  })
  // Newest log first; the first of each kind is that kind's latest.
  const latest = new Map<string, Hex>()
  for (const log of logs.slice().reverse()) {
    if (latest.has(log.eventName)) continue
    if (log.eventName === 'AccessGranted' && log.args.scope !== scope) continue
    if (log.eventName === 'EmergencyKeysReleased' && !log.args.scopes.includes(scope)) continue
    latest.set(log.eventName, log.args.envelopeCid)
  }
  return [...latest.values()].filter((cid) => cid !== '0x').map(cidFromHex)
}

/**
 * The scope key of `scope` at `epoch`, for the client's account: the patient's own keys come from
 * the latest rotation bundle that names the patient; anyone else's (grantee, delegate, emergency
 * custodian, provider after an emergency release) from the latest envelope addressed to it, or from
 * the rotation bundle of that epoch.
 */
export async function getScopeKey(
  client: MedChainActionClient,
  patient: Address,
  scope: number,
  epoch: number,
): Promise<Uint8Array> {
  const hit = cached(client, patient, scope, epoch)
  if (hit) return hit
  if (epoch === 0)
    throw new ScopeKeyNotFoundError({
      patient,
      scope,
      epoch,
      reason: 'epoch 0 never holds records',
    })
  const me = requireAccount(client, 'readRecord').address
  const isPatient = lower(me) === lower(patient)
  if (!isPatient) {
    for (const cid of await envelopesFor(client, patient, me, scope)) {
      const bytes = await client.storage.get(cid)
      await openFor(client, patient, decodeKeyEnvelope(bytes)).catch(() => undefined)
      const found = cached(client, patient, scope, epoch)
      if (found) return found
    }
  }
  const rotations = await rotationLogs(client, patient, scope)
  // The patient's latest bundle holds every epoch; anyone else needs the bundle of this epoch.
  const candidates = isPatient
    ? rotations.slice().reverse()
    : rotations.filter((log) => log.args.epoch === epoch)
  for (const log of candidates) {
    const bundle = decodeRotationBundle(await client.storage.get(cidFromHex(log.args.envelopeCid)))
    const mine = bundle.find((e) => lower(e.grantee) === lower(me))
    if (!mine) continue
    await openFor(client, patient, mine).catch(() => undefined)
    const found = cached(client, patient, scope, epoch)
    if (found) return found
  }
  throw new ScopeKeyNotFoundError({
    patient,
    scope,
    epoch,
    reason: isPatient
      ? 'no rotation bundle opens with this key provider'
      : 'no grant, delegation, emergency or rotation envelope for this account holds it',
  })
}

/** Every scope key of `scope` (epochs 1..current) the patient holds. */
export async function getAllScopeKeys(
  client: MedChainActionClient,
  patient: Address,
  scope: number,
  current: number,
) {
  const keys: { scope: number; epoch: number; key: Uint8Array }[] = []
  for (let epoch = 1; epoch <= current; epoch++)
    keys.push({ scope, epoch, key: await getScopeKey(client, patient, scope, epoch) })
  return keys
}

/**
 * Stores one key envelope holding every epoch (1..current) of `scopes` of `patient`, wrapped to
 * `grantee`'s registered key (`NotRegisteredError` if it has none): a grant's, a key holder's or an
 * emergency release's. Its size does not depend on the number of records. Returns its CID.
 */
export async function storeKeyEnvelope(
  client: MedChainActionClient,
  { patient, grantee, scopes }: { patient: Address; grantee: Address; scopes: readonly number[] },
): Promise<string> {
  const recipient = await recipientOf(client, grantee)
  const scopeKeys = []
  for (const scope of scopes) {
    const current = await read(client, 'scopeEpoch', [patient, scope])
    scopeKeys.push(...(await getAllScopeKeys(client, patient, scope, current)))
  }
  const keyEnvelope = await createKeyEnvelope({
    patient,
    chainId: client.chainId,
    contract: client.address,
    grantee,
    recipient,
    scopeKeys,
  })
  return storeVerified(client, encodeKeyEnvelope(keyEnvelope))
}

/**
 * The account's X25519 recipient as registered on chain. A provider whose public profile declares a
 * non-HPKE algorithm for this very key (a MetaMask legacy key) gets keys wrapped that way.
 */
export async function recipientOf(
  client: MedChainActionClient,
  account: Address,
): Promise<EncryptionRecipient> {
  const key = await read(client, 'encryptionKeyOf', [account])
  if (/^0x0+$/.test(key)) {
    throw toMedChainContractError({ errorName: 'MedChainIdentityNotRegistered', args: [account] })
  }
  const cacheKey = `${lower(account)}:${key}`
  const known = client.cache.recipients.get(cacheKey)
  if (known) return known
  const recipient = {
    publicKey: hexToBytes(key),
    algorithm: await declaredAlgorithm(client, account, key),
  }
  client.cache.recipients.set(cacheKey, recipient)
  return recipient
}

/** The wrap algorithm a provider's latest public profile declares for `key` (default: HPKE). */
async function declaredAlgorithm(
  client: MedChainActionClient,
  account: Address,
  key: Hex,
): Promise<WrapAlgorithm> {
  const fallback = 'hpke-x25519-sha256-aes256gcm'
  const latest = (
    await getLogsPaged(client, {
      eventNames: ['Registered', 'ProfileUpdated'],
      topics: [topic(account)],
    })
  ).at(-1)
  // Patients' profiles are encrypted and declare nothing; only providers' are public.
  if (!latest || (await read(client, 'roleOf', [account])) !== 2) return fallback
  try {
    const profile = JSON.parse(
      decoder.decode(await client.storage.get(cidFromHex(latest.args.profileCid))),
    )
    const declared = profile?.encryptionKey
    return declared?.publicKey?.toLowerCase() === key.toLowerCase() &&
      declared.algorithm === 'x25519-xsalsa20-poly1305'
      ? declared.algorithm
      : fallback
  } catch {
    return fallback
  }
}

/** Which scope of which patient rotates from which epoch, to whom (and, optionally, to what key). */
type RotationParameters = {
  patient: Address
  scope: number
  current: number
  grantees: readonly Address[]
  scopeKey?: Uint8Array | undefined
}

/**
 * Builds and stores the rotation bundle of epoch `current + 1` of `scope`, as the patient or a
 * delegate holding its keys: a fresh scope key (unless given), wrapped to the patient (with every
 * earlier epoch, too), to `grantees` and to the patient's key holders (delegates with keys, the
 * emergency custodian). Nothing goes on chain: `rotateScope` sends it, `signRevoke` signs it for a
 * relayer.
 */
export async function prepareRotation(
  client: MedChainActionClient,
  parameters: RotationParameters,
) {
  const { patient, scope, current } = parameters
  const keyProvider = client.keyProvider
  if (!keyProvider)
    throw new ScopeKeyNotFoundError({
      patient,
      scope,
      epoch: current + 1,
      reason: 'the client has no key provider',
    })
  const earlier = await getAllScopeKeys(client, patient, scope, current)
  const epoch = current + 1
  const scopeKey = parameters.scopeKey ?? generateScopeKey()
  const common = { patient, chainId: client.chainId, contract: client.address }
  const isPatient = lower(requireAccount(client, 'rotateScopeKey').address) === lower(patient)
  const envelopes = [
    await createKeyEnvelope({
      ...common,
      grantee: patient,
      recipient: isPatient
        ? {
            publicKey: await keyProvider.getEncryptionPublicKey(),
            algorithm: keyProvider.algorithm,
          }
        : await recipientOf(client, patient),
      scopeKeys: [...earlier, { scope, epoch, key: scopeKey }],
    }),
  ]
  const recipients = new Set(parameters.grantees.map(lower))
  for (const holder of await keyHoldersOf(client, patient)) recipients.add(holder)
  recipients.delete(lower(patient))
  for (const grantee of recipients)
    envelopes.push(
      await createKeyEnvelope({
        ...common,
        grantee,
        recipient: await recipientOf(client, grantee),
        scopeKeys: [{ scope, epoch, key: scopeKey }],
      }),
    )
  const envelopeCid = await storeVerified(client, encodeRotationBundle(envelopes))
  return { epoch, scopeKey, envelopeCid }
}

/**
 * Starts epoch `current + 1` of `scope` of `patient` (as the patient or a delegate): a fresh scope
 * key, wrapped as {@link prepareRotation} says, stored as a rotation bundle, then `rotateScopeKey` on
 * chain. Returns the new epoch and key.
 */
export async function rotateScope(client: MedChainActionClient, parameters: RotationParameters) {
  const { patient, scope } = parameters
  const { epoch, scopeKey, envelopeCid } = await prepareRotation(client, parameters)
  const result = await write(client, {
    functionName: 'rotateScopeKey',
    args: [patient, scope, epoch, cidToHex(envelopeCid)],
    eventName: 'ScopeKeyRotated',
  })
  remember(client, patient, [{ scope, epoch, key: scopeKey }])
  return { epoch, scopeKey, envelopeCid, result }
}

/**
 * The current epoch and key of `scope` of `patient` (for the patient or a delegate holding its
 * keys), starting epoch 1 (one `rotateScopeKey` transaction) at the first use of the scope. Another
 * device starting it at the same time wins the compare-and-swap; we then read its key.
 */
export async function ensureScopeKey(
  client: MedChainActionClient,
  patient: Address,
  scope: number,
) {
  const current = await read(client, 'scopeEpoch', [patient, scope])
  if (current > 0)
    return { epoch: current, key: await getScopeKey(client, patient, scope, current) }
  // Whoever starts a scope knows its key: only the patient or a delegate the patient gave its keys.
  const me = requireAccount(client, 'rotateScopeKey').address
  if (lower(me) !== lower(patient) && !(await keyHoldersOf(client, patient)).includes(lower(me)))
    throw new ScopeKeyNotFoundError({
      patient,
      scope,
      epoch: 0,
      reason:
        'the patient has not started this scope, and only the patient or a delegate holding its keys may start it',
    })
  try {
    const { epoch, scopeKey } = await rotateScope(client, {
      patient,
      scope,
      current: 0,
      grantees: [],
    })
    return { epoch, key: scopeKey }
  } catch (error) {
    if (!(error instanceof StaleEpochError)) throw error
    const now = await read(client, 'scopeEpoch', [patient, scope])
    return { epoch: now, key: await getScopeKey(client, patient, scope, now) }
  }
}
