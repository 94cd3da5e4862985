export {
  type DeployMedChainParameters,
  type DeployMedChainReturnType,
  deployMedChain,
} from './deployMedChain.js'
export { type MedChainDeployment, type MedChainDeployments, getDeployment } from './deployments.js'
export { medChainAbi, medChainBytecode } from './generated/contracts.js'
