-- A KPI rebuild runs in a worker thread, off the app's request path (src/main/background/rebuild.ts): it rewrites
-- the deadline rows in short slices and computes the aggregates from a read snapshot, then writes them in one short
-- transaction. Complaints refreshed meanwhile by the app or a CLI sync (kpi/refresh.ts refreshComplaints) are listed
-- here while a rebuild of their kabupaten runs, so the rebuild can fold in what changed after its snapshot.
-- The rows live only as long as one rebuild: it deletes its kabupaten's rows when it ends.
CREATE TABLE kpi_rebuild_change (
  seq            INTEGER PRIMARY KEY AUTOINCREMENT,
  kabupaten_kode TEXT NOT NULL,
  complaint_id   INTEGER NOT NULL
);
CREATE INDEX kpi_rebuild_change_kab ON kpi_rebuild_change(kabupaten_kode, seq);
