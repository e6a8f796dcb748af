-- 0004: claim locks for triage. A claim shows who is working on a complaint so two officials do not act on it
-- at once; it expires by itself (a closed laptop must not lock a complaint forever), and a supervisor may take
-- it over. The takeover, like every action, lands in the audit log.
CREATE TABLE complaint_claim (
  complaint_id INTEGER PRIMARY KEY REFERENCES complaint(id),
  user_id      INTEGER NOT NULL REFERENCES app_user(id),
  claimed_at   INTEGER NOT NULL,
  expires_at   INTEGER NOT NULL
) STRICT;
CREATE INDEX complaint_claim_user ON complaint_claim(user_id);
