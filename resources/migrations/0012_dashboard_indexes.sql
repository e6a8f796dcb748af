-- Indexes for what the screens ask on every open, measured on a 1,000,000-complaint store
-- (`tanggap bench screens`): the live feed (latest changes of a kabupaten) sorted the whole kabupaten in a
-- temporary B-tree, and the "dikembalikan" queue badge scanned every complaint.
CREATE INDEX complaint_kab_updated ON complaint(kabupaten_kode, updated_at);
CREATE INDEX complaint_redisposed_open ON complaint(kabupaten_kode, submitted_at)
  WHERE disposition_count >= 2 AND status IN ('belum_terverifikasi', 'belum_ditindaklanjuti', 'proses');
-- Complaints without a location (Peta's "tanpa lokasi" count and queue), narrowed by kabupaten and period.
CREATE INDEX complaint_kab_kecamatan ON complaint(kabupaten_kode, kecamatan_kode, submitted_at, status);
