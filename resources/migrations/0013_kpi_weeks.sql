-- Rolling periods (the last 365 days, the last 30) read whole 7-day blocks of a month (grain 3) at their edges
-- instead of single days, and take old rows' overdue pending steps from these totals without opening their
-- histograms: together they cut the rows and JS calls of a year's OPD question by about two thirds.
ALTER TABLE kpi_count ADD COLUMN verify_pending INTEGER NOT NULL DEFAULT 0;
ALTER TABLE kpi_count ADD COLUMN response_pending INTEGER NOT NULL DEFAULT 0;

-- Week rows and pending totals are filled by a rebuild of every kabupaten at the next start.
DELETE FROM setting WHERE key LIKE 'kpi.calendar_revision.%';
