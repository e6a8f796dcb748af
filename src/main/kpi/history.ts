// The facts of a complaint's history that the attribution and Tunda rules need (docs/kpi-rules.md), read from
// complaint_event in the same query as the complaint row (refresh.ts), so every writer (sync, local actions, the
// import, the demo) is covered by the history it already appends.
import type { Status } from '#shared/domain.ts'
import type { TundaSpan } from '../calendar/deadlines.ts'

export type TrailEvent = {
  id: number
  kind: 'disposition' | 'status' | 'tindak_lanjut'
  at: number
  from_status: Status | null
  to_status: Status | null
  to_unit_id: number | null
}

export type HistoryTimes = {
  /** The OPD the last disposition went to. */
  holder_opd: number | null
  /** The disposition by which the OPD holding the complaint now received it (null: no disposition in history). */
  opd_received_at: number | null
  /** First tindak lanjut at or after opd_received_at (null: none yet; undefined: history has no TL at all). */
  opd_first_response_at: number | null | undefined
  /** Periods in Tunda that began before the report was verified, in order. */
  tunda: TundaSpan[]
  /**
   * Each time an OPD held the complaint until a disposition sent it on to another OPD: from the disposition it
   * received to the one that took it away (rule MISROUTE_CHARGED_PER_HOLDER), in order.
   */
  stints: { opd: number; from: number; to: number }[]
}

/**
 * The SQL expression (correlated on `c.id`) that carries a complaint's trail as one string, and its parser: one
 * string per complaint keeps the rebuild a single paged query.
 */
export const TRAIL_SQL = `(SELECT group_concat(e.id || ',' || e.kind || ',' || e.at || ',' || ifnull(e.from_status, '') || ',' ||
    ifnull(e.to_status, '') || ',' || ifnull(e.to_unit_id, ''), ';')
  FROM complaint_event e WHERE e.complaint_id = c.id AND e.kind IN ('disposition', 'status', 'tindak_lanjut'))`

export function parseTrail(s: string | null): TrailEvent[] {
  if (!s) return []
  const out = s.split(';').map((part) => {
    const [id, kind, at, from, to, unit] = part.split(',')
    return {
      id: Number(id),
      kind: kind as TrailEvent['kind'],
      at: Number(at),
      from_status: (from || null) as Status | null,
      to_status: (to || null) as Status | null,
      to_unit_id: unit ? Number(unit) : null,
    }
  })
  return out.sort((a, b) => a.at - b.at || a.id - b.id)
}

/**
 * `top` maps a unit to its OPD (a bidang to its dinas). A forward inside one OPD (to its own bidang) does not
 * restart the OPD's clock; a disposition from another OPD does, and so does one back to an OPD that had it before.
 */
export function historyTimes(events: TrailEvent[], top: (unit: number | null) => number | null): HistoryTimes {
  let received: number | null = null
  let holder: number | null = null
  let hasTl = false
  const tls: number[] = []
  const tunda: TundaSpan[] = []
  const stints: HistoryTimes['stints'] = []
  let verified = false
  for (const e of events) {
    if (e.kind === 'disposition') {
      verified = true
      if (e.to_unit_id === null) continue
      const opd = top(e.to_unit_id)
      if (received !== null && holder !== null && opd !== holder) stints.push({ opd: holder, from: received, to: e.at })
      if (received === null || opd !== holder) received = e.at
      holder = opd
    } else if (e.kind === 'tindak_lanjut') {
      hasTl = true
      tls.push(e.at)
    } else {
      const open = tunda.length > 0 ? tunda[tunda.length - 1] : null
      if (open && open.until === null && e.to_status !== 'tunda') {
        open.until = e.at
        open.resumed = e.to_status === 'belum_terverifikasi'
      }
      if (e.to_status === 'tunda' && !verified && !(open && open.until === null)) tunda.push({ at: e.at, until: null, resumed: false })
      if (e.to_status === 'belum_ditindaklanjuti' || e.to_status === 'proses') verified = true
    }
  }
  const first = received === null ? tls[0] : tls.find((t) => t >= received!)
  return { holder_opd: holder, opd_received_at: received, opd_first_response_at: hasTl ? (first ?? null) : undefined, tunda, stints }
}
