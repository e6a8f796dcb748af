-- 0014: a profile may be limited to one or more kabupaten (a JSON array of kode, e.g. ["21.03"]); NULL means every
-- kabupaten of the store. Enforced on every API call (app/api/trpc.ts, users/scope.ts), never only in the screens.
ALTER TABLE app_user ADD COLUMN kabupaten_json TEXT CHECK (kabupaten_json IS NULL OR json_valid(kabupaten_json));
