-- What the baseline of "isu yang sedang naik" says (src/main/isu/baseline.ts, issue 19): per kabupaten and baseline
-- (its first local day, its length, the longest window tested) the figures that depend on the baseline's days only —
-- weekday profile, trends, dispersion per level × cell size × window length, and every cell's baseline total, as
-- JSON. A request then reads this one row and the tested window's days, not the ~57,000 isu_day rows of 13 weeks
-- (1,000,000 complaints). Written by code (isu/baseline.ts keepBaseline: the onRefresh hook of kpi/refresh.ts, the
-- background of serve mode, `tanggap bench isu`); a request that finds no row for its baseline computes the same
-- figures from isu_day (the same function), so a missing row costs time, never a different answer.
CREATE TABLE isu_base (
  kabupaten_kode TEXT NOT NULL,
  from_day       INTEGER NOT NULL,
  days           INTEGER NOT NULL,
  window_days    INTEGER NOT NULL,
  data           TEXT NOT NULL,
  PRIMARY KEY (kabupaten_kode, from_day, days, window_days)
) STRICT, WITHOUT ROWID;

-- A change of any baseline day's count (a late complaint, an old one deleted, moved to another place, category or
-- time: isu_day's own triggers of 0030 turn every such write into a change of isu_day) drops the rows whose baseline
-- holds that day, in the same transaction. New complaints land today, in no stored baseline: nothing is dropped.
CREATE TRIGGER isu_base_day_insert AFTER INSERT ON isu_day
BEGIN
  DELETE FROM isu_base WHERE kabupaten_kode = NEW.kabupaten_kode AND NEW.day >= from_day AND NEW.day < from_day + days;
END;
CREATE TRIGGER isu_base_day_update AFTER UPDATE ON isu_day
BEGIN
  DELETE FROM isu_base WHERE kabupaten_kode = OLD.kabupaten_kode AND OLD.day >= from_day AND OLD.day < from_day + days;
  DELETE FROM isu_base WHERE kabupaten_kode = NEW.kabupaten_kode AND NEW.day >= from_day AND NEW.day < from_day + days;
END;
CREATE TRIGGER isu_base_day_delete AFTER DELETE ON isu_day
BEGIN
  DELETE FROM isu_base WHERE kabupaten_kode = OLD.kabupaten_kode AND OLD.day >= from_day AND OLD.day < from_day + days;
END;

-- The topics' read of the window's complaints (isu/topics.ts: when, where, which category, not dihapus nor rahasia,
-- then the stored words) and the count of today's complaints per cell (isu/counts.ts) answered from the index alone: the complaint rows themselves (~2 KB each with their texts)
-- were most of a request's cost on 1,000,000 complaints (9,516 rows in a week). The same index as before, wider.
DROP INDEX complaint_kab_submitted;
CREATE INDEX complaint_kab_submitted ON complaint(kabupaten_kode, submitted_at, status, is_rahasia, kecamatan_kode, category_id, desa_kode);
