import type { Address } from 'viem'

/**
 * Where the app finds its chain, contract and IPFS node. Loaded at startup from
 * `/medchain.config.json`, so one production build runs against any deployment; `pnpm dev` and the
 * end-to-end tests write it for their local anvil and storage node.
 */
export type MedChainWebConfig = {
  /** EIP-155 chain id, for example 31337 for a local anvil. */
  chainId: number
  /** Human-readable chain name shown in the wrong-network prompt. */
  chainName: string
  /** JSON-RPC URL the app reads from (and offers to the wallet when adding the chain). */
  rpcUrl: string
  /** The MedChain contract. */
  contractAddress: Address
  /** Block the contract was deployed in (decimal string): where log queries start. */
  startBlock: string
  /** Base URL of a Kubo-RPC-compatible IPFS node (`/api/v0` is appended by the SDK's Kubo store). */
  storageUrl: string
}

/** Fetches and checks the runtime config; throws a plain-sentence error when it is missing or malformed. */
export async function loadConfig(url = '/medchain.config.json'): Promise<MedChainWebConfig> {
  const response = await fetch(url)
  if (!response.ok)
    throw new Error(
      `The app's configuration (${url}) could not be loaded: HTTP ${response.status}.`,
    )
  const config = (await response.json()) as Partial<MedChainWebConfig>
  for (const key of [
    'chainId',
    'chainName',
    'rpcUrl',
    'contractAddress',
    'startBlock',
    'storageUrl',
  ] as const) {
    if (config[key] === undefined)
      throw new Error(`The app's configuration (${url}) is missing "${key}".`)
  }
  return config as MedChainWebConfig
}
