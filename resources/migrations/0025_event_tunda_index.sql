-- The KPI table's equal-age read of the previous period (kpi/queries.ts readAsOf) looks up, for every complaint of
-- the period, when it was first set to Tunda. Through complaint_event_complaint that read every event of each
-- complaint (about five) from the table; this index holds only the Tunda moves. On 120,000 complaints a kpi.table
-- went from 265 to 145 ms of CPU (docs/reliability.md), time during which serve mode answers nothing else.
CREATE INDEX complaint_event_tunda ON complaint_event (complaint_id, at) WHERE kind = 'status' AND to_status = 'tunda';
