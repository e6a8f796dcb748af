// The complaint columns that follow from its history (the same facts the demo generator keeps on the row). The
// KPI layer reads a few more facts straight from the history (kpi/history.ts: who received it when, Tunda stays). Shared by every connector through ingest.ts.
import type { EventKind, Status } from '#shared/domain.ts'

export type EventFact = { kind: EventKind; at: number; to_status: Status | null; to_unit_id: number | null }

export type Milestones = {
  verified_at: number | null
  dispositioned_at: number | null
  first_response_at: number | null
  closed_at: number | null
  disposition_count: number
  last_tl_at: number | null
  last_reply_at: number | null
  first_unit_id: number | null
  /** Target of the last disposition: who holds the complaint when the record does not say. */
  last_unit_id: number | null
}

const CLOSED: ReadonlySet<Status> = new Set(['selesai', 'arsip', 'bukan_wewenang'])
const VERIFIED: ReadonlySet<Status> = new Set(['belum_ditindaklanjuti', 'proses'])

export function isClosed(status: Status): boolean {
  return CLOSED.has(status)
}

/** Facts from history entries in any order; `status` is the complaint's current status. */
export function milestonesOf(events: EventFact[], status: Status): Milestones {
  const sorted = [...events].sort((a, b) => a.at - b.at)
  const m: Milestones = {
    verified_at: null,
    dispositioned_at: null,
    first_response_at: null,
    closed_at: null,
    disposition_count: 0,
    last_tl_at: null,
    last_reply_at: null,
    first_unit_id: null,
    last_unit_id: null,
  }
  for (const e of sorted) {
    // A disposition verifies too: that is what the admin's single click means (complaints/actions.ts).
    if (m.verified_at === null && (e.kind === 'disposition' || (e.to_status !== null && VERIFIED.has(e.to_status)))) m.verified_at = e.at
    if (e.kind === 'disposition') {
      m.dispositioned_at ??= e.at
      m.first_unit_id ??= e.to_unit_id
      m.disposition_count++
      if (e.to_unit_id !== null) m.last_unit_id = e.to_unit_id
    }
    if (e.kind === 'tindak_lanjut') {
      m.first_response_at ??= e.at
      m.last_tl_at = e.at
    }
    if (e.kind === 'pelapor_reply') m.last_reply_at = e.at
    // Closed at the last move into the status it holds now (a reopened complaint was not closed earlier).
    if (e.to_status === status && CLOSED.has(status)) m.closed_at = e.at
  }
  return m
}
