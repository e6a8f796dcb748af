-- 0010: the notable cases an operator picks for a briefing (Bupati's meeting), per kabupaten and period.
-- Everything else on a briefing is computed from the store when it is shown; only this choice is stored.
-- The period is the one on screen (local dates), so a briefing for March keeps its cases when April's is made.
CREATE TABLE briefing_case (
  kabupaten_kode TEXT NOT NULL REFERENCES kabupaten(kode),
  period_from    TEXT NOT NULL CHECK (period_from GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
  period_to      TEXT NOT NULL CHECK (period_to GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
  complaint_id   INTEGER NOT NULL REFERENCES complaint(id),
  position       INTEGER NOT NULL,                  -- order on the slide, from 1
  note           TEXT,                              -- the operator's talking point for the Bupati
  chosen_by      INTEGER REFERENCES app_user(id),
  chosen_at      INTEGER NOT NULL,
  PRIMARY KEY (kabupaten_kode, period_from, period_to, complaint_id)
) STRICT;

-- "Top issues per kecamatan" crosses two slices the aggregates keep apart (kecamatan × category over a period).
-- This covering index answers it from the index alone: a year of a million-complaint store in tens of
-- milliseconds instead of a second and a half of row lookups.
CREATE INDEX complaint_sla_kecamatan_category ON complaint_sla(kabupaten_kode, kecamatan_kode, day, category_id);
