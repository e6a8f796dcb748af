// Keeps the simulated upstream alive: new complaints arrive, open ones move a step (verified and dispositioned,
// answered, closed), reporters reply. Texts, units and actors are drawn from the generated dataset itself, so a
// new complaint reads like the others and an answer comes from the unit that usually handles the topic.
import type { Status } from '#shared/domain.ts'
import { STATUS_RAW } from '../demo/lifecycle.ts'
import { Rng } from '../demo/random.ts'
import type { SimStore } from './store.ts'

export type Change = { kabupaten: string; tracking_id: string; what: 'baru' | 'verifikasi' | 'tindak_lanjut' | 'selesai' | 'balasan' | 'catatan' }

type Row = { id: number; tracking_id: string; status: Status; unit_id: number | null; category_id: number | null; upstream_version: number }

export class Mutator {
  private readonly rng: Rng
  private readonly st

  constructor(
    private readonly sim: SimStore,
    seed = 1,
  ) {
    this.rng = new Rng(seed)
    const db = sim.db
    this.st = {
      range: db.prepare('SELECT min(id) AS lo, max(id) AS hi FROM complaint WHERE kabupaten_kode = ?'),
      template: db.prepare(
        `SELECT c.*, r.nama, r.nik, r.phone, r.email FROM complaint c LEFT JOIN reporter r ON r.complaint_id = c.id
         WHERE c.kabupaten_kode = ? AND c.id >= ? ORDER BY c.id LIMIT 1`,
      ),
      countStatus: db.prepare('SELECT count(*) FROM complaint WHERE kabupaten_kode = ? AND status = ?').pluck(),
      nthStatus: db.prepare('SELECT id, tracking_id, status, unit_id, category_id, upstream_version FROM complaint WHERE kabupaten_kode = ? AND status = ? LIMIT 1 OFFSET ?'),
      byId: db.prepare('SELECT id, tracking_id, status, unit_id, category_id, upstream_version FROM complaint WHERE id = ?'),
      maxTracking: db.prepare('SELECT max(CAST(tracking_id AS INTEGER)) FROM complaint').pluck(),
      insComplaint: db.prepare(
        `INSERT INTO complaint (kabupaten_kode, source, tracking_id, judul, isi, klasifikasi, channel, category_id, status, status_raw, is_anonim,
           is_rahasia, kecamatan_kode, desa_kode, lokasi_text, lat, lon, submitted_at, updated_at, upstream_updated_at, upstream_version)
         VALUES (@kabupaten_kode, 'demo', @tracking, @judul, @isi, @klasifikasi, @channel, @category_id, 'belum_terverifikasi', 'Belum Terverifikasi',
           @is_anonim, @is_rahasia, @kecamatan_kode, @desa_kode, @lokasi_text, @lat, @lon, @now, @now, @tick, 1)`,
      ),
      insReporter: db.prepare('INSERT INTO reporter (complaint_id, nama, nik, phone, email) VALUES (?, ?, ?, ?, ?)'),
      insEvent: db.prepare(
        `INSERT INTO complaint_event (complaint_id, kind, at, actor, from_status, to_status, from_unit_id, to_unit_id, reason, body)
         VALUES (@id, @kind, @at, @actor, @from, @to, @fromUnit, @toUnit, @reason, @body)`,
      ),
      bump: db.prepare(
        `UPDATE complaint SET status = @status, status_raw = @raw, unit_id = @unit, updated_at = @now, upstream_updated_at = @tick,
           upstream_version = upstream_version + 1, closed_at = CASE WHEN @closed THEN @now ELSE closed_at END WHERE id = @id`,
      ),
      // Someone else's experience with the same topic: the unit that handled it and what it answered.
      sameTopic: db.prepare(
        `SELECT c.unit_id, u.singkatan, u.nama FROM complaint c JOIN unit u ON u.id = c.unit_id
         WHERE c.kabupaten_kode = ? AND c.category_id IS ? AND c.id >= ? AND c.unit_id IS NOT NULL ORDER BY c.id LIMIT 1`,
      ),
      anyUnit: db.prepare("SELECT id AS unit_id, singkatan, nama FROM unit WHERE kabupaten_kode = ? AND kind = 'opd' ORDER BY id LIMIT 1 OFFSET ?"),
      unitName: db.prepare('SELECT coalesce(singkatan, nama) FROM unit WHERE id = ?').pluck(),
      body: db.prepare(
        `SELECT e.body FROM complaint c JOIN complaint_event e ON e.complaint_id = c.id AND e.kind = ?
         WHERE c.kabupaten_kode = ? AND c.id >= ? AND e.body IS NOT NULL ORDER BY c.id LIMIT 1`,
      ).pluck(),
      admin: db.prepare(
        `SELECT e.actor FROM complaint_event e JOIN complaint c ON c.id = e.complaint_id
         WHERE c.kabupaten_kode = ? AND e.kind = 'disposition' AND e.actor LIKE 'Admin%' LIMIT 1`,
      ).pluck(),
    }
  }

  /** One change in a kabupaten. */
  step(kabupaten: string): Change | null {
    const r = this.rng.next()
    if (r < 0.3) return this.newComplaint(kabupaten)
    const open = this.pickOpen(kabupaten, r < 0.55 ? 'belum_terverifikasi' : r < 0.8 ? 'belum_ditindaklanjuti' : 'proses')
    if (!open) return this.newComplaint(kabupaten)
    return this.advance(kabupaten, open)
  }

  /** A change upstream that is not a step of the lifecycle (an admin's note): bumps the version. */
  touch(complaintId: number, body = 'Data laporan diperbarui oleh admin.'): Change | null {
    const row = this.st.byId.get(complaintId) as Row | undefined
    if (!row) return null
    const kab = this.sim.db.prepare('SELECT kabupaten_kode FROM complaint WHERE id = ?').pluck().get(complaintId) as string
    this.apply(row, { status: row.status, unit: row.unit_id, closed: false }, [{ kind: 'note', actor: this.admin(kab), body }])
    return { kabupaten: kab, tracking_id: row.tracking_id, what: 'catatan' }
  }

  private pickOpen(kab: string, status: Status): Row | null {
    const n = this.st.countStatus.get(kab, status) as number
    if (n === 0) return null
    return (this.st.nthStatus.get(kab, status, this.rng.int(n)) as Row | undefined) ?? null
  }

  private randomId(kab: string): number {
    const { lo, hi } = this.st.range.get(kab) as { lo: number | null; hi: number | null }
    if (lo === null || hi === null) return 0
    return lo + this.rng.int(hi - lo + 1)
  }

  private admin(kab: string): string {
    return (this.st.admin.get(kab) as string | undefined) ?? 'Admin Diskominfo'
  }

  private newComplaint(kab: string): Change | null {
    const t = this.st.template.get(kab, this.randomId(kab)) as (Record<string, unknown> & { id: number }) | undefined
    if (!t) return null
    const now = Date.now()
    const tracking = String(((this.st.maxTracking.get() as number | null) ?? 1_900_000) + 1 + this.rng.int(5))
    const db = this.sim.db
    db.transaction(() => {
      const id = Number(this.st.insComplaint.run({ ...t, tracking, now, tick: this.sim.tick() }).lastInsertRowid)
      this.st.insReporter.run(id, t.nama ?? null, t.nik ?? null, t.phone ?? null, t.email ?? null)
      this.st.insEvent.run({ id, kind: 'submitted', at: now, actor: 'Pelapor', from: null, to: 'belum_terverifikasi', fromUnit: null, toUnit: null, reason: null, body: null })
    }).immediate()
    return { kabupaten: kab, tracking_id: tracking, what: 'baru' }
  }

  private advance(kab: string, row: Row): Change {
    const admin = this.admin(kab)
    switch (row.status) {
      case 'belum_terverifikasi': {
        const unit = (this.st.sameTopic.get(kab, row.category_id, this.randomId(kab)) ??
          this.st.anyUnit.get(kab, this.rng.int(10))) as { unit_id: number } | undefined
        const to = unit?.unit_id ?? null
        this.apply(row, { status: 'belum_ditindaklanjuti', unit: to, closed: false }, [
          { kind: 'status', actor: admin, from: row.status, to: 'belum_ditindaklanjuti' },
          { kind: 'disposition', actor: admin, toUnit: to, body: 'Mohon segera ditindaklanjuti sesuai kewenangan.' },
        ])
        return { kabupaten: kab, tracking_id: row.tracking_id, what: 'verifikasi' }
      }
      case 'belum_ditindaklanjuti': {
        const body = (this.st.body.get('tindak_lanjut', kab, this.randomId(kab)) as string | undefined) ?? 'Laporan sedang kami tindaklanjuti.'
        const actor = row.unit_id === null ? admin : ((this.st.unitName.get(row.unit_id) as string | undefined) ?? admin)
        this.apply(row, { status: 'proses', unit: row.unit_id, closed: false }, [{ kind: 'tindak_lanjut', actor, from: row.status, to: 'proses', body }])
        return { kabupaten: kab, tracking_id: row.tracking_id, what: 'tindak_lanjut' }
      }
      default: {
        if (this.rng.chance(0.4)) {
          const body = (this.st.body.get('pelapor_reply', kab, this.randomId(kab)) as string | undefined) ?? 'Terima kasih.'
          this.apply(row, { status: row.status, unit: row.unit_id, closed: false }, [{ kind: 'pelapor_reply', actor: 'Pelapor', body }])
          return { kabupaten: kab, tracking_id: row.tracking_id, what: 'balasan' }
        }
        this.apply(row, { status: 'selesai', unit: row.unit_id, closed: true }, [
          { kind: 'status', actor: admin, from: row.status, to: 'selesai', reason: 'Laporan telah ditindaklanjuti dan dinyatakan selesai.' },
        ])
        return { kabupaten: kab, tracking_id: row.tracking_id, what: 'selesai' }
      }
    }
  }

  private apply(
    row: Row,
    next: { status: Status; unit: number | null; closed: boolean },
    events: { kind: string; actor: string; from?: Status; to?: Status; toUnit?: number | null; reason?: string; body?: string }[],
  ): void {
    const now = Date.now()
    this.sim.db.transaction(() => {
      events.forEach((e, i) =>
        this.st.insEvent.run({ id: row.id, kind: e.kind, at: now + i, actor: e.actor, from: e.from ?? null, to: e.to ?? null, fromUnit: null,
          toUnit: e.toUnit ?? null, reason: e.reason ?? null, body: e.body ?? null }),
      )
      this.st.bump.run({ id: row.id, status: next.status, raw: STATUS_RAW[next.status], unit: next.unit, now, tick: this.sim.tick(), closed: next.closed ? 1 : 0 })
    }).immediate()
  }
}
