-- Rule MISROUTE_CHARGED_PER_HOLDER (docs/kpi-rules.md): after A → B → C, A is charged the hari kerja it held the
-- complaint and B its own, instead of all of them going to A. complaint_sla keeps the days per OPD that held it
-- wrongly ("opd:hk;opd:hk"); the aggregates of the OPD slices are summed from them.
ALTER TABLE complaint_sla ADD COLUMN misroute_segments TEXT;

-- The OPD slices change: every kabupaten is rebuilt when the store is next opened.
DELETE FROM setting WHERE key LIKE 'kpi.calendar_revision.%';
