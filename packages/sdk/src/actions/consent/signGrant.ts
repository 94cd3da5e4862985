import type { Address, Hex } from 'viem'
import { signTypedData } from 'viem/actions'
import type { MedChainActionClient } from '../../client/types.js'
import type { MedChainError } from '../../errors/base.js'
import {
  type MedChainTransaction,
  read,
  requireAccount,
  trackTransactions,
} from '../internal/contract.js'
import type { GrantAccessParameters } from './grantAccess.js'
import { prepareGrant, toSeconds } from './prepareGrant.js'

/**
 * The EIP-712 `Grant` message of MedChain.
 *
 * @example
 * ```ts
 * import type { GrantMessage } from '@medchain/sdk'
 *
 * const { grant }: { grant: GrantMessage } = await client.signGrant(parameters)
 * ```
 */
export type GrantMessage = {
  patient: Address
  grantee: Address
  scopes: readonly number[]
  write: boolean
  expiry: bigint
  envelopeCid: Hex
  requestId: bigint
  nonce: bigint
  deadline: bigint
}

/**
 * Parameters of {@link signGrant}: those of `grantAccess` plus a signature deadline.
 *
 * @example
 * ```ts
 * import type { SignGrantParameters } from '@medchain/sdk'
 *
 * const parameters: SignGrantParameters = { grantee: doctor, scopes: [5], expiry, deadline: new Date(Date.now() + 3_600_000) }
 * ```
 */
export type SignGrantParameters = GrantAccessParameters & {
  /** Until when the signature may be relayed (default: one hour from now). */
  deadline?: Date | bigint | undefined
}

/**
 * Result of {@link signGrant}: hand it to the provider, who relays it with `relayGrant`.
 *
 * @example
 * ```ts
 * import type { SignGrantReturnType } from '@medchain/sdk'
 *
 * const signed: SignGrantReturnType = await signGrant(patientClient, parameters)
 * ```
 */
export type SignGrantReturnType = {
  grant: GrantMessage
  signer: Address
  signature: Hex
  envelopeCid: string
  /**
   * Transactions the patient sent while preparing (the first key rotation of each granted scope not
   * used before), in send order; usually empty. The grant itself is sent by `relayGrant`.
   */
  transactions: MedChainTransaction[]
}

/**
 * Errors {@link signGrant} can throw.
 *
 * @example
 * ```ts
 * import type { SignGrantErrorType } from '@medchain/sdk'
 *
 * const describe = (error: SignGrantErrorType) => error.name
 * ```
 */
export type SignGrantErrorType = MedChainError

/** The EIP-712 types of `Grant`. */
export const grantTypes = {
  Grant: [
    { name: 'patient', type: 'address' },
    { name: 'grantee', type: 'address' },
    { name: 'scopes', type: 'uint8[]' },
    { name: 'write', type: 'bool' },
    { name: 'expiry', type: 'uint64' },
    { name: 'envelopeCid', type: 'bytes' },
    { name: 'requestId', type: 'uint256' },
    { name: 'nonce', type: 'uint256' },
    { name: 'deadline', type: 'uint256' },
  ],
} as const

/**
 * As the patient (or a delegate holding its keys), prepares a grant (key envelope stored) and signs it as an EIP-712 `Grant`, without
 * gas: the provider relays it with `relayGrant` and pays. Works with local and JSON-RPC accounts
 * (`eth_signTypedData_v4`); a smart-contract wallet's signature is checked with ERC-1271.
 *
 * @example
 * ```ts
 * import { signGrant } from '@medchain/sdk'
 *
 * const signed = await signGrant(patientClient, { grantee: doctor, scopes: [5], expiry, requestId })
 * // send `signed` to the provider (it contains no secret)
 * ```
 */
export async function signGrant(
  client: MedChainActionClient,
  parameters: SignGrantParameters,
): Promise<SignGrantReturnType> {
  const account = requireAccount(client, 'signGrant')
  const { grantee, scopes } = parameters
  const tracked = trackTransactions(client)
  const { patient, envelopeCid, envelopeCidHex } = await prepareGrant(tracked.client, {
    grantee,
    scopes,
    patient: parameters.patient,
  })
  const nonce = await read(client, 'nonces', [patient])
  const deadline =
    parameters.deadline === undefined
      ? (await client.publicClient.getBlock()).timestamp + 3600n
      : toSeconds(parameters.deadline)
  const grant: GrantMessage = {
    patient,
    grantee,
    scopes: [...scopes],
    write: parameters.write ?? false,
    expiry: toSeconds(parameters.expiry),
    envelopeCid: envelopeCidHex,
    requestId: parameters.requestId ?? 0n,
    nonce,
    deadline,
  }
  const signature = await signTypedData(client.walletClient!, {
    account,
    domain: {
      name: 'MedChain',
      version: '1',
      chainId: client.chainId,
      verifyingContract: client.address,
    },
    types: grantTypes,
    primaryType: 'Grant',
    message: grant,
  })
  return {
    grant,
    signer: account.address,
    signature,
    envelopeCid,
    transactions: tracked.transactions,
  }
}
