-- 0001: the domain model of tanggap (see ../shared/reference/domain.md in the project's workspace).
-- Conventions: times are INTEGER milliseconds since the Unix epoch (UTC); a kabupaten's own zone is applied
-- only when counting working days or showing dates. Booleans are INTEGER 0|1 named is_*.

CREATE TABLE setting (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL                        -- JSON
) STRICT;

-- Regions, keyed by Kemendagri code in dotted form ('64.08', '64.08.04', '64.08.04.1010').
CREATE TABLE kabupaten (
  kode               TEXT PRIMARY KEY,
  nama               TEXT NOT NULL,
  provinsi_kode      TEXT NOT NULL,
  provinsi           TEXT NOT NULL,
  ibukota            TEXT NOT NULL,
  time_zone          TEXT NOT NULL,         -- IANA name, e.g. 'Asia/Makassar' (WITA)
  utc_offset_minutes INTEGER NOT NULL       -- Indonesia has no DST, so a fixed offset is exact
) STRICT;

CREATE TABLE kecamatan (
  kode           TEXT PRIMARY KEY,
  kabupaten_kode TEXT NOT NULL REFERENCES kabupaten(kode),
  nama           TEXT NOT NULL,
  lat            REAL,                      -- label point (centroid of the largest part)
  lon            REAL,
  geometry       TEXT                       -- GeoJSON geometry, from resources/geo
) STRICT;
CREATE INDEX kecamatan_kabupaten ON kecamatan(kabupaten_kode);

CREATE TABLE desa (
  kode           TEXT PRIMARY KEY,
  kecamatan_kode TEXT NOT NULL REFERENCES kecamatan(kode),
  nama           TEXT NOT NULL,
  jenis          TEXT NOT NULL CHECK (jenis IN ('desa', 'kelurahan')),
  lat            REAL,
  lon            REAL,
  geometry       TEXT
) STRICT;
CREATE INDEX desa_kecamatan ON desa(kecamatan_kode);

-- Units that can hold a complaint: the Pemkab's OPD -> bidang/UPT tree, plus kecamatan offices and desa governments.
CREATE TABLE unit (
  id             INTEGER PRIMARY KEY,
  kabupaten_kode TEXT NOT NULL REFERENCES kabupaten(kode),
  parent_id      INTEGER REFERENCES unit(id),
  kind           TEXT NOT NULL CHECK (kind IN ('pemkab', 'opd', 'bidang', 'upt', 'kecamatan', 'desa')),
  kode           TEXT NOT NULL UNIQUE,       -- stable local key, e.g. '64.08/dinkes/yankes'
  nama           TEXT NOT NULL,
  singkatan      TEXT,
  region_kode    TEXT,                       -- for kecamatan and desa units
  is_confirmed   INTEGER NOT NULL DEFAULT 1 CHECK (is_confirmed IN (0, 1)), -- 0: from the standard set, name unconfirmed
  is_active      INTEGER NOT NULL DEFAULT 1 CHECK (is_active IN (0, 1)),
  upstream_id    TEXT
) STRICT;
CREATE INDEX unit_parent ON unit(parent_id);
CREATE INDEX unit_kabupaten_kind ON unit(kabupaten_kode, kind);

-- LAPOR!'s topic tree ({id, parent, name}); national, synced later rather than hard-coded.
CREATE TABLE category (
  id          INTEGER PRIMARY KEY,
  parent_id   INTEGER REFERENCES category(id),
  kode        TEXT NOT NULL UNIQUE,
  nama        TEXT NOT NULL,
  upstream_id TEXT
) STRICT;

CREATE TABLE complaint (
  id               INTEGER PRIMARY KEY,
  kabupaten_kode   TEXT NOT NULL REFERENCES kabupaten(kode),
  source           TEXT NOT NULL DEFAULT 'local',  -- sync source name, 'local' for manual entry, 'demo'
  tracking_id      TEXT NOT NULL,
  judul            TEXT NOT NULL,
  isi              TEXT NOT NULL,
  klasifikasi      TEXT NOT NULL CHECK (klasifikasi IN
                     ('pengaduan', 'aspirasi', 'permintaan_informasi', 'whistle_blowing', 'pengadaan')),
  channel          TEXT NOT NULL CHECK (channel IN ('web', 'sms_1708', 'app_android', 'app_ios', 'twitter',
                     'integrasi_daerah', 'whatsapp_pemda', 'tatap_muka', 'surat', 'setwapres')),
  category_id      INTEGER REFERENCES category(id),
  -- The normalised status drives every screen; status_raw keeps the upstream string so the mapping can
  -- change without a migration (the exact LAPOR! strings are partly unconfirmed).
  status           TEXT NOT NULL CHECK (status IN ('belum_terverifikasi', 'belum_ditindaklanjuti', 'proses',
                     'selesai', 'tunda', 'bukan_wewenang', 'arsip', 'dihapus')),
  status_raw       TEXT NOT NULL,
  is_anonim        INTEGER NOT NULL DEFAULT 0 CHECK (is_anonim IN (0, 1)),
  is_rahasia       INTEGER NOT NULL DEFAULT 0 CHECK (is_rahasia IN (0, 1)),
  kecamatan_kode   TEXT REFERENCES kecamatan(kode),
  desa_kode        TEXT REFERENCES desa(kode),
  lokasi_text      TEXT,
  lat              REAL,
  lon              REAL,
  unit_id          INTEGER REFERENCES unit(id),    -- who holds it now (last disposition)
  submitted_at     INTEGER NOT NULL,
  kejadian_at      INTEGER,
  verified_at      INTEGER,
  dispositioned_at INTEGER,                        -- first disposition
  first_response_at INTEGER,                       -- first tindak lanjut by a unit
  closed_at        INTEGER,                        -- selesai / arsip / bukan wewenang
  disposition_count INTEGER NOT NULL DEFAULT 0,
  updated_at       INTEGER NOT NULL,
  upstream_updated_at INTEGER,
  UNIQUE (source, tracking_id)
) STRICT;
CREATE INDEX complaint_kab_submitted ON complaint(kabupaten_kode, submitted_at);
CREATE INDEX complaint_kab_status ON complaint(kabupaten_kode, status, submitted_at);
CREATE INDEX complaint_unit ON complaint(unit_id, status);
CREATE INDEX complaint_kecamatan ON complaint(kecamatan_kode);
CREATE INDEX complaint_updated ON complaint(updated_at);

-- Reporter identity is personal data (UU 27/2022): kept apart so that no complaint query touches it by accident.
CREATE TABLE reporter (
  complaint_id INTEGER PRIMARY KEY REFERENCES complaint(id) ON DELETE CASCADE,
  nama         TEXT,
  nik          TEXT,
  phone        TEXT,
  email        TEXT
) STRICT;

-- Append-only history of each complaint.
CREATE TABLE complaint_event (
  id           INTEGER PRIMARY KEY,
  complaint_id INTEGER NOT NULL REFERENCES complaint(id),
  kind         TEXT NOT NULL CHECK (kind IN ('submitted', 'status', 'disposition', 'tindak_lanjut',
                 'pelapor_reply', 'note', 'location')),
  at           INTEGER NOT NULL,
  actor        TEXT NOT NULL,                      -- e.g. 'Admin Diskominfo', a local user name, 'Pelapor'
  from_status  TEXT,
  to_status    TEXT,
  from_unit_id INTEGER REFERENCES unit(id),
  to_unit_id   INTEGER REFERENCES unit(id),
  reason       TEXT,
  body         TEXT,
  upstream_id  TEXT,                               -- lets sync recognise an entry it already has
  UNIQUE (complaint_id, upstream_id)
) STRICT;
CREATE INDEX complaint_event_complaint ON complaint_event(complaint_id, at);

CREATE TRIGGER complaint_event_no_update BEFORE UPDATE ON complaint_event
BEGIN SELECT RAISE(ABORT, 'complaint_event is append-only'); END;
CREATE TRIGGER complaint_event_no_delete BEFORE DELETE ON complaint_event
BEGIN SELECT RAISE(ABORT, 'complaint_event is append-only'); END;

CREATE TABLE app_user (
  id         INTEGER PRIMARY KEY,
  username   TEXT NOT NULL UNIQUE,
  nama       TEXT NOT NULL,
  role       TEXT NOT NULL CHECK (role IN ('viewer', 'operator', 'supervisor', 'admin')),
  unit_id    INTEGER REFERENCES unit(id),
  is_active  INTEGER NOT NULL DEFAULT 1 CHECK (is_active IN (0, 1)),
  created_at INTEGER NOT NULL
) STRICT;

-- Audit log of local actions: append-only and hash-chained (each entry's hash covers the previous hash).
CREATE TABLE audit_log (
  id          INTEGER PRIMARY KEY,
  at          INTEGER NOT NULL,
  user_id     INTEGER REFERENCES app_user(id),
  username    TEXT NOT NULL,
  role        TEXT NOT NULL,
  action      TEXT NOT NULL,
  entity      TEXT NOT NULL,
  entity_id   TEXT,
  before_json TEXT,
  after_json  TEXT,
  reason      TEXT,
  prev_hash   TEXT NOT NULL,
  hash        TEXT NOT NULL
) STRICT;
CREATE INDEX audit_log_entity ON audit_log(entity, entity_id);

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;

-- Room for sync (the sync engine adds its run history, quarantine and outbox in its own migration).
CREATE TABLE sync_source (
  id             INTEGER PRIMARY KEY,
  name           TEXT NOT NULL UNIQUE,
  kind           TEXT NOT NULL,                    -- 'lapor-json', 'open311', 'file', ...
  kabupaten_kode TEXT NOT NULL REFERENCES kabupaten(kode),
  config_json    TEXT NOT NULL DEFAULT '{}',       -- never holds secrets
  is_enabled     INTEGER NOT NULL DEFAULT 1 CHECK (is_enabled IN (0, 1)),
  cursor         TEXT,                             -- committed in the same transaction as the data it covers
  last_synced_at INTEGER
) STRICT;
