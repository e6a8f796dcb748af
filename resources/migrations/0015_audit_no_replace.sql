-- INSERT OR REPLACE on audit_log went around the append-only triggers: REPLACE deletes the conflicting row
-- without firing the delete trigger. An insert whose id already exists is refused, whatever its conflict clause.
CREATE TRIGGER audit_log_no_replace BEFORE INSERT ON audit_log
WHEN EXISTS (SELECT 1 FROM audit_log WHERE id = NEW.id)
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
