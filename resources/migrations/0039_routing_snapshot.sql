-- 0039: the routing model's snapshot in a table of its own (issue 16, "The server always answers"). In routing_model
-- the serialised model (6.6 MB on a 20,000-complaint store, 16 MB on larger ones) shared its row with the
-- watermarks and counts that every step of routing upkeep updates, and SQLite rewrites a whole row on any update:
-- each step copied the blob twice into the write-ahead log, and reading a count past the blob walked its overflow
-- pages. One such update held the server's thread 203 ms during a sync beside 50 users. Now the blob is written
-- only when it changes (a training, a compaction).
CREATE TABLE routing_snapshot (
  kabupaten_kode TEXT PRIMARY KEY REFERENCES kabupaten(kode),
  snapshot       BLOB NOT NULL              -- the serialised model (routing/model.ts) as of routing_model.snapshot_revision
) STRICT;
INSERT INTO routing_snapshot (kabupaten_kode, snapshot) SELECT kabupaten_kode, snapshot FROM routing_model;
ALTER TABLE routing_model DROP COLUMN snapshot;
