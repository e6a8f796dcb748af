-- 0029: reminders that reach people: the daily digest of each unit (what falls due within 2 hari kerja, what is
-- overdue) to its liaisons' e-mail, and an escalation to the head of the OPD when a complaint is overdue by a set
-- number of hari kerja (once per complaint). SMTP settings are a setting ('smtp'); the password lives apart, like
-- the sync tokens (sync_source_secret): the API only says whether it is set.
CREATE TABLE smtp_secret (
  id       INTEGER PRIMARY KEY CHECK (id = 1),
  password TEXT NOT NULL
) STRICT;

-- Every reminder, sent or not: one row per message and recipient. A failed send is retried with backoff
-- (next_attempt_at) and stays visible as 'gagal' with its error once the attempts are used up.
CREATE TABLE reminder (
  id              INTEGER PRIMARY KEY,
  kind            TEXT NOT NULL CHECK (kind IN ('digest', 'eskalasi')),
  day             TEXT NOT NULL,                 -- local date the reminder is for (YYYY-MM-DD)
  kabupaten_kode  TEXT NOT NULL,
  unit_id         INTEGER NOT NULL REFERENCES unit(id),
  complaint_id    INTEGER REFERENCES complaint(id),  -- eskalasi: the overdue complaint
  user_id         INTEGER REFERENCES app_user(id),   -- the recipient's profile
  recipient       TEXT NOT NULL,                 -- e-mail address ('' when the profile has none: state 'gagal')
  subject         TEXT NOT NULL,
  body            TEXT NOT NULL,                 -- plain text as sent (no reporter identity, no rahasia content)
  complaint_ids   TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(complaint_ids)),
  state           TEXT NOT NULL DEFAULT 'menunggu' CHECK (state IN ('menunggu', 'terkirim', 'gagal')),
  attempts        INTEGER NOT NULL DEFAULT 0,
  next_attempt_at INTEGER,
  last_error      TEXT,
  created_at      INTEGER NOT NULL,
  sent_at         INTEGER
) STRICT;
CREATE UNIQUE INDEX reminder_digest_once ON reminder(day, unit_id, user_id) WHERE kind = 'digest';
CREATE UNIQUE INDEX reminder_escalation_once ON reminder(complaint_id, user_id) WHERE kind = 'eskalasi';
CREATE INDEX reminder_due ON reminder(state, next_attempt_at);
CREATE INDEX reminder_created ON reminder(created_at);
