-- 0034: every disposition decided in tanggap, with the suggestion tanggap had stored for the complaint at that
-- moment, so that "how often was the suggestion taken, and was it right" can be answered per OPD (issue 17).
-- Whether it was right is not stored: it is read from the complaint as it ends (routing/decisions.ts), since a
-- complaint settles weeks after the decision.
CREATE TABLE routing_decision (
  id                  INTEGER PRIMARY KEY,
  complaint_id        INTEGER NOT NULL REFERENCES complaint(id),
  kabupaten_kode      TEXT NOT NULL,
  at                  INTEGER NOT NULL,
  user_id             INTEGER,                       -- app_user.id of who decided
  from_unit_id        INTEGER,                       -- NULL: the first disposition
  chosen_unit_id      INTEGER NOT NULL,
  suggested_unit_id   INTEGER,                       -- NULL: no suggestion was on record then
  suggested_label     TEXT,
  confidence          REAL
) STRICT;
CREATE INDEX routing_decision_period ON routing_decision(kabupaten_kode, at);
CREATE INDEX routing_decision_complaint ON routing_decision(complaint_id, at);
