import { mkdir, rm } from 'node:fs/promises'
import { join, resolve } from 'node:path'

/**
 * The demo's data folder: `MEDCHAIN_DATA_DIR`, or `examples/node/.medchain/demo` (gitignored). The
 * on-disk IPFS store lives in its `store/` subfolder, emptied at the start of every run so reruns
 * start clean (the chain is new every run too). Nothing else in the folder is touched.
 */
export async function freshStoreDir(): Promise<string> {
  const dataDir = resolve(
    process.env.MEDCHAIN_DATA_DIR ?? join(import.meta.dirname, '..', '..', '.medchain', 'demo'),
  )
  const storeDir = join(dataDir, 'store')
  await rm(storeDir, { recursive: true, force: true })
  await mkdir(dataDir, { recursive: true })
  return storeDir
}
