-- Rules an OPD head can check (docs/kpi-rules.md):
-- - each OPD is judged from the disposition it received; the hari kerja lost at a wrongly chosen OPD are the
--   misroute's, kept per complaint (complaint_sla.misroute_hk) and summed per slice (kpi_count.misroute_hk);
-- - the 60-day cap has a unit beside its number ('hari_kalender', the Perpres reading, or 'hari_kerja').
ALTER TABLE complaint_sla ADD COLUMN misroute_hk INTEGER;
ALTER TABLE kpi_count ADD COLUMN misroute_hk INTEGER NOT NULL DEFAULT 0;
ALTER TABLE deadline_rule ADD COLUMN completion_cap_unit TEXT NOT NULL DEFAULT 'hari_kalender'
  CHECK (completion_cap_unit IN ('hari_kalender', 'hari_kerja'));

-- The attribution and Tunda rules change verdicts: every kabupaten is rebuilt when the store is next opened.
DELETE FROM setting WHERE key LIKE 'kpi.calendar_revision.%';
