// Where the CLI's settings come from, in order: flags > environment variables > the config file
// (`medchain.config.json`, written by `medchain init`) > defaults.
import { existsSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { dirname, isAbsolute, resolve } from 'node:path'
import { CliError, UsageError } from './output.js'

type Address = `0x${string}`
const isAddress = (value: string): value is Address => /^0x[0-9a-fA-F]{40}$/.test(value)

export const defaultConfigFile = 'medchain.config.json'

/** The file `medchain init` writes. Relative paths are relative to the file's folder. */
export type ConfigFile = {
  rpcUrl?: string
  chainId?: number
  contract?: Address
  startBlock?: string | number
  /** A folder for the embedded on-disk IPFS store, or the URL of a Kubo RPC API (`http://…:5001`). */
  storePath?: string
  keystore?: string
  /** Name of the environment variable that holds the account's private key (never the key itself). */
  privateKeyEnv?: string
}

export type Config = {
  rpcUrl: string
  chainId: number | undefined
  contract: Address | undefined
  startBlock: bigint
  store: string
  keystore: string
  privateKeyEnv: string
  /** The config file that was read, if any. */
  configPath: string | undefined
}

/** The flags every command accepts that override settings. */
export type SettingFlags = {
  config?: string | undefined
  'rpc-url'?: string | undefined
  contract?: string | undefined
  store?: string | undefined
  keystore?: string | undefined
}

export const envNames = {
  config: 'MEDCHAIN_CONFIG',
  rpcUrl: 'MEDCHAIN_RPC_URL',
  contract: 'MEDCHAIN_CONTRACT',
  privateKey: 'MEDCHAIN_PRIVATE_KEY',
  store: 'MEDCHAIN_STORE',
  keystore: 'MEDCHAIN_KEYSTORE',
  passphrase: 'MEDCHAIN_PASSPHRASE',
} as const

export const defaults = {
  rpcUrl: 'http://127.0.0.1:8545',
  store: '.medchain/store',
  keystore: 'medchain.keystore.json',
  privateKeyEnv: envNames.privateKey,
}

const nonEmpty = (value: string | undefined) =>
  value === undefined || value === '' ? undefined : value
const isUrl = (value: string) => /^https?:\/\//i.test(value)

/** The config file's path: `--config`, `MEDCHAIN_CONFIG`, or `./medchain.config.json`. */
export function configPath(flags: SettingFlags, env: NodeJS.ProcessEnv, cwd: string): string {
  return resolve(cwd, nonEmpty(flags.config) ?? nonEmpty(env[envNames.config]) ?? defaultConfigFile)
}

export async function readConfigFile(path: string): Promise<ConfigFile> {
  let text: string
  try {
    text = await readFile(path, 'utf8')
  } catch (cause) {
    throw new CliError(`Cannot read the config file ${path}: ${(cause as Error).message}`)
  }
  try {
    const parsed = JSON.parse(text) as unknown
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
      throw new Error('not an object')
    return parsed as ConfigFile
  } catch (cause) {
    throw new CliError(`The config file ${path} is not a JSON object: ${(cause as Error).message}`)
  }
}

/** Merges flags, environment, config file and defaults. */
export async function loadConfig(
  flags: SettingFlags,
  env: NodeJS.ProcessEnv = process.env,
  cwd: string = process.cwd(),
  options: { ignoreFile?: boolean } = {},
): Promise<Config> {
  const path = configPath(flags, env, cwd)
  const explicit = nonEmpty(flags.config) ?? nonEmpty(env[envNames.config])
  // A config file named explicitly must exist; the default one is optional.
  const found = !options.ignoreFile && (explicit || existsSync(path)) ? path : undefined
  const file = found ? await readConfigFile(found) : {}
  const fileDir = found ? dirname(found) : cwd
  // Paths from flags and env are relative to the working directory, from the file to the file.
  const pathSetting = (
    flag: string | undefined,
    envValue: string | undefined,
    fromFile: string | undefined,
    fallback: string,
  ) => {
    const value = nonEmpty(flag) ?? nonEmpty(envValue)
    if (value) return isUrl(value) || isAbsolute(value) ? value : resolve(cwd, value)
    const base = nonEmpty(fromFile) ?? fallback
    return isUrl(base) || isAbsolute(base) ? base : resolve(fileDir, base)
  }

  const contract = nonEmpty(flags.contract) ?? nonEmpty(env[envNames.contract]) ?? file.contract
  if (contract !== undefined && !isAddress(contract))
    throw new UsageError(`The contract address '${contract}' is not a 0x-prefixed 20-byte address.`)
  let startBlock: bigint
  try {
    startBlock = BigInt(file.startBlock ?? 0)
  } catch {
    throw new CliError(`startBlock in ${path} must be an integer`)
  }
  return {
    rpcUrl:
      nonEmpty(flags['rpc-url']) ??
      nonEmpty(env[envNames.rpcUrl]) ??
      file.rpcUrl ??
      defaults.rpcUrl,
    chainId: file.chainId,
    contract,
    startBlock,
    store: pathSetting(flags.store, env[envNames.store], file.storePath, defaults.store),
    keystore: pathSetting(flags.keystore, env[envNames.keystore], file.keystore, defaults.keystore),
    privateKeyEnv: file.privateKeyEnv ?? defaults.privateKeyEnv,
    configPath: found,
  }
}

/** The account's private key: `MEDCHAIN_PRIVATE_KEY`, else the variable the config file names. */
export function privateKeyFromEnv(
  config: Config,
  env: NodeJS.ProcessEnv = process.env,
): `0x${string}` | undefined {
  const value = nonEmpty(env[envNames.privateKey]) ?? nonEmpty(env[config.privateKeyEnv])
  if (value === undefined) return undefined
  const key = value.startsWith('0x') ? value : `0x${value}`
  if (!/^0x[0-9a-fA-F]{64}$/.test(key))
    throw new CliError(
      `The private key in ${env[envNames.privateKey] ? envNames.privateKey : config.privateKeyEnv} is not 32 bytes of hex.`,
    )
  return key as `0x${string}`
}
