// Issue 18 reminders, against a REAL SMTP server on 127.0.0.1 (smtp-server): the daily digest of a unit reaches its
// liaisons with the right complaints (overdue, due within 2 hari kerja; not later ones, not other units'); the
// escalation to the OPD head fires once per complaint; a refused recipient is retried with backoff and recorded as
// failed, shown by reminders.log over HTTP; a liaison without an e-mail address is recorded as failed at once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { SMTPServer } from 'smtp-server'
import type { AddressInfo } from 'node:net'
import { insertComplaints } from '../fixtures.ts'
import { callHttp } from '../security/api.ts'
import { startSecured, type Secured } from '../security/server.ts'
import { findProfile } from '#main/users/profiles.ts'
import { addUser } from '#main/auth/accounts.ts'
import { saveReminderSettings, saveSmtpSettings } from '#main/settings/smtp.ts'
import { MAX_ATTEMPTS, runReminders } from '#main/reminders/run.ts'

type Received = { to: string[]; subject: string; text: string }
let s: Secured
let smtp: SMTPServer
let port: number
const received: Received[] = []

beforeAll(async () => {
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onRcptTo(address, _session, cb) {
      if (address.address.startsWith('tolak@')) return cb(Object.assign(new Error('Kotak surat tidak ada'), { responseCode: 550 }))
      cb()
    },
    onData(stream, session, cb) {
      const chunks: Buffer[] = []
      stream.on('data', (c: Buffer) => chunks.push(c))
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8')
        const subject = /^Subject: (.*(?:\r\n\s.*)*)/m.exec(raw)?.[1].replace(/\r\n\s/g, ' ') ?? ''
        received.push({ to: session.envelope.rcptTo.map((r) => r.address), subject, text: raw })
        cb()
      })
    },
  })
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', () => resolve()))
  port = (smtp.server.address() as AddressInfo).port
  s = await startSecured((ws) => {
    const db = ws.db
    const kode = (sql: string) => db.prepare(sql).pluck().get() as string
    const opdLain = kode("SELECT kode FROM unit WHERE kabupaten_kode = '64.08' AND kind = 'opd' AND kode <> '64.08/dinkes' ORDER BY id LIMIT 1")
    const desa = kode("SELECT kode FROM unit WHERE kabupaten_kode = '64.08' AND kind = 'desa' ORDER BY id LIMIT 1")
    return insertComplaints(db, [
      // Verification due 3 hk after submission: overdue long before 21 January; due 23 January; due 26 January.
      { tracking_id: 'DINKES-LAMA', submitted: '2026-01-05T02:00:00Z', status: 'belum_ditindaklanjuti', unitKode: '64.08/dinkes' },
      { tracking_id: 'DINKES-SEGERA', submitted: '2026-01-20T02:00:00Z', status: 'belum_ditindaklanjuti', unitKode: '64.08/dinkes', is_rahasia: 1, judul: 'Rahasia puskesmas' },
      { tracking_id: 'DINKES-NANTI', submitted: '2026-01-21T01:00:00Z', status: 'belum_ditindaklanjuti', unitKode: '64.08/dinkes' },
      { tracking_id: 'LAIN-1', submitted: '2026-01-05T03:00:00Z', status: 'belum_ditindaklanjuti', unitKode: opdLain },
      { tracking_id: 'DESA-1', submitted: '2026-01-05T03:00:00Z', status: 'belum_ditindaklanjuti', unitKode: desa },
    ])
  })
  const db = s.ws.db
  const admin = findProfile(db, 'admin1')!
  const desaKode = db.prepare("SELECT u.kode FROM unit u JOIN complaint c ON c.unit_id = u.id WHERE c.tracking_id = 'DESA-1'").pluck().get() as string
  await addUser(db, admin, { username: 'p-dinkes', nama: 'Penghubung Dinkes', role: 'penghubung', unitCodes: ['64.08/dinkes'], email: 'penghubung@dinkes.test' })
  await addUser(db, admin, { username: 'kadinkes', nama: 'Kepala Dinkes', role: 'penghubung', unitCodes: ['64.08/dinkes'], email: 'kepala@dinkes.test', kepala: true })
  await addUser(db, admin, { username: 'p-desa', nama: 'Sekretaris Desa', role: 'penghubung', unitCodes: [desaKode], email: 'tolak@desa.test' })
  await addUser(db, admin, { username: 'p-desa2', nama: 'Kaur Desa', role: 'penghubung', unitCodes: [desaKode] })
  saveSmtpSettings(db, admin, { host: '127.0.0.1', port, tls: 'none', sender: 'tanggap@kutaitimurkab.test', username: '' })
  saveReminderSettings(db, admin, { escalateAfterHk: 3, digestHour: 7 })
})
afterAll(async () => {
  await s?.close()
  await new Promise<void>((resolve) => smtp.close(() => resolve()))
})

// 21 January 2026, 11:00 in Kutai Timur (UTC+8): after the digest hour.
const NOW = Date.parse('2026-01-21T03:00:00Z')

describe('reminders through a real SMTP server', () => {
  it('sends each unit\'s digest with the right complaints, and escalates an overdue complaint to the OPD head once', async () => {
    const r = await runReminders(s.ws.db, { now: NOW })
    expect(r).toMatchObject({ sent: 3, retrying: 1 })
    const digests = received.filter((m) => m.subject.includes('terlambat') && !m.subject.includes('Eskalasi'))
    const toLiaison = digests.find((m) => m.to.includes('penghubung@dinkes.test'))!
    expect(toLiaison, JSON.stringify(received.map((m) => [m.to, m.subject]))).toBeDefined()
    expect(toLiaison.text).toContain('DINKES-LAMA')
    expect(toLiaison.text).toContain('DINKES-SEGERA')
    // Rahasia content never leaves by e-mail; later deadlines and other units are not in it; no reporter identity.
    expect(toLiaison.text).not.toContain('Rahasia puskesmas')
    expect(toLiaison.text).not.toMatch(/DINKES-NANTI|LAIN-1|DESA-1|Siti Rahmawati|081234567890/)
    expect(digests.find((m) => m.to.includes('kepala@dinkes.test'))).toBeDefined()
    const escalations = received.filter((m) => m.subject.includes('Eskalasi'))
    expect(escalations.map((m) => m.to)).toEqual([['kepala@dinkes.test']])
    expect(escalations[0].text).toContain('DINKES-LAMA')

    // An hour later: nothing new (the digest once a day, the escalation once per complaint).
    const count = received.length
    const again = await runReminders(s.ws.db, { now: NOW + 3_600_000 })
    expect(again).toMatchObject({ planned: 0, escalations: 0, sent: 0 })
    expect(received.length).toBe(count)
    expect(s.ws.db.prepare("SELECT count(*) FROM reminder WHERE kind = 'eskalasi'").pluck().get()).toBe(1)
  })

  it('retries a refused send with backoff, then records it as failed, shown in reminders.log', async () => {
    const db = s.ws.db
    const row = () => db.prepare("SELECT state, attempts, next_attempt_at, last_error FROM reminder WHERE recipient = 'tolak@desa.test'").get() as { state: string; attempts: number; next_attempt_at: number | null; last_error: string }
    // Refused at the first pass, retried at the second (an hour later: past the first backoff of a minute).
    expect(row()).toMatchObject({ state: 'menunggu', attempts: 2 })
    expect(row().last_error).toMatch(/127\.0\.0\.1.*Kotak surat tidak ada/)
    // Not before its backoff (4 minutes after the second attempt) has passed.
    const early = await runReminders(db, { now: row().next_attempt_at! - 1 })
    expect(early?.retrying).toBe(0)
    expect(row().next_attempt_at! - (NOW + 3_600_000)).toBe(4 * 60_000)
    let now = NOW
    for (let i = 3; i <= MAX_ATTEMPTS; i++) {
      now = row().next_attempt_at! + 1
      await runReminders(db, { now })
      expect(row().attempts).toBe(i)
    }
    expect(row()).toMatchObject({ state: 'gagal', attempts: MAX_ATTEMPTS, next_attempt_at: null })
    const log = await callHttp(s.base, { path: 'reminders.log', type: 'query' }, {}, s.tokens.admin)
    const rows = (log.data as { rows: { penerima: string; status: string; percobaan: number; galat: string | null; jenis: string }[] }).rows
    expect(rows).toContainEqual(expect.objectContaining({ penerima: 'Sekretaris Desa <tolak@desa.test>', status: 'gagal', percobaan: MAX_ATTEMPTS, jenis: 'digest' }))
    // The liaison without an address: failed at once, with the reason, never silently skipped.
    expect(rows).toContainEqual(expect.objectContaining({ penerima: 'Kaur Desa', status: 'gagal', percobaan: 0, galat: expect.stringMatching(/belum punya alamat e-mail/) }))
    expect(rows.filter((r) => r.status === 'terkirim').length).toBe(3)
    // The SMTP password never comes out.
    const smtpInfo = await callHttp(s.base, { path: 'reminders.getSmtp', type: 'query' }, undefined, s.tokens.admin)
    expect(smtpInfo.data).toMatchObject({ host: '127.0.0.1', passwordSet: false })
  })
})
