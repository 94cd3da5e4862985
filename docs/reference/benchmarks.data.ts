import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { createMarkdownRenderer, type SiteConfig } from 'vitepress'
import { readmeSection } from '../.vitepress/readmeSection.js'

// The gas table and benchmark figures have one source each: the package READMEs, which the tests
// and benches that produce them keep up to date. This loader renders those README sections at build
// time, so the docs page never holds a copied number.
const contractsReadme = fileURLToPath(
  new URL('../../packages/contracts/README.md', import.meta.url),
)
const sdkReadme = fileURLToPath(new URL('../../packages/sdk/README.md', import.meta.url))

export type BenchmarkSections = { gas: string; performance: string }

declare const data: BenchmarkSections

export { data }

export default {
  watch: [contractsReadme, sdkReadme],
  async load(): Promise<BenchmarkSections> {
    const config = (globalThis as { VITEPRESS_CONFIG?: SiteConfig }).VITEPRESS_CONFIG
    if (!config) throw new Error('benchmarks.data.ts runs only inside a VitePress build.')
    const md = await createMarkdownRenderer(
      config.srcDir,
      config.markdown,
      config.site.base,
      config.logger,
    )
    const render = (file: string, heading: string) =>
      md.render(readmeSection(readFileSync(file, 'utf8'), heading))
    return {
      gas: render(contractsReadme, 'Gas'),
      performance: render(sdkReadme, 'Performance (`pnpm bench`)'),
    }
  },
}
