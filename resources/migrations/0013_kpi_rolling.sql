-- Rolling periods (the last 365 days, the last 30) are the usual dashboard question. Three changes make them cheap:
-- - 7-day blocks of a month (grain 3: days 1–7, 8–14, 15–21, 22–28, 29–end) are read at a period's edges instead
--   of single days: a rolling year is about 25 rows per slice instead of 45.
-- - Totals of the pending-step histograms, so an old row's overdue steps are read without opening its histogram.
-- - Working-day histograms as text ("3,0,5"), which SQLite joins per slice with group_concat; a BLOB handed to a
--   JS function is copied per row, and those copies were most of a question's time.
ALTER TABLE kpi_count ADD COLUMN verify_pending INTEGER NOT NULL DEFAULT 0;
ALTER TABLE kpi_count ADD COLUMN response_pending INTEGER NOT NULL DEFAULT 0;
ALTER TABLE kpi_count DROP COLUMN response_hist;
ALTER TABLE kpi_count DROP COLUMN selesai_hist;
ALTER TABLE kpi_count ADD COLUMN response_hk_counts TEXT; -- disposition -> first tindak lanjut, counts per hk
ALTER TABLE kpi_count ADD COLUMN selesai_hk_counts TEXT;  -- submission -> selesai, counts per hk

-- All of it is filled by a rebuild of every kabupaten when the store is next opened.
DELETE FROM setting WHERE key LIKE 'kpi.calendar_revision.%';

-- Queues of open complaints sorted by deadline ("tenggat") walk this index and stop after the page instead of
-- sorting every open complaint. The expression is the one queue/queries.ts orders by: no deadline sorts last.
CREATE INDEX complaint_sla_open_due ON complaint_sla(kabupaten_kode, ifnull(next_due_at, 9007199254740991)) WHERE is_open = 1;
