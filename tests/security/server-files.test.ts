// Finding 5 of the second security round: an admin, or anyone holding the printed access token (which acted as
// the admin profile), read any file of the server: imports.inspect {"file":{"path":"/etc/passwd"}} answered with
// its first rows, and nothing was audited. Now a path in a call is never read; a file of the machine comes only
// from the desktop shell's own open dialog, as a token for the chosen file, and every such read is audited. The
// access token carries at most --token-role (viewer by default).
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { appRouter } from '#main/app/api/router.ts'
import { startServer } from '#main/app/server/serve.ts'
import { findProfile } from '#main/users/profiles.ts'
import { insertComplaints } from '../fixtures.ts'
import { tempDir } from '../helpers.ts'
import { callHttp } from './api.ts'
import { startSecured, type Secured } from './server.ts'

let s: Secured
beforeAll(async () => {
  s = await startSecured((ws) => insertComplaints(ws.db, [{ tracking_id: 'SF1', submitted: '2026-01-05T02:00:00Z' }]))
})
afterAll(() => s?.close())

const inspect = { path: 'imports.inspect', type: 'mutation' } as const
const run = { path: 'imports.run', type: 'mutation' } as const
const pickFile = { path: 'imports.pickFile', type: 'mutation' } as const
const session = { path: 'session', type: 'query' } as const
const audits = () => s.ws.db.prepare("SELECT count(*) FROM audit_log WHERE action = 'import.file.read'").pluck().get() as number

describe('files of the server are not readable through the API', () => {
  it('an admin session over HTTP gets nothing of /etc/passwd (or any path) from inspect or run', async () => {
    for (const name of ['passwd.csv', 'x.txt', 'x.xlsx']) {
      for (const [proc, input] of [
        [inspect, { file: { name, path: '/etc/passwd' } }],
        [run, { kabupaten: '64.08', file: { name, path: '/etc/passwd' }, dryRun: true }],
      ] as const) {
        const reply = await callHttp(s.base, proc, input, s.tokens.admin)
        expect(reply).toMatchObject({ ok: false, code: 'FORBIDDEN' })
        expect(JSON.stringify(reply)).not.toMatch(/root:|\/bin\/|nologin/)
      }
    }
    // Serve mode has no dialog to pick from, and a made-up pick token reads nothing.
    expect(await callHttp(s.base, pickFile, undefined, s.tokens.admin)).toMatchObject({ ok: false, code: 'BAD_REQUEST' })
    const forged = await callHttp(s.base, inspect, { file: { name: 'a.csv', picked: 'x'.repeat(32) } }, s.tokens.admin)
    expect(forged).toMatchObject({ ok: false, code: 'FORBIDDEN' })
  })

  it('at the desktop: only a file picked in the open dialog, by the admin who picked it, and every read is audited', async () => {
    const chosen = join(tempDir(), 'laporan.csv')
    writeFileSync(chosen, 'No Tiket;Judul;Isi\nA-1;Jalan rusak sekali;Di depan pasar\n')
    const admin = findProfile(s.ws.db, 'admin1')!
    const desktop = (user = admin, picks: string | null = chosen) =>
      appRouter.createCaller({ db: s.ws.db, bus: s.ws.bus, user, app: { mode: 'desktop', defaultKabupaten: null }, shell: { chooseSavePath: async () => null, chooseImportFile: async () => picks } })
    // A path typed into the call is refused at the desktop too.
    await expect(desktop().imports.inspect({ file: { name: 'p.csv', path: '/etc/passwd' } })).rejects.toThrow(/path berkas tidak diterima/)

    const before = audits()
    const { file } = await desktop().imports.pickFile()
    expect(file!.name).toBe('laporan.csv')
    expect(file!.picked).not.toContain(chosen)
    const look = await desktop().imports.inspect({ file: file! })
    expect(look.rows[1].cells).toEqual(['A-1', 'Jalan rusak sekali', 'Di depan pasar'])
    expect(audits()).toBe(before + 1)
    const entry = s.ws.db.prepare("SELECT username, entity, entity_id, after_json FROM audit_log WHERE action = 'import.file.read' ORDER BY id DESC LIMIT 1").get()
    expect(entry).toEqual({ username: 'admin1', entity: 'file', entity_id: chosen, after_json: JSON.stringify({ procedure: 'inspect', name: 'laporan.csv' }) })

    // The token is the picker's: another profile, or the same token over the network, reads nothing.
    const supervisor = findProfile(s.ws.db, 'supervisor1')!
    await expect(desktop(supervisor).imports.inspect({ file: file! })).rejects.toThrow(/hanya untuk admin/)
    const otherAdmin = { ...admin, id: admin.id + 1000 }
    await expect(desktop(otherAdmin).imports.inspect({ file: file! })).rejects.toThrow(/tidak dikenal atau kedaluwarsa/)
    expect(await callHttp(s.base, inspect, { file: file! }, s.tokens.admin)).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    expect(audits()).toBe(before + 1)
    // Cancelling the dialog gives nothing.
    expect(await desktop(admin, null).imports.pickFile()).toEqual({ file: null })
  })
})

describe('the access token', () => {
  it('acts with the viewer role by default, whatever the --user profile may do', async () => {
    const lan = await startServer({ workspace: s.ws, host: '0.0.0.0', port: 0, username: 'admin1', log: () => {}, routingUpkeep: false })
    try {
      const base = lan.url.replace('0.0.0.0', '127.0.0.1')
      expect(await callHttp(base, session, undefined, lan.token!)).toMatchObject({ ok: true, data: { user: { username: 'admin1', role: 'viewer' } } })
      const reply = await callHttp(base, inspect, { file: { name: 'p.csv', path: '/etc/passwd' } }, lan.token!)
      expect(reply).toMatchObject({ ok: false, code: 'FORBIDDEN' })
      expect(reply.message).toMatch(/operator/)
    } finally {
      await lan.close()
    }
  })

  it('carries a higher role only when asked (--token-role), and never more than the profile has', async () => {
    for (const [username, tokenRole, expected] of [
      ['admin1', 'supervisor', 'supervisor'],
      ['admin1', 'admin', 'admin'],
      ['operator1', 'admin', 'operator'],
    ] as const) {
      const lan = await startServer({ workspace: s.ws, host: '0.0.0.0', port: 0, username, tokenRole, log: () => {}, routingUpkeep: false })
      try {
        const base = lan.url.replace('0.0.0.0', '127.0.0.1')
        expect(await callHttp(base, session, undefined, lan.token!)).toMatchObject({ ok: true, data: { user: { username, role: expected } } })
      } finally {
        await lan.close()
      }
    }
  })
})
