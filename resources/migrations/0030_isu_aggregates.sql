-- Aggregates of "isu yang sedang naik" (src/main/isu, issue 19): the detector reads a few thousand of these rows
-- instead of scanning and normalising the complaints of 13 weeks on every request.
--
-- isu_day: complaints (not dihapus) per kabupaten, local submission day, kecamatan, desa and top-level category
-- ('' = no kecamatan / desa, 0 = no category). Kept by the triggers below on every write to complaint, whatever
-- the path (sync, import, intake, actions, demo), so it always equals a fresh GROUP BY.
CREATE TABLE isu_day (
  kabupaten_kode TEXT NOT NULL,
  day            INTEGER NOT NULL,
  kecamatan_kode TEXT NOT NULL,
  desa_kode      TEXT NOT NULL,
  kategori       INTEGER NOT NULL,
  n              INTEGER NOT NULL,
  PRIMARY KEY (kabupaten_kode, day, kecamatan_kode, desa_kode, kategori)
) STRICT, WITHOUT ROWID;

-- isu_term: the distinct words of one complaint's title and text (routing normaliser, the kabupaten's place names
-- dropped; isu/terms.ts), a JSON array. Written by code (normalising needs the lexicon); a complaint whose text is
-- new or changed waits in isu_term_pending until then (its words are computed on the fly meanwhile).
CREATE TABLE isu_term (
  complaint_id INTEGER PRIMARY KEY REFERENCES complaint(id),
  words        TEXT NOT NULL
) STRICT;
CREATE TABLE isu_term_pending (
  complaint_id INTEGER PRIMARY KEY
) STRICT;

-- isu_word_day: per kabupaten, word and local day, the complaints holding the word that count for topics (not
-- dihapus, not rahasia, words known); word '' counts those complaints themselves (the denominator of a share).
CREATE TABLE isu_word_day (
  kabupaten_kode TEXT NOT NULL,
  word           TEXT NOT NULL,
  day            INTEGER NOT NULL,
  n              INTEGER NOT NULL,
  PRIMARY KEY (kabupaten_kode, word, day)
) STRICT, WITHOUT ROWID;

CREATE TRIGGER isu_complaint_insert AFTER INSERT ON complaint
BEGIN
  INSERT INTO isu_day (kabupaten_kode, day, kecamatan_kode, desa_kode, kategori, n)
  SELECT NEW.kabupaten_kode, (NEW.submitted_at + (SELECT utc_offset_minutes FROM kabupaten WHERE kode = NEW.kabupaten_kode) * 60000) / 86400000,
         COALESCE(NEW.kecamatan_kode, ''), COALESCE(NEW.desa_kode, ''),
         COALESCE((SELECT COALESCE(parent_id, id) FROM category WHERE id = NEW.category_id), 0), 1
   WHERE NEW.status != 'dihapus'
  ON CONFLICT DO UPDATE SET n = n + 1;
  INSERT OR IGNORE INTO isu_term_pending (complaint_id) VALUES (NEW.id);
END;

CREATE TRIGGER isu_complaint_update AFTER UPDATE OF kabupaten_kode, submitted_at, kecamatan_kode, desa_kode, category_id, status, is_rahasia, judul, isi ON complaint
WHEN OLD.kabupaten_kode IS NOT NEW.kabupaten_kode OR OLD.submitted_at IS NOT NEW.submitted_at OR OLD.kecamatan_kode IS NOT NEW.kecamatan_kode
  OR OLD.desa_kode IS NOT NEW.desa_kode OR OLD.category_id IS NOT NEW.category_id OR (OLD.status = 'dihapus') IS NOT (NEW.status = 'dihapus')
  OR OLD.is_rahasia IS NOT NEW.is_rahasia OR OLD.judul IS NOT NEW.judul OR OLD.isi IS NOT NEW.isi
BEGIN
  -- The cell: the old row out, the new one in.
  UPDATE isu_day SET n = n - 1
   WHERE OLD.status != 'dihapus' AND kabupaten_kode = OLD.kabupaten_kode
     AND day = (OLD.submitted_at + (SELECT utc_offset_minutes FROM kabupaten WHERE kode = OLD.kabupaten_kode) * 60000) / 86400000
     AND kecamatan_kode = COALESCE(OLD.kecamatan_kode, '') AND desa_kode = COALESCE(OLD.desa_kode, '')
     AND kategori = COALESCE((SELECT COALESCE(parent_id, id) FROM category WHERE id = OLD.category_id), 0);
  DELETE FROM isu_day
   WHERE n <= 0 AND kabupaten_kode = OLD.kabupaten_kode
     AND day = (OLD.submitted_at + (SELECT utc_offset_minutes FROM kabupaten WHERE kode = OLD.kabupaten_kode) * 60000) / 86400000
     AND kecamatan_kode = COALESCE(OLD.kecamatan_kode, '') AND desa_kode = COALESCE(OLD.desa_kode, '')
     AND kategori = COALESCE((SELECT COALESCE(parent_id, id) FROM category WHERE id = OLD.category_id), 0);
  INSERT INTO isu_day (kabupaten_kode, day, kecamatan_kode, desa_kode, kategori, n)
  SELECT NEW.kabupaten_kode, (NEW.submitted_at + (SELECT utc_offset_minutes FROM kabupaten WHERE kode = NEW.kabupaten_kode) * 60000) / 86400000,
         COALESCE(NEW.kecamatan_kode, ''), COALESCE(NEW.desa_kode, ''),
         COALESCE((SELECT COALESCE(parent_id, id) FROM category WHERE id = NEW.category_id), 0), 1
   WHERE NEW.status != 'dihapus'
  ON CONFLICT DO UPDATE SET n = n + 1;
  -- Its words: out with the old state; a changed text waits for new words; back in with the new state.
  UPDATE isu_word_day SET n = n - 1
   WHERE OLD.status != 'dihapus' AND OLD.is_rahasia = 0 AND kabupaten_kode = OLD.kabupaten_kode
     AND day = (OLD.submitted_at + (SELECT utc_offset_minutes FROM kabupaten WHERE kode = OLD.kabupaten_kode) * 60000) / 86400000
     AND word IN (SELECT value FROM json_each((SELECT words FROM isu_term WHERE complaint_id = OLD.id))
                  UNION ALL SELECT '' WHERE EXISTS (SELECT 1 FROM isu_term WHERE complaint_id = OLD.id));
  DELETE FROM isu_word_day
   WHERE n <= 0 AND kabupaten_kode = OLD.kabupaten_kode
     AND day = (OLD.submitted_at + (SELECT utc_offset_minutes FROM kabupaten WHERE kode = OLD.kabupaten_kode) * 60000) / 86400000
     AND word IN (SELECT value FROM json_each((SELECT words FROM isu_term WHERE complaint_id = OLD.id)) UNION ALL SELECT '');
  DELETE FROM isu_term WHERE complaint_id = NEW.id AND (OLD.judul IS NOT NEW.judul OR OLD.isi IS NOT NEW.isi);
  INSERT OR IGNORE INTO isu_term_pending (complaint_id) SELECT NEW.id WHERE OLD.judul IS NOT NEW.judul OR OLD.isi IS NOT NEW.isi;
  INSERT INTO isu_word_day (kabupaten_kode, word, day, n)
  SELECT NEW.kabupaten_kode, w.value, (NEW.submitted_at + (SELECT utc_offset_minutes FROM kabupaten WHERE kode = NEW.kabupaten_kode) * 60000) / 86400000, 1
    FROM (SELECT value FROM json_each((SELECT words FROM isu_term WHERE complaint_id = NEW.id))
          UNION ALL SELECT '' WHERE EXISTS (SELECT 1 FROM isu_term WHERE complaint_id = NEW.id)) w
   WHERE NEW.status != 'dihapus' AND NEW.is_rahasia = 0
  ON CONFLICT DO UPDATE SET n = n + 1;
END;

CREATE TRIGGER isu_term_insert AFTER INSERT ON isu_term
BEGIN
  INSERT INTO isu_word_day (kabupaten_kode, word, day, n)
  SELECT c.kabupaten_kode, w.value, (c.submitted_at + (SELECT utc_offset_minutes FROM kabupaten WHERE kode = c.kabupaten_kode) * 60000) / 86400000, 1
    FROM complaint c, (SELECT value FROM json_each(NEW.words) UNION ALL SELECT '') w
   WHERE c.id = NEW.complaint_id AND c.status != 'dihapus' AND c.is_rahasia = 0
  ON CONFLICT DO UPDATE SET n = n + 1;
END;

-- Existing stores: the cells in one grouped scan; every complaint's words wait for isu/terms.ts (startTermsBuild
-- in the background of serve mode, any kabupaten rebuild, or `tanggap bench isu`), computed on the fly until then.
INSERT INTO isu_day (kabupaten_kode, day, kecamatan_kode, desa_kode, kategori, n)
SELECT c.kabupaten_kode, (c.submitted_at + b.utc_offset_minutes * 60000) / 86400000, COALESCE(c.kecamatan_kode, ''), COALESCE(c.desa_kode, ''),
       COALESCE(k.parent_id, k.id, 0), count(*)
  FROM complaint c JOIN kabupaten b ON b.kode = c.kabupaten_kode LEFT JOIN category k ON k.id = c.category_id
 WHERE c.status != 'dihapus'
 GROUP BY 1, 2, 3, 4, 5;
INSERT INTO isu_term_pending (complaint_id) SELECT id FROM complaint;
