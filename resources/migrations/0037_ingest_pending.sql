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

-- The words of stored complaints are added to isu_word_day by isu/terms.ts itself, one grouped statement per batch
-- (INSERT … SELECT … GROUP BY kabupaten, word, day), instead of this trigger's one upsert per word of each
-- complaint: the complaints of a batch that share a day share their words' rows (a file import in date order
-- writes about a hundred complaints a day). isu/terms.ts indexTerms is the only writer of isu_term.
DROP TRIGGER isu_term_insert;
