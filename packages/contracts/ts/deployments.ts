import type { Address } from 'viem'

/** Where MedChain lives on one chain. */
export type MedChainDeployment = {
  /** Address of the `MedChain` contract. */
  medChain: Address
  /** Block the contract was created in; log queries start here. */
  startBlock: bigint
}

/** MedChain deployments by chain id, e.g. `{ 31337: { medChain: '0x…', startBlock: 0n } }`. */
export type MedChainDeployments = Readonly<Record<number, MedChainDeployment>>

/**
 * Picks the deployment for a chain, with a clear error when there is none.
 *
 * @example
 * ```ts
 * import { getDeployment } from '@medchain/contracts'
 *
 * const deployments = { 31337: { medChain: '0x5FbDB2315678afecb367f032d93F642f64180aa3', startBlock: 0n } }
 * const { medChain } = getDeployment(deployments, 31337)
 * ```
 */
export function getDeployment(
  deployments: MedChainDeployments,
  chainId: number,
): MedChainDeployment {
  const deployment = deployments[chainId]
  if (!deployment) {
    const known = Object.keys(deployments).join(', ') || 'none'
    throw new Error(
      `No MedChain deployment for chain ${chainId} (deployments exist for: ${known}).`,
    )
  }
  return deployment
}
