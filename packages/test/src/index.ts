export { anvilAccount, anvilMnemonic, roleAccounts } from './accounts.js'
export { type Anvil, anvilBinaryPath, type StartAnvilOptions, startAnvil } from './anvil.js'
export {
  type ChromiumLauncher,
  chromiumArgs,
  chromiumPath,
  type LaunchedChromium,
  launchChromium,
  requireChromium,
} from './chromium.js'
export {
  connectKubo,
  isKuboInstalled,
  type KuboNode,
  type KuboPair,
  kuboBinaryPath,
  kuboCacheDir,
  kuboVersion,
  requireKuboBinary,
  type StartKuboNodeOptions,
  startKuboNode,
  startKuboPair,
} from './kubo.js'
export { type LocalMedChain, startLocalMedChain } from './localMedChain.js'
