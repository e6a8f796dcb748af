-- "Laporan serupa" picks its candidates from the indexes alone (issue 19: under 50 ms on 1,000,000 complaints). A
-- complaint whose desa is unknown is compared with up to 2,000 complaints of its kecamatan within 14 days — on a
-- large store several thousand in the window — and reading each one's complaint row (a random page of a 2 GB file)
-- to check its status and rahasia flag was most of the request. Each place's index now carries every column the
-- choice reads (kabupaten, place, time, status, rahasia): same leading columns as before, so the queries that used
-- the old indexes use these the same way.
DROP INDEX complaint_kab_kecamatan;
CREATE INDEX complaint_kab_kecamatan ON complaint(kabupaten_kode, kecamatan_kode, submitted_at, status, is_rahasia);
DROP INDEX complaint_desa_submitted;
CREATE INDEX complaint_desa_submitted ON complaint(desa_kode, submitted_at, kabupaten_kode, status, is_rahasia);
-- A complaint with no place at all: the kabupaten's complaints of its nearest days, from complaint_kab_submitted,
-- which migration 0035 already widened to (kabupaten, time, status, rahasia, kecamatan, category, desa).
-- The queue "Kemungkinan ganda" reads the open complaints of its fortnight (their place and rahasia flag) before
-- their stored pairs: from the index alone too.
DROP INDEX complaint_kab_status;
CREATE INDEX complaint_kab_status ON complaint(kabupaten_kode, status, submitted_at, kecamatan_kode, desa_kode, is_rahasia);
