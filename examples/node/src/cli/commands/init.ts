// medchain init: an encrypted keystore for this account's X25519 key, and a config file.
import { existsSync } from 'node:fs'
import { mkdir, writeFile } from 'node:fs/promises'
import { dirname, relative, resolve } from 'node:path'
import { type Command, string } from '../command.js'
import {
  type Config,
  type ConfigFile,
  configPath,
  defaults,
  envNames,
  privateKeyFromEnv,
} from '../config.js'
import { CliError, info, printJson, UsageError } from '../output.js'

export const init: Command = {
  name: 'init',
  summary: 'Create an encrypted keystore (X25519 key) and a medchain.config.json',
  ignoreConfigFile: true,
  details: [
    'The passphrase comes from MEDCHAIN_PASSPHRASE, or is asked on the terminal. An existing keystore',
    'is kept (the passphrase must open it). The config file names the environment variable holding the',
    'account private key; it never holds the key itself.',
    '',
    'Example:',
    '  medchain init --rpc-url http://127.0.0.1:8545 --contract 0x5FbD…0aa3 --start-block 1',
  ].join('\n'),
  options: {
    'chain-id': {
      type: 'string',
      value: '<id>',
      description: 'Chain id (default: asked from the RPC node)',
    },
    'start-block': {
      type: 'string',
      value: '<n>',
      description: 'Block the contract was deployed in (default 0)',
    },
    'private-key-env': {
      type: 'string',
      value: '<NAME>',
      description: `Env var that holds the account private key (default ${envNames.privateKey})`,
    },
    force: { type: 'boolean', description: 'Overwrite an existing config file' },
  },
  async run(ctx) {
    const { generateEncryptionKeyPair, loadKeystore, saveKeystore } = await import(
      '@medchain/sdk/crypto'
    )
    const { bytesToHex } = await import('viem')
    const { privateKeyToAccount } = await import('viem/accounts')
    const { chainIdOf, passphrase } = await import('../client.js')
    const { parseBigInt, parsePositiveInt } = await import('../parse.js')
    const file = configPath(ctx.flags, process.env, process.cwd())
    if (existsSync(file) && !ctx.flags.force)
      throw new CliError(`${file} exists; pass --force to overwrite it.`)
    const dir = dirname(file)
    const { rpcUrl, contract } = ctx.config
    if (!contract)
      throw new UsageError(`init needs the contract address: --contract or ${envNames.contract}.`)
    // Paths are written relative to the config file, so the folder can move.
    const keystorePath = resolve(
      process.cwd(),
      string(ctx, 'keystore') ?? process.env[envNames.keystore] ?? resolve(dir, defaults.keystore),
    )
    const store = string(ctx, 'store') ?? process.env[envNames.store]
    const storePath =
      store === undefined
        ? defaults.store
        : /^https?:\/\//i.test(store)
          ? store
          : relative(dir, resolve(store)) || '.'
    const chainFlag = string(ctx, 'chain-id')
    const chainId = chainFlag
      ? parsePositiveInt(chainFlag, '--chain-id')
      : await chainIdOf(ctx.config)
    const startBlock = parseBigInt(string(ctx, 'start-block') ?? '0', '--start-block')
    const privateKeyEnv = string(ctx, 'private-key-env') ?? defaults.privateKeyEnv

    let publicKey: Uint8Array
    if (existsSync(keystorePath)) {
      const provider = await loadKeystore({
        path: keystorePath,
        password: await passphrase({ confirm: false }),
      })
      publicKey = await provider.getEncryptionPublicKey()
      info(`Using the existing keystore ${keystorePath}`)
    } else {
      const password = await passphrase({ confirm: true })
      const { privateKey, publicKey: fresh } = generateEncryptionKeyPair()
      await mkdir(dirname(keystorePath), { recursive: true })
      await saveKeystore({ path: keystorePath, privateKey, password })
      privateKey.fill(0)
      publicKey = fresh
      info(
        `Created the keystore ${keystorePath} (mode 600; back it up: records cannot be read without it)`,
      )
    }

    const config: ConfigFile = {
      rpcUrl,
      chainId,
      contract,
      startBlock: startBlock.toString(),
      storePath,
      keystore: relative(dir, keystorePath),
      privateKeyEnv,
    }
    await mkdir(dir, { recursive: true })
    await writeFile(file, `${JSON.stringify(config, null, 2)}\n`)
    info(`Wrote ${file}`)
    const resolved: Config = { ...ctx.config, privateKeyEnv }
    const key = privateKeyFromEnv(resolved)
    const account = key ? privateKeyToAccount(key).address : undefined
    if (ctx.json)
      printJson({
        config: file,
        keystore: keystorePath,
        encryptionPublicKey: bytesToHex(publicKey),
        account,
      })
    else {
      process.stdout.write(`encryption public key  ${bytesToHex(publicKey)}\n`)
      process.stdout.write(
        `account                ${account ?? `(set ${privateKeyEnv} to use it)`}\n`,
      )
    }
  },
}
