-- 0006: the sync engine's tables (src/main/sync/): which version of a record we hold, source settings and
-- secrets, the history of runs, the quarantine of bad records, and the outbox of local actions to write back.

-- Which upstream version a complaint row reflects, so an older version fetched late never overwrites a newer one
-- (upstream_updated_at already exists; a version counter, when the source has one, is exact where clocks are not).
ALTER TABLE complaint ADD COLUMN upstream_version INTEGER;

-- How often a source is pulled on its own (NULL: only on demand) and whether local actions are written back.
ALTER TABLE sync_source ADD COLUMN schedule_minutes INTEGER CHECK (schedule_minutes IS NULL OR schedule_minutes BETWEEN 1 AND 10080);
ALTER TABLE sync_source ADD COLUMN is_writeback INTEGER NOT NULL DEFAULT 0 CHECK (is_writeback IN (0, 1));
ALTER TABLE sync_source ADD COLUMN created_at INTEGER NOT NULL DEFAULT 0;

-- Secrets (API tokens) apart from config_json, which is shown in the app and may be logged: the API only ever
-- says whether a secret is set.
CREATE TABLE sync_source_secret (
  source_id INTEGER PRIMARY KEY REFERENCES sync_source(id) ON DELETE CASCADE,
  token     TEXT NOT NULL
) STRICT;

-- One row per run. Counters are updated in the same transaction as the data of each page, so after a crash the
-- row still says exactly what was committed; a run left 'running' by a killed process becomes 'interrupted'.
CREATE TABLE sync_run (
  id           INTEGER PRIMARY KEY,
  source_id    INTEGER NOT NULL REFERENCES sync_source(id) ON DELETE CASCADE,
  trigger      TEXT NOT NULL CHECK (trigger IN ('manual', 'schedule', 'cli', 'test')),
  status       TEXT NOT NULL CHECK (status IN ('running', 'ok', 'failed', 'interrupted', 'cancelled')),
  started_at   INTEGER NOT NULL,
  heartbeat_at INTEGER NOT NULL,          -- a live run touches it; a stale 'running' row belongs to a dead process
  owner        TEXT,                     -- 'host:pid' of the process running it, to tell a dead run at once
  finished_at  INTEGER,
  cursor_from  TEXT,
  cursor_to    TEXT,
  pages        INTEGER NOT NULL DEFAULT 0,
  fetched      INTEGER NOT NULL DEFAULT 0,
  inserted     INTEGER NOT NULL DEFAULT 0,
  updated      INTEGER NOT NULL DEFAULT 0,
  unchanged    INTEGER NOT NULL DEFAULT 0,
  quarantined  INTEGER NOT NULL DEFAULT 0,
  retries      INTEGER NOT NULL DEFAULT 0,
  pushed       INTEGER NOT NULL DEFAULT 0,  -- write-back actions sent in this run
  error        TEXT
) STRICT;
CREATE INDEX sync_run_source ON sync_run(source_id, started_at);

-- Records that could not be stored, with the reason and the payload as received. The same bad payload seen again
-- is counted, not stored twice; a later good version of the same complaint marks the entry resolved.
CREATE TABLE sync_quarantine (
  id            INTEGER PRIMARY KEY,
  source_id     INTEGER NOT NULL REFERENCES sync_source(id) ON DELETE CASCADE,
  run_id        INTEGER REFERENCES sync_run(id) ON DELETE SET NULL,
  tracking_id   TEXT,
  ref           TEXT,                     -- where it was: 'halaman 3, #12', 'baris 40'
  reason        TEXT NOT NULL,
  raw_json      TEXT NOT NULL,
  raw_hash      TEXT NOT NULL,
  first_seen_at INTEGER NOT NULL,
  last_seen_at  INTEGER NOT NULL,
  seen_count    INTEGER NOT NULL DEFAULT 1,
  resolved_at   INTEGER,
  UNIQUE (source_id, raw_hash)
) STRICT;
CREATE INDEX sync_quarantine_open ON sync_quarantine(source_id, tracking_id) WHERE resolved_at IS NULL;

-- Local actions to write back upstream. One row per local history entry on a complaint of a write-back source,
-- added by the trigger below in the very transaction of the action, so no action can be lost between the action
-- and the outbox. client_id is the idempotency key the upstream deduplicates on; base_version is the upstream
-- version the official saw when acting, so a change made upstream meanwhile is a conflict, not an overwrite.
CREATE TABLE sync_outbox (
  id              INTEGER PRIMARY KEY,
  client_id       TEXT NOT NULL UNIQUE,
  source_id       INTEGER NOT NULL REFERENCES sync_source(id) ON DELETE CASCADE,
  complaint_id    INTEGER NOT NULL REFERENCES complaint(id),
  event_id        INTEGER NOT NULL UNIQUE REFERENCES complaint_event(id),
  base_version    INTEGER,
  base_updated_at INTEGER,
  created_at      INTEGER NOT NULL,
  state           TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'sent', 'conflict', 'failed', 'discarded')),
  attempts        INTEGER NOT NULL DEFAULT 0,
  next_attempt_at INTEGER NOT NULL,
  last_error      TEXT,
  sent_at         INTEGER,
  response_json   TEXT
) STRICT;
CREATE INDEX sync_outbox_due ON sync_outbox(state, next_attempt_at);
CREATE INDEX sync_outbox_complaint ON sync_outbox(complaint_id);

-- Local entries carry no upstream_id (sync's entries always do); only complaints of a write-back source qualify.
CREATE TRIGGER complaint_event_outbox AFTER INSERT ON complaint_event
  WHEN NEW.upstream_id IS NULL AND NEW.kind IN ('status', 'disposition', 'tindak_lanjut', 'note')
BEGIN
  INSERT INTO sync_outbox (client_id, source_id, complaint_id, event_id, base_version, base_updated_at, created_at, next_attempt_at)
  SELECT lower(hex(randomblob(16))), s.id, c.id, NEW.id, c.upstream_version, c.upstream_updated_at, NEW.at, 0
  FROM complaint c JOIN sync_source s ON s.name = c.source
  WHERE c.id = NEW.complaint_id AND s.is_writeback = 1;
END;
