// Serves the built renderer (out/renderer) to browsers: wall displays and end-to-end tests.
import { createReadStream, existsSync, statSync } from 'node:fs'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { extname, join, normalize, sep } from 'node:path'
import { createGzip } from 'node:zlib'
import { contentSecurityPolicy } from './csp.ts'

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.geojson': 'application/geo+json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.map': 'application/json',
}

/** Text that shrinks to a quarter or less with gzip; images and fonts are compressed already. */
const COMPRESSIBLE = new Set(['.html', '.js', '.css', '.json', '.geojson', '.svg', '.map'])

/** Sent with every response; serve mode replaces the policy with one that admits the configured tile server. */
export const SECURITY_HEADERS: Record<string, string> = {
  'Content-Security-Policy': contentSecurityPolicy(),
  'X-Content-Type-Options': 'nosniff',
  // No referrer to other sites (the tile server learns nothing of the page). Not "no-referrer": with it,
  // browsers send "Origin: null" on the login form's POST, and serve mode refuses requests of unknown origin.
  'Referrer-Policy': 'same-origin',
  'Cross-Origin-Opener-Policy': 'same-origin',
}

export function serveStatic(root: string, req: IncomingMessage, res: ServerResponse, headers: Record<string, string> = SECURITY_HEADERS): void {
  const url = new URL(req.url ?? '/', 'http://local')
  // The renderer is built with relative asset paths (base './' for file:// in Electron), so a deep route such as
  // /antrean/123 asks for /antrean/assets/x.js: every */assets/* is the one assets folder.
  let path: string
  try {
    path = decodeURIComponent(url.pathname).replace(/^.*\/assets\//, '/assets/')
  } catch {
    // A malformed %-escape would otherwise throw inside the request handler and take the server down.
    return send(res, 400, 'Alamat tidak sah', headers)
  }
  const rel = normalize(path).replace(/^([/\\])+/, '')
  let file = join(root, rel)
  // Never serve outside the build folder, whatever the path says.
  if (!file.startsWith(root + sep) && file !== root) return send(res, 403, 'Forbidden', headers)
  // Client-side routes (/peta, /antrean/...) all load the single page.
  if (!existsSync(file) || statSync(file).isDirectory()) file = join(root, 'index.html')
  if (!existsSync(file)) return send(res, 503, 'Renderer belum dibangun: jalankan `npm run build` lebih dulu', headers)
  const isAsset = rel.startsWith('assets/')
  // A liaison's phone on a slow link: the first load's scripts are about a third of their size gzipped.
  const gzip = COMPRESSIBLE.has(extname(file)) && /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''))
  res.writeHead(200, {
    ...headers,
    'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
    // Vite puts a content hash in asset names, so they may be cached forever; index.html never.
    'Cache-Control': isAsset ? 'public, max-age=31536000, immutable' : 'no-cache',
    ...(gzip ? { 'Content-Encoding': 'gzip' } : {}),
    Vary: 'Accept-Encoding',
  })
  // A file removed while being sent (a rebuild) must end this response, not the server.
  const source = createReadStream(file).on('error', () => res.destroy())
  if (!gzip) return void source.pipe(res)
  source
    .pipe(createGzip({ level: 6 }))
    .on('error', () => res.destroy())
    .pipe(res)
}

function send(res: ServerResponse, status: number, text: string, headers: Record<string, string>): void {
  res.writeHead(status, { ...headers, 'Content-Type': 'text/plain; charset=utf-8' })
  res.end(text)
}
