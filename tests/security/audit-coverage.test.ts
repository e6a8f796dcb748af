// Finding 11d (issue 15): claims, sync runs, export cancels and failed sign-ins left no trace in the audit log.
import { afterAll, beforeAll, expect, it } from 'vitest'
import { saveSource } from '#main/sync/sources.ts'
import { insertComplaints } from '../fixtures.ts'
import { callHttp } from './api.ts'
import { signIn, startSecured, type Secured } from './server.ts'

let s: Secured
beforeAll(async () => {
  s = await startSecured((ws) => insertComplaints(ws.db, [{ tracking_id: 'AU1', submitted: '2026-01-05T02:00:00Z' }]))
})
afterAll(() => s?.close())

const entries = (action: string) =>
  s.ws.db.prepare('SELECT username, entity_id, after_json FROM audit_log WHERE action = ? ORDER BY id').all(action) as { username: string; entity_id: string; after_json: string | null }[]

it('audits taking and releasing a claim (not its renewals)', async () => {
  const id = s.sample.complaintIds[0]
  for (let i = 0; i < 3; i++) expect(await callHttp(s.base, { path: 'complaints.claim', type: 'mutation' }, { id }, s.tokens.operator)).toMatchObject({ ok: true })
  expect(await callHttp(s.base, { path: 'complaints.release', type: 'mutation' }, { id }, s.tokens.operator)).toMatchObject({ ok: true, data: true })
  expect(entries('complaint.claim')).toEqual([expect.objectContaining({ username: 'operator1', entity_id: String(id) })])
  expect(entries('complaint.release')).toEqual([expect.objectContaining({ username: 'operator1', entity_id: String(id) })])
})

it('audits starting a sync run and cancelling it', async () => {
  const src = saveSource(s.ws.db, { name: 'hulu-mati', kind: 'lapor-json', kabupaten: '64.08', config: { baseUrl: 'http://127.0.0.1:9' }, isEnabled: true })
  expect(await callHttp(s.base, { path: 'sync.runNow', type: 'mutation' }, { sourceId: src.id }, s.tokens.operator)).toMatchObject({ ok: true })
  const cancel = await callHttp(s.base, { path: 'sync.cancel', type: 'mutation' }, { sourceId: src.id }, s.tokens.operator)
  expect(entries('sync.run')).toEqual([expect.objectContaining({ username: 'operator1', entity_id: String(src.id) })])
  expect(entries('sync.cancel').length).toBe((cancel.data as { cancelled: boolean }).cancelled ? 1 : 0)
})

it('audits a cancelled export', async () => {
  const started = await callHttp(s.base, { path: 'exports.start', type: 'mutation' }, { format: 'csv', request: { kind: 'queue', kabupaten: '64.08', queue: 'semua' } }, s.tokens.supervisor)
  const job = (started.data as { job: { id: string; status: string } }).job
  const cancelled = await callHttp(s.base, { path: 'exports.cancel', type: 'mutation' }, { id: job.id }, s.tokens.supervisor)
  expect(cancelled.ok).toBe(true)
  const wasRunning = (cancelled.data as { status: string }).status !== 'done'
  expect(entries('export.cancel').length).toBe(wasRunning ? 1 : 0)
})

it('audits failed sign-ins with the username tried and the address, never the password', async () => {
  const res = await signIn(s.base, 'admin1', 'tebakan-sandi-1234')
  expect(res.status).toBe(401)
  await signIn(s.base, 'tidak-ada', 'tebakan-sandi-5678')
  const failed = entries('auth.login_failed')
  expect(failed.map((e) => e.entity_id)).toEqual(['admin1', 'tidak-ada'])
  expect(JSON.parse(failed[0].after_json!)).toEqual({ username: 'admin1', address: expect.stringMatching(/127\.0\.0\.1/) })
  const all = JSON.stringify(s.ws.db.prepare('SELECT * FROM audit_log').all())
  expect(all).not.toContain('tebakan-sandi')
})
