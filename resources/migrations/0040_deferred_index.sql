-- 0040: indexes set aside during a first load (issue 16, "Faster ingest"). A run of the CLI that fills an empty
-- store drops the secondary indexes of complaint and complaint_sla and builds them once at its end (store/deferred-indexes.ts);
-- each is recorded here with the SQL that builds it, in the transaction that drops it, so that a loader stopped
-- anywhere (kill -9, a full disk) leaves a list of what to build again, and the next process that opens the store
-- for writing builds it.
CREATE TABLE deferred_index (
  name         TEXT PRIMARY KEY,   -- the index, as sqlite_master named it
  sql          TEXT NOT NULL,      -- its CREATE INDEX statement, as sqlite_master held it
  owner        TEXT NOT NULL,      -- the loading process: "pid@start in ms"
  set_aside_at INTEGER NOT NULL    -- ms since epoch
) STRICT;
