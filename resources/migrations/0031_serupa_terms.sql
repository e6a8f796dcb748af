-- Laporan serupa and Kemungkinan ganda without normalising texts on request (issue 19). Each complaint's words (the
-- routing normaliser's: no numbers, contacts or person names, so never a reporter's identity) are stored once, and
-- its likely duplicates among the earlier complaints of its place are decided when it arrives (serupa/arrival.ts).
CREATE TABLE complaint_terms (
  complaint_id INTEGER PRIMARY KEY REFERENCES complaint(id) ON DELETE CASCADE,
  words        TEXT NOT NULL                -- normalised words of judul + isi, space separated, in text order
) STRICT;

-- Pairs (complaint, earlier complaint of the same desa — or kecamatan when the desa is unknown — up to 14 days
-- before) whose score reaches 0.45; the queue lists those from its threshold (0.6) up.
CREATE TABLE complaint_ganda (
  complaint_id INTEGER NOT NULL REFERENCES complaint(id) ON DELETE CASCADE,
  other_id     INTEGER NOT NULL REFERENCES complaint(id) ON DELETE CASCADE,
  score        REAL NOT NULL,
  PRIMARY KEY (complaint_id, other_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX complaint_ganda_other ON complaint_ganda(other_id);

-- Complaints whose words or pairs are not (or no longer) up to date. `neighbours` = 1 when the complaint is new or
-- changed, so the later complaints of its place must be compared anew too; 0 for the backfill of an existing store
-- (their neighbours are compared with the text as it is). Written by triggers, so every writer is covered.
CREATE TABLE serupa_pending (
  complaint_id INTEGER PRIMARY KEY,
  submitted_at INTEGER NOT NULL,
  neighbours   INTEGER NOT NULL CHECK (neighbours IN (0, 1))
) STRICT;
CREATE INDEX serupa_pending_at ON serupa_pending(submitted_at);

INSERT INTO serupa_pending (complaint_id, submitted_at, neighbours) SELECT id, submitted_at, 0 FROM complaint;

CREATE TRIGGER complaint_serupa_insert AFTER INSERT ON complaint
BEGIN
  INSERT OR REPLACE INTO serupa_pending (complaint_id, submitted_at, neighbours) VALUES (NEW.id, NEW.submitted_at, 1);
END;

CREATE TRIGGER complaint_serupa_update AFTER UPDATE OF judul, isi, desa_kode, kecamatan_kode, kabupaten_kode, submitted_at ON complaint
WHEN OLD.judul IS NOT NEW.judul OR OLD.isi IS NOT NEW.isi OR OLD.desa_kode IS NOT NEW.desa_kode OR OLD.kecamatan_kode IS NOT NEW.kecamatan_kode
  OR OLD.kabupaten_kode IS NOT NEW.kabupaten_kode OR OLD.submitted_at IS NOT NEW.submitted_at
BEGIN
  DELETE FROM complaint_terms WHERE complaint_id = NEW.id AND (OLD.judul IS NOT NEW.judul OR OLD.isi IS NOT NEW.isi);
  INSERT OR REPLACE INTO serupa_pending (complaint_id, submitted_at, neighbours) VALUES (NEW.id, NEW.submitted_at, 1);
END;

-- The earlier complaints of a desa (arrival.ts) and the candidates of "Laporan serupa" in a desa, by time.
CREATE INDEX complaint_desa_submitted ON complaint(desa_kode, submitted_at);
-- The earlier complaints of a kecamatan among those whose desa is unknown (arrival.ts), by time.
CREATE INDEX complaint_kec_nodesa ON complaint(kabupaten_kode, kecamatan_kode, submitted_at) WHERE desa_kode IS NULL;
-- "Laporan serupa" of a complaint with a point: the complaints within a box around it, by time, read from the index.
CREATE INDEX complaint_kab_point ON complaint(kabupaten_kode, submitted_at, lat, lon) WHERE lat IS NOT NULL;
