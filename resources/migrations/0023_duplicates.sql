-- Laporan ganda: a complaint an operator linked to the main complaint of the same problem (issue 19). One main per
-- duplicate; a main is never itself a duplicate (serupa/links.ts flattens chains). Linking and unlinking are audited.
CREATE TABLE complaint_duplicate (
  complaint_id INTEGER PRIMARY KEY REFERENCES complaint(id),
  main_id      INTEGER NOT NULL REFERENCES complaint(id),
  score        REAL,                         -- the similarity shown when it was linked, null when linked by hand
  linked_by    INTEGER REFERENCES app_user(id),
  linked_at    INTEGER NOT NULL,
  CHECK (complaint_id != main_id)
) STRICT;
CREATE INDEX complaint_duplicate_main ON complaint_duplicate(main_id);
