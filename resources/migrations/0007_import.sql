-- 0007: file import and manual entry (src/main/import/, src/main/intake/).

-- Column mappings a user saved for a spreadsheet layout no preset knows (ImportMapping in import/fields.ts).
-- kabupaten_kode NULL: usable for any kabupaten of the store.
CREATE TABLE import_mapping (
  id             INTEGER PRIMARY KEY,
  name           TEXT NOT NULL UNIQUE,
  kabupaten_kode TEXT REFERENCES kabupaten(kode),
  mapping_json   TEXT NOT NULL,
  created_by     TEXT NOT NULL,
  created_at     INTEGER NOT NULL,
  updated_at     INTEGER NOT NULL
) STRICT;

-- What each committed import was: the file (by name and content hash), the layout used and the per-row report,
-- so "what happened to row 40 of last month's recap" can be answered later. Counters live in sync_run.
CREATE TABLE import_file (
  id           INTEGER PRIMARY KEY,
  run_id       INTEGER REFERENCES sync_run(id) ON DELETE SET NULL,
  source_id    INTEGER NOT NULL REFERENCES sync_source(id) ON DELETE CASCADE,
  file_name    TEXT NOT NULL,
  file_sha256  TEXT NOT NULL,
  layout       TEXT NOT NULL,                -- preset name or saved mapping name or 'custom'
  rows         INTEGER NOT NULL,
  accepted     INTEGER NOT NULL,
  rejected     INTEGER NOT NULL,
  report_json  TEXT NOT NULL,                -- ImportReport without the preview, issues capped
  imported_by  TEXT NOT NULL,
  imported_at  INTEGER NOT NULL
) STRICT;
CREATE INDEX import_file_source ON import_file(source_id, imported_at);

-- How a complaint keyed in by hand reached the Pemda. complaint.channel holds the normalised channel for the KPIs;
-- `via` keeps the exact way, since the channel list has no telephone (a phone call is counted as tatap_muka, a
-- direct contact with the office, until the shared channel list grows one).
CREATE TABLE complaint_intake (
  complaint_id INTEGER PRIMARY KEY REFERENCES complaint(id),
  via          TEXT NOT NULL CHECK (via IN ('whatsapp', 'surat', 'datang_langsung', 'telepon')),
  received_at  INTEGER NOT NULL,             -- when the Pemda received it (the complaint's submitted_at)
  reference    TEXT,                         -- nomor agenda surat, nomor tiket WhatsApp: never personal data
  client_key   TEXT UNIQUE,                  -- the form's idempotency key: a submit sent twice makes one complaint
  entered_by   INTEGER REFERENCES app_user(id),
  entered_at   INTEGER NOT NULL
) STRICT;
