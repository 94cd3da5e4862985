import type { TypedData, TypedDataDomain } from 'viem'
import { signTypedData } from 'viem/actions'
import type { MedChainActionClient } from '../../client/types.js'
import { toSeconds } from '../consent/prepareGrant.js'
import { requireAccount } from './contract.js'

/** The EIP-712 types of `Revoke` (IMedChainConsent). */
export const revokeTypes = {
  Revoke: [
    { name: 'patient', type: 'address' },
    { name: 'grantee', type: 'address' },
    { name: 'scopes', type: 'uint8[]' },
    { name: 'nonce', type: 'uint256' },
    { name: 'deadline', type: 'uint256' },
  ],
} as const

/** The EIP-712 types of `Deny` (IMedChainConsent). */
export const denyTypes = {
  Deny: [
    { name: 'patient', type: 'address' },
    { name: 'requestId', type: 'uint256' },
    { name: 'nonce', type: 'uint256' },
    { name: 'deadline', type: 'uint256' },
  ],
} as const

/** The EIP-712 types of `RotateScopeKey` (IMedChainRecords). */
export const rotateScopeKeyTypes = {
  RotateScopeKey: [
    { name: 'patient', type: 'address' },
    { name: 'scope', type: 'uint8' },
    { name: 'epoch', type: 'uint32' },
    { name: 'envelopeCid', type: 'bytes' },
    { name: 'nonce', type: 'uint256' },
    { name: 'deadline', type: 'uint256' },
  ],
} as const

/** MedChain's EIP-712 domain on the client's chain. */
export function medChainDomain(client: MedChainActionClient): TypedDataDomain {
  return {
    name: 'MedChain',
    version: '1',
    chainId: client.chainId,
    verifyingContract: client.address,
  }
}

/** The signature deadline in unix seconds: the given one, or one hour after the latest block. */
export async function signatureDeadline(
  client: MedChainActionClient,
  deadline: Date | bigint | undefined,
): Promise<bigint> {
  if (deadline !== undefined) return toSeconds(deadline)
  return (await client.publicClient.getBlock()).timestamp + 3600n
}

/** Signs a MedChain EIP-712 message with the client's account (local or JSON-RPC). */
export function signMedChainMessage<
  const types extends TypedData,
  primaryType extends keyof types & string,
>(
  client: MedChainActionClient,
  action: string,
  parameters: { types: types; primaryType: primaryType; message: Record<string, unknown> },
) {
  const account = requireAccount(client, action)
  return signTypedData(client.walletClient!, {
    account,
    domain: medChainDomain(client),
    ...parameters,
  } as never)
}
