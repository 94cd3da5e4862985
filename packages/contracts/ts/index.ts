export {
  type DeployMedChainParameters,
  type DeployMedChainReturnType,
  deployMedChain,
} from './deployMedChain.js'
export { getDeployment, type MedChainDeployment, type MedChainDeployments } from './deployments.js'
export { medChainAbi, medChainBytecode } from './generated/contracts.js'
