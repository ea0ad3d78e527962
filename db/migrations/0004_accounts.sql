-- Accounts: a username and a bcrypt hash, no email (many students are minors).
CREATE TABLE accounts (
    id            INTEGER PRIMARY KEY,
    username      TEXT    NOT NULL UNIQUE COLLATE NOCASE,
    password_hash BLOB    NOT NULL,
    role          TEXT    NOT NULL CHECK (role IN ('student', 'teacher')),
    created_at    INTEGER NOT NULL
) STRICT;

-- A learner belongs to at most one account; signing up claims the anonymous
-- learner, so progress made before is kept.
CREATE UNIQUE INDEX learners_account ON learners(account_id) WHERE account_id IS NOT NULL;

-- Log-in sessions: the cookie holds a random 256-bit token; only its SHA-256
-- is stored. Deleted at log-out and, for the other sessions, on a password change.
CREATE TABLE sessions (
    token_hash BLOB    PRIMARY KEY,
    account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL
) STRICT, WITHOUT ROWID;
CREATE INDEX sessions_account ON sessions(account_id);

-- Failed log-ins, for throttling by username and by address.
CREATE TABLE login_failures (
    id       INTEGER PRIMARY KEY,
    username TEXT    NOT NULL COLLATE NOCASE,
    address  TEXT    NOT NULL,
    at       INTEGER NOT NULL
) STRICT;
CREATE INDEX login_failures_username ON login_failures(username, at);
CREATE INDEX login_failures_address ON login_failures(address, at);

-- One-time links by which a teacher invites another teacher.
CREATE TABLE teacher_invites (
    token_hash BLOB    PRIMARY KEY,
    created_by INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    used_by    INTEGER REFERENCES accounts(id) ON DELETE SET NULL,
    used_at    INTEGER
) STRICT, WITHOUT ROWID;
