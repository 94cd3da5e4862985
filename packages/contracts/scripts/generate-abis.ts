// Writes ts/generated/*.ts from forge's build output: the ABI `as const` (so viem and abitype infer
// every function, event and error) and the creation bytecode. Nobody writes an ABI by hand.
//   tsx scripts/generate-abis.ts          write the files
//   tsx scripts/generate-abis.ts --check  exit 1 if the committed files differ from forge's output
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { renderGeneratedContracts } from './renderGeneratedContracts.ts'

const packageRoot = join(import.meta.dirname, '..')
const outputFile = join(packageRoot, 'ts/generated/contracts.ts')
const expected = renderGeneratedContracts(join(packageRoot, 'out'))

if (process.argv.includes('--check')) {
  const committed = readFileSync(outputFile, 'utf8')
  if (committed !== expected) {
    console.error(
      'ts/generated/contracts.ts is out of date: run `pnpm --filter @medchain/contracts generate`',
    )
    process.exit(1)
  }
  console.log('generated ABIs match forge output')
} else {
  writeFileSync(outputFile, expected)
  console.log(`wrote ${outputFile}`)
}
