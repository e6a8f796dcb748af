-- 0002: the working-day (hari kerja) calendar and the deadline rules (see domain.md, "Deadlines").
-- Every LAPOR! deadline except the 60-day cap counts hari kerja: Monday–Friday minus libur nasional and
-- cuti bersama. The official dates change after the SKB is published (isbat sessions, amendments such as the
-- extra cuti bersama of 18 August 2025), so they live in the store, editable, not in code.

-- One row per day off and scope. National rows (kabupaten_kode NULL) come from the shipped SKB table or an
-- imported amendment; a kabupaten may add its own extra days off (kind 'lokal', e.g. a Bupati's decision),
-- which never affect another kabupaten. Rows are switched off with is_active = 0 rather than deleted, so an
-- official date that was switched off stays visible in Pengaturan and a re-seed does not bring it back.
CREATE TABLE calendar_day_off (
  id             INTEGER PRIMARY KEY,
  date           TEXT NOT NULL CHECK (date GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'), -- local date
  kabupaten_kode TEXT REFERENCES kabupaten(kode),            -- NULL: national
  kind           TEXT NOT NULL CHECK (kind IN ('libur', 'cuti_bersama', 'lokal')),
  nama           TEXT NOT NULL,
  source         TEXT NOT NULL CHECK (source IN ('shipped', 'import', 'manual')),
  is_active      INTEGER NOT NULL DEFAULT 1 CHECK (is_active IN (0, 1)),
  updated_at     INTEGER NOT NULL,
  -- National rows are libur or cuti bersama, local rows are 'lokal': whether cuti bersama counts as a day off
  -- is a per-kabupaten rule (is_skip_cuti_bersama), and it must never switch a local decision back on.
  CHECK ((kabupaten_kode IS NULL) = (kind <> 'lokal'))
) STRICT;
-- One row per date and scope. A plain UNIQUE would not do: SQLite treats NULL kabupaten_kode values as distinct.
CREATE UNIQUE INDEX calendar_day_off_scope_date ON calendar_day_off(ifnull(kabupaten_kode, ''), date);
CREATE INDEX calendar_day_off_date ON calendar_day_off(date);

-- Which official table each year's national rows came from (the SKB numbers, shown in Pengaturan). Years with
-- no row here have no known days off: Monday–Friday are counted as working days there.
CREATE TABLE calendar_year (
  year       INTEGER PRIMARY KEY,
  skb        TEXT NOT NULL,
  source     TEXT NOT NULL CHECK (source IN ('shipped', 'import')),
  updated_at INTEGER NOT NULL
) STRICT;

-- Deadline rules per kabupaten. The defaults are the LAPOR! values from domain.md; a Pemda may differ, and
-- whether LAPOR!'s own clock skips cuti bersama is UNCONFIRMED, hence a flag rather than a constant.
CREATE TABLE deadline_rule (
  kabupaten_kode       TEXT PRIMARY KEY REFERENCES kabupaten(kode),
  verification_days    INTEGER NOT NULL DEFAULT 3 CHECK (verification_days BETWEEN 1 AND 60),      -- hk after submission
  first_response_days  INTEGER NOT NULL DEFAULT 5 CHECK (first_response_days BETWEEN 1 AND 60),    -- hk after first disposition
  auto_close_days      INTEGER NOT NULL DEFAULT 10 CHECK (auto_close_days BETWEEN 1 AND 60),       -- hk after a TL with no reply
  completion_cap_days  INTEGER NOT NULL DEFAULT 60 CHECK (completion_cap_days BETWEEN 1 AND 366),  -- calendar days (Perpres 76/2013)
  is_skip_cuti_bersama INTEGER NOT NULL DEFAULT 1 CHECK (is_skip_cuti_bersama IN (0, 1)),          -- 1: cuti bersama is not a working day
  updated_at           INTEGER NOT NULL
) STRICT;

-- Every kabupaten has its rule row, so the defaults above are the only copy of the LAPOR! values in the store.
INSERT INTO deadline_rule (kabupaten_kode, updated_at) SELECT kode, 0 FROM kabupaten;
CREATE TRIGGER kabupaten_deadline_rule AFTER INSERT ON kabupaten
BEGIN INSERT OR IGNORE INTO deadline_rule (kabupaten_kode, updated_at) VALUES (NEW.kode, 0); END;

-- A counter that moves whenever a day off or a rule changes: stored deadlines (up to a million complaints) are
-- stale when the revision they were computed at differs, so the KPI layer knows to recompute without diffing.
CREATE TABLE calendar_revision (
  id       INTEGER PRIMARY KEY CHECK (id = 1),
  revision INTEGER NOT NULL
) STRICT;
INSERT INTO calendar_revision (id, revision) VALUES (1, 0);

CREATE TRIGGER calendar_day_off_rev_insert AFTER INSERT ON calendar_day_off
BEGIN UPDATE calendar_revision SET revision = revision + 1; END;
CREATE TRIGGER calendar_day_off_rev_update AFTER UPDATE ON calendar_day_off
  WHEN OLD.date IS NOT NEW.date OR OLD.kind IS NOT NEW.kind OR OLD.is_active IS NOT NEW.is_active
    OR OLD.kabupaten_kode IS NOT NEW.kabupaten_kode
BEGIN UPDATE calendar_revision SET revision = revision + 1; END;
CREATE TRIGGER calendar_day_off_rev_delete AFTER DELETE ON calendar_day_off
BEGIN UPDATE calendar_revision SET revision = revision + 1; END;
CREATE TRIGGER deadline_rule_rev_update AFTER UPDATE ON deadline_rule
BEGIN UPDATE calendar_revision SET revision = revision + 1; END;
