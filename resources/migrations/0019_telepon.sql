-- A channel of its own for complaints received by telephone ('telepon'). Until now a call was counted as
-- tatap_muka, the nearest value of the complaint table's CHECK list. That CHECK is widened by rebuilding the
-- table (store/code-migrations.ts, run before this file: every row, index and trigger kept).

-- Complaints keyed in by hand as received by telephone move to the new channel (complaint_intake.via kept the way).
UPDATE complaint SET channel = 'telepon'
WHERE channel = 'tatap_muka' AND id IN (SELECT complaint_id FROM complaint_intake WHERE via = 'telepon');

-- The vocabulary's telephone words now mean the new channel, unless an admin chose another value for them.
UPDATE vocabulary SET value = 'telepon', note = NULL
WHERE kind = 'channel' AND word IN ('telepon', 'telpon') AND origin = 'bawaan';
INSERT OR IGNORE INTO vocabulary (kind, word, value, ambiguous, note) VALUES
  ('channel', 'telp', 'telepon', 0, NULL),
  ('channel', 'telefon', 'telepon', 0, NULL),
  ('channel', 'call center', 'telepon', 0, NULL),
  ('channel', 'phone', 'telepon', 0, 'Open311'),
  ('channel', 'telephone', 'telepon', 0, 'Open311');

-- The raw channel and klasifikasi words as they arrived, like status_raw, so that a change of the vocabulary can
-- remap the complaints already stored (settings: vocabulary remap). NULL on rows stored before this migration.
ALTER TABLE complaint ADD COLUMN channel_raw TEXT;
ALTER TABLE complaint ADD COLUMN klasifikasi_raw TEXT;

-- The channel slices change: every kabupaten is rebuilt when the store is next opened.
DELETE FROM setting WHERE key LIKE 'kpi.calendar_revision.%';
