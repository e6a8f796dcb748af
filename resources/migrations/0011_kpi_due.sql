-- "Overdue now" without reading histograms: open complaints counted per slice by the local day their earliest
-- pending deadline falls on (next_due_at). Overdue at `today` = open - (rows with due_day >= today), and the
-- rows on or after today are a short index range, however many complaints the store holds.
-- Open complaints without a deadline are counted on NO_DUE_DAY (far future), so they are never overdue.
CREATE TABLE kpi_due (
  kabupaten_kode TEXT NOT NULL,
  dim            TEXT NOT NULL,
  due_day        INTEGER NOT NULL,
  key            TEXT NOT NULL,
  n              INTEGER NOT NULL,
  PRIMARY KEY (kabupaten_kode, dim, due_day, key)
) STRICT, WITHOUT ROWID;

-- The histogram it replaces.
ALTER TABLE kpi_count DROP COLUMN open_due_hist;

-- Aggregates now include year rows and kpi_due: force a rebuild of every kabupaten at the next start.
DELETE FROM setting WHERE key LIKE 'kpi.calendar_revision.%';
