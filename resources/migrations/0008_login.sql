-- 0008: user login for serve mode on a network. A profile with a password may sign in from a browser; a profile
-- without one (NULL) is used only locally (the desktop app, serve mode on 127.0.0.1). Sessions live in the serving
-- process's memory, not here: a restart signs everyone out, and no session secret ever rests on disk.
ALTER TABLE app_user ADD COLUMN password_hash TEXT;     -- 'scrypt$N$r$p$salt$key', base64url parts (auth/password.ts)
ALTER TABLE app_user ADD COLUMN password_changed_at INTEGER;
