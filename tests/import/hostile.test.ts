// Hostile and broken files are refused with a clear Indonesian message naming the file and the limit, within the
// reading budget (import/readers.ts readRows: a worker thread with a 300 MB heap and a time limit), from the
// library, the CLI and serve mode alike; the server keeps answering. Every file is generated here.
import { describe, expect, it, afterEach } from 'vitest'
import { spawnSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { readFileSync, statSync, truncateSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { Readable } from 'node:stream'
import JSZip from 'jszip'
import { createTRPCClient, httpBatchLink, TRPCClientError } from '@trpc/client'
import type { AppRouter } from '#main/app/api/router.ts'
import { openWorkspace, type Workspace } from '#main/app/workspace/open.ts'
import { startServer, type RunningServer } from '#main/app/server/serve.ts'
import { seedKabupaten } from '#main/reference/regions/seed.ts'
import { upsertProfile } from '#main/users/profiles.ts'
import { importFile } from '#main/import/run.ts'
import { READ_LIMITS } from '#main/import/readers.ts'
import { tempDir } from '../helpers.ts'
import { LAPOR_HEADERS, laporRow, writeCsv, writeXlsx } from './files.ts'

const KAB = '64.08'

async function truncatedXlsx(dir: string): Promise<string> {
  const rows = Array.from({ length: 300 }, (_, i) => laporRow(i + 1, { id: `T${i}`, tanggal: '02/11/2026 09:15', status: 'Proses' }))
  const file = await writeXlsx(dir, 'terpotong.xlsx', { headers: LAPOR_HEADERS, rows })
  truncateSync(file, Math.floor(statSync(file).size / 2))
  return file
}

/** A small workbook whose shared-strings part unpacks to one 400 MB string. */
async function sharedStringBomb(dir: string): Promise<string> {
  const base = await writeXlsx(dir, 'base.xlsx', { headers: LAPOR_HEADERS, rows: [laporRow(1, { id: 'B1', tanggal: '02/11/2026 09:15', status: 'Proses' })] })
  const zip = await JSZip.loadAsync(readFileSync(base))
  const chunk = 'A'.repeat(1 << 20)
  const part = Readable.from(
    (function* () {
      yield '<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount="1"><si><t>'
      for (let i = 0; i < 400; i++) yield chunk
      yield '</t></si></sst>'
    })(),
  )
  zip.file('xl/sharedStrings.xml', part)
  const file = join(dir, 'bom.xlsx')
  writeFileSync(file, await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 6 } }))
  return file
}

function wideCsv(dir: string): string {
  const file = join(dir, 'lebar.csv')
  writeFileSync(file, 'x;'.repeat(700_000) + 'x\n')
  return file
}

function garbage(dir: string, name: string): string {
  const file = join(dir, name)
  writeFileSync(file, randomBytes(200_000))
  return file
}

async function refusal(db: Workspace['db'], file: string, name = file.split('/').pop()!): Promise<string> {
  const err = await importFile(db, { input: { path: file }, name, kabupaten: KAB, dryRun: true, user: upsertProfile(db, 'admin', 'Admin Diskominfo', 'admin'), trigger: 'test' }).then(
    () => null,
    (e: Error) => e,
  )
  expect(err).toBeInstanceOf(Error)
  return err!.message
}

let servers: { server: RunningServer; ws: Workspace }[] = []
afterEach(async () => {
  for (const s of servers) {
    await s.server.close()
    s.ws.close()
  }
  servers = []
})

describe('hostile files', () => {
  it('are refused by the import with a message naming the file and the limit', async () => {
    const dir = tempDir()
    const ws = openWorkspace(join(dir, 'store.db'))
    seedKabupaten(ws.db, KAB)
    const truncated = await refusal(ws.db, await truncatedXlsx(dir))
    expect(truncated).toMatch(/terpotong\.xlsx/)
    expect(truncated).toMatch(/terpotong atau rusak/)

    const bomb = await sharedStringBomb(dir)
    expect(statSync(bomb).size).toBeLessThan(5 * 1024 * 1024)
    const bombMessage = await refusal(ws.db, bomb)
    expect(bombMessage).toMatch(/bom\.xlsx/)
    expect(bombMessage).toMatch(new RegExp(`terurai menjadi 400 MB, melebihi batas ${READ_LIMITS.zipEntryMb} MB`))

    const wide = await refusal(ws.db, wideCsv(dir))
    expect(wide).toMatch(/lebar\.csv/)
    expect(wide).toMatch(/batas/)
    expect(wide.length).toBeLessThan(600)

    expect(await refusal(ws.db, garbage(dir, 'acak.xlsx'))).toMatch(/acak\.xlsx: bukan berkas \.xlsx/)
    expect(await refusal(ws.db, garbage(dir, 'acak.csv'))).toMatch(/acak\.csv: .*(pengodean|byte nol)/)
    ws.close()
  }, 180_000)

  it('tanggap import prints the refusal of a truncated workbook and exits 1', async () => {
    const dir = tempDir()
    const db = join(dir, 'cli.db')
    const ws = openWorkspace(db)
    seedKabupaten(ws.db, KAB)
    ws.close()
    const r = spawnSync(process.execPath, ['bin/tanggap.js', 'import', '--db', db, '--file', await truncatedXlsx(dir), '--dry-run'], { encoding: 'utf8', env: { ...process.env, TZ: 'UTC' } })
    expect(r.status).toBe(1)
    expect(r.stderr).toMatch(/terpotong\.xlsx.*terpotong atau rusak/)
  }, 180_000)

  it('serve mode: refuses hostile uploads with the message, keeps answering, and takes a 2 MB upload', async () => {
    const dir = tempDir()
    const ws = openWorkspace(join(dir, 'serve.db'))
    seedKabupaten(ws.db, KAB)
    const server = await startServer({ workspace: ws, port: 0, routingUpkeep: false, backups: false, storeCheck: false })
    servers.push({ server, ws })
    const client = createTRPCClient<AppRouter>({ links: [httpBatchLink({ url: `${server.url}/trpc` })] })
    const upload = (file: string) => ({ name: file.split('/').pop()!, base64: readFileSync(file).toString('base64') })
    const refused = async (file: string) => {
      const err = await client.imports.inspect.mutate({ file: upload(file) }).then(
        () => null,
        (e: unknown) => e,
      )
      expect(err).toBeInstanceOf(TRPCClientError)
      return (err as TRPCClientError<AppRouter>).message
    }
    expect(await refused(await truncatedXlsx(dir))).toMatch(/terpotong\.xlsx.*terpotong atau rusak/)
    const wide = await refused(wideCsv(dir))
    expect(wide).toMatch(/lebar\.csv.*batas/)
    expect(wide.length).toBeLessThan(600)
    expect(await refused(garbage(dir, 'acak.xlsx'))).toMatch(/bukan berkas \.xlsx/)
    // Still answering.
    expect(await client.imports.history.query({ kabupaten: KAB })).toBeTruthy()

    // A 2 MB upload (above the 1 MiB body limit of the other API calls) is read.
    const rows = Array.from({ length: 6_000 }, (_, i) => laporRow(i + 1, { id: `U${i}`, tanggal: '02/11/2026 09:15', status: 'Proses', isi: 'Jalan berlubang di depan sekolah, mohon segera diperbaiki. '.repeat(4) }))
    const big = writeCsv(dir, 'besar.csv', { headers: LAPOR_HEADERS, rows })
    expect(statSync(big).size).toBeGreaterThan(2 * 1024 * 1024)
    const inspected = await client.imports.inspect.mutate({ file: upload(big) })
    expect(inspected.layout?.name).toBe('lapor-admin')
    const run = await client.imports.run.mutate({ kabupaten: KAB, file: upload(big), dryRun: true })
    expect(run.rows.accepted).toBe(6_000)
  }, 180_000)
})
