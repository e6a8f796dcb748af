-- 0039: the routing model's snapshot in a table of its own (issue 16, "The server always answers"). In routing_model
-- the serialised model (6.6 MB on a 20,000-complaint store, 49 MB on 1,000,000) shared its row with the watermarks
-- and counts that every step of routing upkeep updates, and SQLite reads and rewrites rows whole: updating a count
-- went through the blob's overflow pages (38–113 ms once other writes had pushed them out of the page cache), and
-- one such update held the server's thread 203 ms during a sync beside 50 users. The blob is kept in parts of 1 MiB
-- under a generation (routing/snapshot.ts): a new snapshot is written part by part, in short transactions, and
-- adopted in one small one.
CREATE TABLE routing_snapshot (
  kabupaten_kode TEXT NOT NULL REFERENCES kabupaten(kode),
  generation     INTEGER NOT NULL,          -- the snapshot routing_model.snapshot_generation names; others are dropped
  part           INTEGER NOT NULL,          -- 0, 1, 2 …: the serialised model (routing/model.ts) is their bytes in order
  bytes          BLOB NOT NULL,
  PRIMARY KEY (kabupaten_kode, generation, part)
) STRICT;
ALTER TABLE routing_model ADD COLUMN snapshot_generation INTEGER NOT NULL DEFAULT 1;
INSERT INTO routing_snapshot (kabupaten_kode, generation, part, bytes) SELECT kabupaten_kode, 1, 0, snapshot FROM routing_model;
ALTER TABLE routing_model DROP COLUMN snapshot;
