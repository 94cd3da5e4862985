export { anvilAccount, anvilMnemonic, roleAccounts } from './accounts.js'
export { type Anvil, type StartAnvilOptions, anvilBinaryPath, startAnvil } from './anvil.js'
export { type LocalMedChain, startLocalMedChain } from './localMedChain.js'
