-- 0003: deadlines per complaint, and the pre-aggregated tables every dashboard number is read from.

-- Three facts of a complaint's history that its deadlines need, kept on the row by whoever appends the history
-- (sync, local actions, the demo generator), so that recomputing a million deadlines never reads the history.
ALTER TABLE complaint ADD COLUMN last_tl_at INTEGER;        -- latest tindak lanjut
ALTER TABLE complaint ADD COLUMN last_reply_at INTEGER;     -- latest reply by the pelapor
ALTER TABLE complaint ADD COLUMN first_unit_id INTEGER REFERENCES unit(id); -- target of the first disposition
UPDATE complaint SET
  last_tl_at = (SELECT max(at) FROM complaint_event e WHERE e.complaint_id = complaint.id AND e.kind = 'tindak_lanjut'),
  last_reply_at = (SELECT max(at) FROM complaint_event e WHERE e.complaint_id = complaint.id AND e.kind = 'pelapor_reply'),
  first_unit_id = (SELECT to_unit_id FROM complaint_event e WHERE e.complaint_id = complaint.id AND e.kind = 'disposition'
                   ORDER BY e.at, e.id LIMIT 1);
-- complaint_sla is derived: recomputed when a complaint changes and when the calendar or the rules change.
-- The kpi_* tables are derived from complaint_sla and kept current in the same transaction as each write
-- (src/main/kpi/aggregates.ts), so a screen never scans the raw complaints.

CREATE TABLE complaint_sla (
  complaint_id    INTEGER PRIMARY KEY REFERENCES complaint(id),
  kabupaten_kode  TEXT NOT NULL,
  -- Slice dimensions, copied so that aggregation needs nothing else.
  day             INTEGER NOT NULL,      -- local submission day: days since 1970-01-01 in the kabupaten's zone
  opd_id          INTEGER,               -- top-level unit under the Pemkab (OPD or kecamatan office)
  first_opd_id    INTEGER,               -- OPD of the first disposition: who received it, rightly or not
  unit_id         INTEGER,               -- unit holding it now (OPD, bidang, kecamatan or desa)
  kecamatan_kode  TEXT,
  desa_kode       TEXT,
  category_id     INTEGER,
  channel         TEXT NOT NULL,
  klasifikasi     TEXT NOT NULL,
  status          TEXT NOT NULL,
  is_open         INTEGER NOT NULL CHECK (is_open IN (0, 1)),
  is_anonim       INTEGER NOT NULL CHECK (is_anonim IN (0, 1)),
  is_rahasia      INTEGER NOT NULL CHECK (is_rahasia IN (0, 1)),
  is_misrouted    INTEGER NOT NULL CHECK (is_misrouted IN (0, 1)),  -- re-dispositioned or bukan wewenang
  -- Deadlines: *_met is 1 met, 0 missed, NULL while the step is not done (pending; overdue if due < now).
  verify_due_at   INTEGER NOT NULL,
  verify_hk       INTEGER,
  verify_met      INTEGER,
  response_due_at INTEGER,               -- NULL until dispositioned
  response_hk     INTEGER,               -- working days from disposition to first tindak lanjut
  response_met    INTEGER,
  autoclose_due_at INTEGER,              -- 10 hk after a tindak lanjut with no later reply
  cap_due_at      INTEGER NOT NULL,      -- the 60-day completion cap
  cap_met         INTEGER,
  selesai_hk      INTEGER,               -- working days from submission to selesai
  next_due_at     INTEGER                -- earliest deadline still pending (open complaints only)
) STRICT;
CREATE INDEX complaint_sla_kab_day ON complaint_sla(kabupaten_kode, day);
-- Open complaints are few even in a million-row store; this covering index answers backlog and "overdue now".
CREATE INDEX complaint_sla_open ON complaint_sla(kabupaten_kode, day, next_due_at, opd_id, first_opd_id, unit_id,
  kecamatan_kode, desa_kode, category_id, channel, klasifikasi, verify_met, verify_due_at, response_met, response_due_at)
  WHERE is_open = 1;

-- Counts per slice and local submission day (grain 0) and per month (grain 1, day = first day of the month),
-- so a year is read as twelve month rows instead of 365 day rows.
CREATE TABLE kpi_count (
  kabupaten_kode TEXT NOT NULL,
  dim            TEXT NOT NULL,          -- all|opd|unit|kecamatan|desa|category|channel|klasifikasi|first_opd
  key            TEXT NOT NULL,
  grain          INTEGER NOT NULL,
  day            INTEGER NOT NULL,
  n              INTEGER NOT NULL DEFAULT 0,
  verify_done    INTEGER NOT NULL DEFAULT 0,
  verify_met     INTEGER NOT NULL DEFAULT 0,
  response_done  INTEGER NOT NULL DEFAULT 0,
  response_met   INTEGER NOT NULL DEFAULT 0,
  dispositioned  INTEGER NOT NULL DEFAULT 0,
  selesai        INTEGER NOT NULL DEFAULT 0,
  proses         INTEGER NOT NULL DEFAULT 0,
  belum_terverifikasi   INTEGER NOT NULL DEFAULT 0,
  belum_ditindaklanjuti INTEGER NOT NULL DEFAULT 0,
  tunda          INTEGER NOT NULL DEFAULT 0,
  arsip          INTEGER NOT NULL DEFAULT 0,
  bukan_wewenang INTEGER NOT NULL DEFAULT 0,
  dihapus        INTEGER NOT NULL DEFAULT 0,
  misrouted      INTEGER NOT NULL DEFAULT 0,
  anonim         INTEGER NOT NULL DEFAULT 0,
  rahasia        INTEGER NOT NULL DEFAULT 0,
  open           INTEGER NOT NULL DEFAULT 0,
  -- Histograms of working days (an integer) for exact medians and p90 without reading complaint rows:
  -- little-endian int32 counts indexed by hk, trailing zeros trimmed (src/main/kpi/histogram.ts).
  response_hist  BLOB,                   -- disposition -> first tindak lanjut
  selesai_hist   BLOB,                   -- submission -> selesai
  -- "Now" figures without reading open complaints: for the open ones, histograms of the local due day of a
  -- pending step, as days after this row's day. At query time, entries with day + offset < today are overdue.
  open_due_hist          BLOB,           -- earliest pending deadline (next_due_at) of open complaints
  verify_pending_hist    BLOB,           -- verification due, open and not yet verified
  response_pending_hist  BLOB,           -- first tindak lanjut due, open, dispositioned, not yet answered
  -- Day before key: every read takes all keys of a slice over a day range, which this order keeps contiguous.
  PRIMARY KEY (kabupaten_kode, dim, grain, day, key)
) STRICT, WITHOUT ROWID;
