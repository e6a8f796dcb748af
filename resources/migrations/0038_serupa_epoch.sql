-- When each complaint was listed in serupa_pending as new or changed (issue 16, "The server always answers"): a
-- counter moved by the listing triggers, its value kept with the listing. The background slices (serupa/arrival.ts)
-- remember the counter at which they computed each complaint's pairs: a later complaint whose pairs were computed
-- after an earlier one was listed already counts it as it is, and need not be computed again when that earlier one
-- comes up. Without it, a store just filled by a large sync (every complaint new, done newest first) had each
-- complaint's later neighbours computed once more per earlier arrival: slices of up to 1.4 s on the server's thread,
-- and a backfill quadratic in a place's density.
CREATE TABLE serupa_epoch (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  n  INTEGER NOT NULL
) STRICT;
INSERT INTO serupa_epoch (id, n) VALUES (1, 0);

-- 0 for those listed before this migration: whatever this version computes comes after them.
ALTER TABLE serupa_pending ADD COLUMN marked INTEGER NOT NULL DEFAULT 0;

DROP TRIGGER complaint_serupa_insert;
CREATE TRIGGER complaint_serupa_insert AFTER INSERT ON complaint
BEGIN
  UPDATE serupa_epoch SET n = n + 1 WHERE id = 1;
  INSERT OR REPLACE INTO serupa_pending (complaint_id, submitted_at, neighbours, marked)
    VALUES (NEW.id, NEW.submitted_at, 1, (SELECT n FROM serupa_epoch WHERE id = 1));
END;

DROP TRIGGER complaint_serupa_update;
CREATE TRIGGER complaint_serupa_update AFTER UPDATE OF judul, isi, desa_kode, kecamatan_kode, kabupaten_kode, submitted_at ON complaint
WHEN OLD.judul IS NOT NEW.judul OR OLD.isi IS NOT NEW.isi OR OLD.desa_kode IS NOT NEW.desa_kode OR OLD.kecamatan_kode IS NOT NEW.kecamatan_kode
  OR OLD.kabupaten_kode IS NOT NEW.kabupaten_kode OR OLD.submitted_at IS NOT NEW.submitted_at
BEGIN
  DELETE FROM complaint_terms WHERE complaint_id = NEW.id AND (OLD.judul IS NOT NEW.judul OR OLD.isi IS NOT NEW.isi);
  UPDATE serupa_epoch SET n = n + 1 WHERE id = 1;
  INSERT OR REPLACE INTO serupa_pending (complaint_id, submitted_at, neighbours, marked)
    VALUES (NEW.id, NEW.submitted_at, 1, (SELECT n FROM serupa_epoch WHERE id = 1));
END;
