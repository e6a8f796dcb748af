// Finding 3 of the second security round: complaints.queue {search} matched the stored, unmasked title, so the
// search was an oracle. A viewer confirmed words of rahasia complaints it may not read, and recovered a NIK that
// every screen shows it masked, digit by digit ("6", "64", "640", … found or not). Now a search matches only what
// the caller sees of a title; the tracking number still finds any complaint. Real HTTP, every role.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ROLES, type Role } from '#shared/roles.ts'
import { insertComplaints } from '../fixtures.ts'
import { callHttp } from './api.ts'
import { startSecured, type Secured } from './server.ts'

// The fixture's reporter of every complaint: Siti Rahmawati, NIK 6408011204900001, 081234567890.
const rows = [
  { tracking_id: 'QS-RAHASIA', judul: 'Pungli kepala dinas PUPR di proyek jembatan Kaliorang', is_rahasia: 1 as const },
  { tracking_id: 'QS-ANONIM', judul: 'Saya Siti Rahmawati NIK 6408011204900001 minta lampu jalan', is_anonim: 1 as const },
  { tracking_id: 'QS-NIK', judul: 'Warga NIK 6408017777000002 belum dapat bantuan, hp 0813 5555 1212' },
  { tracking_id: 'QS-BIASA', judul: 'Lampu jalan padam di Sangatta Utara' },
].map((r) => ({ ...r, submitted: '2026-01-05T02:00:00Z' }))

let s: Secured
beforeAll(async () => {
  s = await startSecured((ws) => insertComplaints(ws.db, rows))
})
afterAll(() => s?.close())

const queue = { path: 'complaints.queue', type: 'query' } as const

async function found(role: Role, search: string): Promise<string[]> {
  const r = await callHttp(s.base, queue, { kabupaten: '64.08', queue: 'semua', search }, s.tokens[role])
  expect(r.ok, r.message).toBe(true)
  const data = r.data as { total: number; rows: { tracking_id: string }[] }
  expect(data.total).toBe(data.rows.length) // the count answers the same question as the rows
  return data.rows.map((x) => x.tracking_id).sort()
}

describe('queue search is no oracle', () => {
  it('a viewer cannot confirm words of a rahasia complaint; operators and up, who may read it, find it', async () => {
    expect(await found('viewer', 'Pungli')).toEqual([])
    expect(await found('viewer', 'jembatan Kaliorang')).toEqual([])
    for (const role of ['operator', 'supervisor', 'admin'] as const) expect(await found(role, 'Pungli')).toEqual(['QS-RAHASIA'])
  })

  it('a masked NIK, phone number or reporter name cannot be recovered digit by digit by roles that see it masked', async () => {
    for (const role of ['viewer', 'operator'] as const) {
      for (const probe of ['6408017777000002', '64080177', '6408', '0813 5555', '5555 1212']) expect(await found(role, probe), `${role} ${probe}`).toEqual([])
      // The anonim reporter's own name and NIK, masked for everyone.
      expect(await found(role, 'Siti Rahmawati')).toEqual([])
      expect(await found(role, '6408011204900001')).toEqual([])
      // What the role does see still matches.
      expect(await found(role, 'belum dapat bantuan')).toEqual(['QS-NIK'])
      expect(await found(role, 'lampu jalan')).toEqual(['QS-ANONIM', 'QS-BIASA'])
    }
  })

  it('supervisors see non-anonim titles in full and find in them; an anonim title stays masked for them too', async () => {
    for (const role of ['supervisor', 'admin'] as const) {
      expect(await found(role, '64080177')).toEqual(['QS-NIK'])
      expect(await found(role, 'Siti Rahmawati')).toEqual([])
      expect(await found(role, '640801120490')).toEqual([])
      expect(await found(role, 'minta lampu')).toEqual(['QS-ANONIM'])
    }
  })

  it('the tracking number finds every complaint for every role, the rahasia one included', async () => {
    // Every command-centre role; a liaison has no queue search, only its units' inbox (tests/liaison).
    for (const role of ROLES.filter((r) => r !== 'penghubung')) for (const r of rows) expect(await found(role, r.tracking_id)).toEqual([r.tracking_id])
  })

  it('a search through an export follows the same rule', async () => {
    const r = await callHttp(s.base, { path: 'exports.start', type: 'mutation' }, { format: 'csv', request: { kind: 'queue', kabupaten: '64.08', queue: 'semua', search: 'Pungli' } }, s.tokens.viewer)
    expect(r.ok, r.message).toBe(true)
    expect((r.data as { job: { rowsTotal: number } }).job.rowsTotal).toBe(0)
  })
})
