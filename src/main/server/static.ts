// Serves the built renderer (out/renderer) to browsers: wall displays and end-to-end tests.
import { createReadStream, existsSync, statSync } from 'node:fs'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { extname, join, normalize, sep } from 'node:path'

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

export const SECURITY_HEADERS: Record<string, string> = {
  'Content-Security-Policy':
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; connect-src 'self'; " +
    "font-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'none'",
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
}

export function serveStatic(root: string, req: IncomingMessage, res: ServerResponse): void {
  const url = new URL(req.url ?? '/', 'http://local')
  // The renderer is built with relative asset paths (base './' for file:// in Electron), so a deep route such as
  // /antrean/123 asks for /antrean/assets/x.js: every */assets/* is the one assets folder.
  const path = decodeURIComponent(url.pathname).replace(/^.*\/assets\//, '/assets/')
  const rel = normalize(path).replace(/^([/\\])+/, '')
  let file = join(root, rel)
  // Never serve outside the build folder, whatever the path says.
  if (!file.startsWith(root + sep) && file !== root) return send(res, 403, 'Forbidden')
  // Client-side routes (/peta, /antrean/...) all load the single page.
  if (!existsSync(file) || statSync(file).isDirectory()) file = join(root, 'index.html')
  if (!existsSync(file)) return send(res, 503, 'Renderer belum dibangun: jalankan `npm run build` lebih dulu')
  const isAsset = rel.startsWith('assets/')
  res.writeHead(200, {
    ...SECURITY_HEADERS,
    'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
    // Vite puts a content hash in asset names, so they may be cached forever; index.html never.
    'Cache-Control': isAsset ? 'public, max-age=31536000, immutable' : 'no-cache',
  })
  createReadStream(file).pipe(res)
}

function send(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' })
  res.end(text)
}
