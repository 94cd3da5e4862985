// Serves the production build the way a static host would (for the end-to-end tests): files with
// their content types, index.html for client-side routes, and the runtime config.

import { createReadStream } from 'node:fs'
import { stat } from 'node:fs/promises'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { extname, join, normalize, resolve, sep } from 'node:path'
import type { MedChainWebConfig } from '../../src/config'

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
  '.pdf': 'application/pdf',
  '.wasm': 'application/wasm',
  '.webmanifest': 'application/manifest+json',
}

/** A running static server from {@link serveStatic}. */
export type StaticServer = {
  /** `http://127.0.0.1:<port>` */
  url: string
  stop(): Promise<void>
}

/**
 * Serves `distDir` on 127.0.0.1 (a free port): each file with its content type, `index.html` for
 * any other GET path without a file extension (client-side routes), and `/medchain.config.json`
 * from `config`.
 *
 * @example
 * ```ts
 * const server = await serveStatic(await buildWebApp(), stack.config)
 * await page.goto(server.url)
 * ```
 */
export async function serveStatic(
  distDir: string,
  config: MedChainWebConfig,
): Promise<StaticServer> {
  const root = resolve(distDir)
  const configJson = `${JSON.stringify(config, null, 2)}\n`

  const server = createServer(async (request, response) => {
    try {
      if (request.method !== 'GET' && request.method !== 'HEAD') {
        response.writeHead(405, { Allow: 'GET, HEAD' }).end()
        return
      }
      const { pathname } = new URL(request.url ?? '/', 'http://127.0.0.1')
      if (pathname === '/medchain.config.json') {
        response.writeHead(200, {
          'Content-Type': contentTypes['.json']!,
          'Cache-Control': 'no-store',
        })
        response.end(request.method === 'HEAD' ? undefined : configJson)
        return
      }
      let file = join(root, normalize(decodeURIComponent(pathname)))
      if (file !== root && !file.startsWith(root + sep)) {
        response.writeHead(403).end()
        return
      }
      let info = await stat(file).catch(() => undefined)
      if (info?.isDirectory()) {
        file = join(file, 'index.html')
        info = await stat(file).catch(() => undefined)
      }
      if (!info?.isFile()) {
        // A client-side route (no extension) gets the app; a missing asset is a real 404.
        if (extname(pathname) !== '') {
          response.writeHead(404, { 'Content-Type': contentTypes['.txt']! }).end('Not found\n')
          return
        }
        file = join(root, 'index.html')
        info = await stat(file)
      }
      response.writeHead(200, {
        'Content-Type': contentTypes[extname(file).toLowerCase()] ?? 'application/octet-stream',
        'Content-Length': String(info.size),
        'Cache-Control': 'no-cache',
      })
      if (request.method === 'HEAD') response.end()
      else createReadStream(file).pipe(response)
    } catch (error) {
      if (!response.headersSent) response.writeHead(500, { 'Content-Type': contentTypes['.txt']! })
      response.end(`${error instanceof Error ? error.message : String(error)}\n`)
    }
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => resolve())
  })
  const { port } = server.address() as AddressInfo
  let stopped: Promise<void> | undefined
  return {
    url: `http://127.0.0.1:${port}`,
    stop() {
      stopped ??= new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      })
      return stopped
    },
  }
}
