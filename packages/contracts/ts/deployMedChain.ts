import type { Account, Address, Chain, Client, Hash, Transport } from 'viem'
import { deployContract, waitForTransactionReceipt } from 'viem/actions'
import { medChainAbi, medChainBytecode } from './generated/contracts.js'

export type DeployMedChainParameters = {
  /** Receives the administrator role (verifies and suspends providers, adds scopes). Default: the deploying account. */
  admin?: Address | undefined
}

export type DeployMedChainReturnType = {
  /** Address of the deployed `MedChain` contract. */
  address: Address
  /** Block the contract was created in: where log queries for its audit trail start. */
  blockNumber: bigint
  transactionHash: Hash
  /** Gas the deployment transaction used. */
  gasUsed: bigint
}

/**
 * Deploys the MedChain contract (identity, record anchors and consent in one contract) to whatever
 * chain the client's transport points at, and waits until it is mined.
 *
 * @example
 * ```ts
 * import { createWalletClient, http } from 'viem'
 * import { privateKeyToAccount } from 'viem/accounts'
 * import { foundry } from 'viem/chains'
 * import { deployMedChain } from '@medchain/contracts'
 *
 * const client = createWalletClient({
 *   account: privateKeyToAccount(process.env.DEPLOYER_KEY as `0x${string}`),
 *   chain: foundry,
 *   transport: http('http://127.0.0.1:8545'),
 * })
 * const { address, blockNumber } = await deployMedChain(client)
 * ```
 */
export async function deployMedChain(
  client: Client<Transport, Chain, Account>,
  parameters: DeployMedChainParameters = {},
): Promise<DeployMedChainReturnType> {
  const hash = await deployContract(client, {
    abi: medChainAbi,
    bytecode: medChainBytecode,
    args: [parameters.admin ?? client.account.address],
  })
  const receipt = await waitForTransactionReceipt(client, { hash })
  if (receipt.status !== 'success' || !receipt.contractAddress) {
    throw new Error(`MedChain deployment reverted in transaction ${hash}`)
  }
  return {
    address: receipt.contractAddress,
    blockNumber: receipt.blockNumber,
    transactionHash: hash,
    gasUsed: receipt.gasUsed,
  }
}
