// Serve mode's download of a finished export: GET /export/<job id>. The caller must pass the server's token check
// (done by serve.ts) and be the profile that started the job, still with the role the file was made for; anyone
// else gets the same 404 as for an unknown id, so job ids reveal nothing. The file is streamed, not loaded.
import { createReadStream } from 'node:fs'
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { Db } from '#main/store/open.ts'
import type { SessionUser } from '#main/users/session.ts'
import { exportJobs } from '#main/export/jobs.ts'
import { CONTENT_TYPE } from '#main/export/run.ts'
import { SECURITY_HEADERS } from './static.ts'

export const EXPORT_PATH = /^\/export\/([0-9a-f-]{36})$/

export function isExportDownload(req: IncomingMessage): boolean {
  return req.url?.startsWith('/export/') ?? false
}

function refuse(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' })
  res.end(text)
}

export function serveExportDownload(req: IncomingMessage, res: ServerResponse, db: Db, user: SessionUser | null): void {
  if (req.method !== 'GET' && req.method !== 'HEAD') return refuse(res, 405, 'Hanya GET')
  if (!user) return refuse(res, 401, 'Perlu token akses: buka tautan bertoken yang dicetak saat server dimulai')
  const id = EXPORT_PATH.exec(new URL(req.url ?? '/', 'http://local').pathname)?.[1]
  const file = id ? exportJobs(db).download(id, user) : null
  if (!file) return refuse(res, 404, 'Berkas ekspor tidak ditemukan (belum selesai, sudah kedaluwarsa, atau bukan milik profil ini)')
  res.writeHead(200, {
    ...SECURITY_HEADERS,
    'Content-Type': CONTENT_TYPE[file.format],
    // RFC 6266: an ASCII fallback and the exact UTF-8 name.
    'Content-Disposition': `attachment; filename="${file.fileName.replace(/[^\x20-\x7e]|"/g, '_')}"; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
    // Personal data: no cache may keep a copy.
    'Cache-Control': 'no-store',
  })
  if (req.method === 'HEAD') return void res.end()
  const stream = createReadStream(file.path)
  stream.on('error', () => res.destroy())
  stream.pipe(res)
}
