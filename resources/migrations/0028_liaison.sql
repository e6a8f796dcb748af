-- 0028: liaison (penghubung) profiles of the units that receive dispositions (OPD, bidang/UPT, kecamatan, desa).
-- app_user.role's CHECK gains 'penghubung' by a table rebuild (store/code-migrations.ts, run before this file).

-- The units a profile answers for; sub-units are included when queried (liaison/scope.ts). A command-centre
-- profile has none.
CREATE TABLE user_unit (
  user_id INTEGER NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
  unit_id INTEGER NOT NULL REFERENCES unit(id),
  -- The head of the unit (kepala OPD): overdue complaints escalate to this profile's e-mail (reminders/run.ts).
  is_kepala INTEGER NOT NULL DEFAULT 0 CHECK (is_kepala IN (0, 1)),
  PRIMARY KEY (user_id, unit_id)
) STRICT;
CREATE INDEX user_unit_unit ON user_unit(unit_id);

-- Where the daily digest goes (users.setEmail) and when the profile last signed in (users.list).
ALTER TABLE app_user ADD COLUMN email TEXT;
ALTER TABLE app_user ADD COLUMN last_sign_in_at INTEGER;

-- A liaison's "bukan wewenang kami": the complaint stays with the unit until a supervisor decides
-- (complaints.decideReturn): accepted = disposed to the right unit; rejected = back in the unit's inbox with the
-- reason. Open returns are in the command centre's Dikembalikan queue. Each row is a labelled routing example:
-- not unit_id, and (when given) unit_tujuan_id.
CREATE TABLE liaison_return (
  id             INTEGER PRIMARY KEY,
  complaint_id   INTEGER NOT NULL REFERENCES complaint(id),
  unit_id        INTEGER NOT NULL REFERENCES unit(id),     -- the unit that returned it (held it then)
  user_id        INTEGER REFERENCES app_user(id),
  alasan         TEXT NOT NULL,
  unit_tujuan_id INTEGER REFERENCES unit(id),              -- where the liaison says it belongs (optional)
  created_at     INTEGER NOT NULL,
  decided_at     INTEGER,
  decided_by     INTEGER REFERENCES app_user(id),
  decided_by_nama TEXT,
  accepted       INTEGER CHECK (accepted IN (0, 1)),
  decision_alasan TEXT,
  decision_unit_id INTEGER REFERENCES unit(id)
) STRICT;
CREATE INDEX liaison_return_complaint ON liaison_return(complaint_id, created_at);
CREATE INDEX liaison_return_open ON liaison_return(complaint_id) WHERE decided_at IS NULL;

-- A liaison's request for more time (hari kerja, with a reason), shown to the command centre.
CREATE TABLE liaison_extension (
  id           INTEGER PRIMARY KEY,
  complaint_id INTEGER NOT NULL REFERENCES complaint(id),
  unit_id      INTEGER NOT NULL REFERENCES unit(id),
  user_id      INTEGER REFERENCES app_user(id),
  alasan       TEXT NOT NULL,
  hari_kerja   INTEGER NOT NULL CHECK (hari_kerja BETWEEN 1 AND 60),
  created_at   INTEGER NOT NULL
) STRICT;
CREATE INDEX liaison_extension_complaint ON liaison_extension(complaint_id, created_at);
