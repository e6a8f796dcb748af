-- 0005: routing (src/main/routing). Per kabupaten, a text classifier that suggests the responsible unit of a
-- complaint, learnt from this Pemda's own history: what each complaint taught it, the model itself (a snapshot
-- plus the changes since, so a start-up loads one blob and replays a few rows), and a stored suggestion per open
-- complaint, which the "possibly misrouted" queue reads through an index.

CREATE TABLE routing_model (
  kabupaten_kode    TEXT PRIMARY KEY REFERENCES kabupaten(kode),
  snapshot          BLOB NOT NULL,         -- the serialised model (routing/model.ts) as of snapshot_revision
  snapshot_revision INTEGER NOT NULL,      -- routing_change.id the snapshot includes (0: none)
  revision          INTEGER NOT NULL,      -- routing_change.id the model includes now (snapshot + later changes)
  built_at          INTEGER NOT NULL,      -- last full training; a new value tells other processes to reload
  -- What the model rests on (shown to users): complaints learnt from, of which corrections by a supervisor.
  complaints        INTEGER NOT NULL,
  corrections       INTEGER NOT NULL,
  -- How far the store has been read: complaints up to seen_id, and changes up to (seen_updated_at, seen_updated_id).
  seen_id           INTEGER NOT NULL,
  seen_updated_at   INTEGER NOT NULL,
  seen_updated_id   INTEGER NOT NULL,
  updated_at        INTEGER NOT NULL
) STRICT;

-- What each complaint currently contributes: its final unit as a label (relative unit path such as
-- 'dinkes/yankes', or '@kec' / '@desa' for the complaint's own kecamatan office / desa government) and a weight
-- (a correction counts double). Complaints that teach nothing (still open, bukan wewenang…) have no row.
CREATE TABLE routing_example (
  complaint_id   INTEGER PRIMARY KEY REFERENCES complaint(id),
  kabupaten_kode TEXT NOT NULL,
  label          TEXT NOT NULL,
  weight         REAL NOT NULL,
  is_correction  INTEGER NOT NULL CHECK (is_correction IN (0, 1))
) STRICT;
CREATE INDEX routing_example_kab ON routing_example(kabupaten_kode);

-- Changes to routing_example since the kabupaten's snapshot, replayed on load (and by other processes sharing the
-- file). AUTOINCREMENT: ids must never be reused after the rows of a compaction are deleted.
CREATE TABLE routing_change (
  id             INTEGER PRIMARY KEY AUTOINCREMENT,
  kabupaten_kode TEXT NOT NULL,
  complaint_id   INTEGER NOT NULL,
  old_label      TEXT,
  old_weight     REAL,
  new_label      TEXT,
  new_weight     REAL
) STRICT;
CREATE INDEX routing_change_kab ON routing_change(kabupaten_kode, id);

-- The suggestion for each open complaint, recomputed when the complaint changes and as the model grows.
-- misroute_confidence is set when the best suggestion disagrees with held_unit_id (the unit holding the complaint
-- when it was computed); the queue shows it only while that unit still holds it.
CREATE TABLE routing_suggestion (
  complaint_id        INTEGER PRIMARY KEY REFERENCES complaint(id),
  kabupaten_kode      TEXT NOT NULL,
  unit_id             INTEGER REFERENCES unit(id),  -- best suggestion, NULL when it cannot be placed (no desa known)
  confidence          REAL NOT NULL,
  held_unit_id        INTEGER,
  misroute_confidence REAL,
  top_json            TEXT NOT NULL,                -- the three best: [{label, unit_id, confidence}]
  model_examples      REAL NOT NULL,                -- the model's size then: stale once it has grown enough
  computed_at         INTEGER NOT NULL
) STRICT;
CREATE INDEX routing_suggestion_misroute ON routing_suggestion(kabupaten_kode, misroute_confidence DESC)
  WHERE misroute_confidence IS NOT NULL;
CREATE INDEX routing_suggestion_stale ON routing_suggestion(kabupaten_kode, model_examples);
