import { existsSync, readFileSync } from 'node:fs'
import type { DefaultTheme } from 'vitepress'

// Sidebar entries for the generated reference pages (TypeDoc for the SDK, NatSpec for the contracts).
// Kept apart from config.ts because the generators own them: `pnpm --filter @medchain/docs run
// reference` (run before every docs build, see docs/package.json) writes the pages and these two
// sidebar files. Before the first generation (e.g. a bare `vitepress dev`) they are simply absent.
const sdkSidebarFile = new URL('../reference/api/typedoc-sidebar.json', import.meta.url)
const contractsSidebarFile = new URL('../reference/contracts-api/sidebar.json', import.meta.url)

function readSidebar(file: URL): DefaultTheme.SidebarItem[] {
  return existsSync(file)
    ? (JSON.parse(readFileSync(file, 'utf8')) as DefaultTheme.SidebarItem[])
    : []
}

/** One group per entry point (named by import path, see docs/typedoc-module-names.mjs). */
function sdkItems(): DefaultTheme.SidebarItem[] {
  const modules = readSidebar(sdkSidebarFile)
  if (modules.length === 0) return []
  return [{ text: 'SDK API', link: '/reference/api/', collapsed: true, items: modules }]
}

export const generatedReferenceItems: DefaultTheme.SidebarItem[] = [
  ...sdkItems(),
  ...readSidebar(contractsSidebarFile),
]
