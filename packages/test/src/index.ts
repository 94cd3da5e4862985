export { anvilAccount, anvilMnemonic, roleAccounts } from './accounts.js'
export { type Anvil, anvilBinaryPath, type StartAnvilOptions, startAnvil } from './anvil.js'
export { type LocalMedChain, startLocalMedChain } from './localMedChain.js'
