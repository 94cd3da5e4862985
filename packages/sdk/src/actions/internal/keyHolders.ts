import type { Address } from 'viem'
import type { MedChainActionClient } from '../../client/types.js'
import { ScopeKeyNotFoundError } from '../../errors/client.js'
import { toMedChainContractError } from '../../errors/contract.js'
import type { ScopeRotation } from '../consent/revokeAccess.js'
import { type MedChainTransaction, read, requireAccount } from './contract.js'
import { getLogsPaged, topic } from './logs.js'
import { remainingGrantees } from './remainingGrantees.js'
import { lower, rotateScope, storeKeyEnvelope } from './scopeKeys.js'

/*
 * Key holders are the accounts besides grantees that hold all of a patient's scope keys: delegates
 * appointed with keys (so they can grant and rotate for the patient) and the emergency custodian
 * (so it can release keys to a provider that broke the glass). Every new epoch is wrapped to them.
 */

/**
 * The client's account, checked to be `patient` or one of its delegates before any key work, so an
 * unauthorised call fails with `UnauthorizedAccountError` and stores nothing.
 */
export async function requirePatientOrDelegate(
  client: MedChainActionClient,
  patient: Address,
  action: string,
): Promise<Address> {
  const me = requireAccount(client, action).address
  if (lower(me) !== lower(patient) && (await read(client, 'delegateOf', [patient, me])) === 0)
    throw toMedChainContractError({
      errorName: 'MedChainConsentUnauthorizedAccount',
      args: [me, patient],
    })
  return me
}

/**
 * Checks, before anything is sent, that the client's account can start new epochs for `patient`:
 * it is the patient or a delegate holding the keys. A consent-only delegate cannot.
 */
export async function requireRotator(client: MedChainActionClient, patient: Address) {
  const me = requireAccount(client, 'rotateScopeKey').address
  if (lower(me) === lower(patient) || (await keyHoldersOf(client, patient)).includes(lower(me)))
    return
  const [scope] = await startedScopes(client, patient)
  if (scope === undefined) return
  throw new ScopeKeyNotFoundError({
    patient,
    scope,
    epoch: await read(client, 'scopeEpoch', [patient, scope]),
    reason:
      "this delegate holds none of the patient's keys, so it cannot rotate the scopes; pass `rotate: false` and let the patient rotate",
  })
}

/** The scopes of `patient` whose first key epoch has started, in first-use order. */
export async function startedScopes(client: MedChainActionClient, patient: Address) {
  const logs = await getLogsPaged(client, {
    eventNames: ['ScopeKeyRotated'],
    topics: [topic(patient)],
  })
  return [...new Set(logs.map((log) => log.args.scope))]
}

/** The current key holders of `patient` (lower-cased): delegates appointed with keys, the custodian. */
export async function keyHoldersOf(
  client: MedChainActionClient,
  patient: Address,
): Promise<Address[]> {
  const logs = await getLogsPaged(client, {
    eventNames: ['DelegateUpdated'],
    topics: [topic(patient)],
  })
  // The latest event of each delegate is its current state.
  const delegates = new Map<Address, boolean>()
  for (const log of logs)
    delegates.set(lower(log.args.delegate), log.args.kind !== 0 && log.args.envelopeCid !== '0x')
  const holders = [...delegates].filter(([, holds]) => holds).map(([delegate]) => delegate)
  const custodian = await read(client, 'emergencyCustodianOf', [patient])
  if (!/^0x0+$/.test(custodian)) holders.push(lower(custodian))
  return [...new Set(holders)]
}

/**
 * Stores a key envelope with every epoch of every started scope of `patient`, wrapped to `holder`'s
 * registered key (`NotRegisteredError` if it has none). Returns its CID.
 */
export async function shareScopeKeys(
  client: MedChainActionClient,
  patient: Address,
  holder: Address,
): Promise<string> {
  const scopes = await startedScopes(client, patient)
  return storeKeyEnvelope(client, { patient, grantee: holder, scopes })
}

/**
 * Rotates every started scope of `patient` once, so that an account that stopped being a key
 * holder cannot open records published from now on.
 */
export async function rotateStartedScopes(
  client: MedChainActionClient,
  patient: Address,
): Promise<{ rotations: ScopeRotation[]; transactions: MedChainTransaction[] }> {
  const rotations: ScopeRotation[] = []
  const transactions: MedChainTransaction[] = []
  for (const scope of await startedScopes(client, patient)) {
    const current = await read(client, 'scopeEpoch', [patient, scope])
    const grantees = await remainingGrantees(client, patient, scope)
    const { epoch, envelopeCid, result } = await rotateScope(client, {
      patient,
      scope,
      current,
      grantees,
    })
    rotations.push({ scope, epoch, envelopeCid, grantees, gasUsed: result.gasUsed })
    transactions.push(result)
  }
  return { rotations, transactions }
}
