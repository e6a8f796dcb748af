-- Complaints a sync page has stored whose derived rows are not written yet (sync/derive.ts, issue 16 "Faster
-- ingest"): their deadline row (complaint_sla), the KPI aggregates that follow from it, and the onRefresh hooks
-- (isu words and baseline). A page stored in slices writes its rows slice by slice and adds their ids here in the
-- same transactions; the derived rows are then written for the whole page at once, in submission order, in a few
-- larger transactions (each slice refreshing its own was most of a sync's time: thousands of small commits, each
-- rewriting the same aggregate pages). A process killed in between leaves the ids here; the next sync run or file
-- import completes them first. Until then the aggregates hold the complaint's previous deadline row (or none): the
-- aggregates always equal the sum of the stored deadline rows, so completing them later is an ordinary refresh.
CREATE TABLE ingest_pending (
  complaint_id INTEGER PRIMARY KEY
) STRICT;
