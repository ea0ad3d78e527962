-- Secrets and other server-wide values, created on first start.
CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value BLOB NOT NULL
) STRICT;

-- A learner is anonymous until an account claims it (account_id), so progress
-- made before signing up is kept. The cookie holds a random token; only its
-- SHA-256 is stored, so a copy of the database gives no one a way in.
CREATE TABLE learners (
    id           INTEGER PRIMARY KEY,
    token_hash   BLOB    NOT NULL UNIQUE,
    created_at   INTEGER NOT NULL, -- unix milliseconds
    display_name TEXT,
    account_id   INTEGER
) STRICT;

CREATE TABLE practice_sessions (
    id          INTEGER PRIMARY KEY,
    learner_id  INTEGER NOT NULL REFERENCES learners(id) ON DELETE CASCADE,
    filters     TEXT    NOT NULL, -- JSON, as chosen on the practice form
    seed        INTEGER NOT NULL, -- shuffles options the same way on every reload
    started_at  INTEGER NOT NULL,
    finished_at INTEGER,
    score       INTEGER NOT NULL DEFAULT 0,
    total       INTEGER NOT NULL
) STRICT;
CREATE INDEX practice_sessions_learner ON practice_sessions(learner_id, started_at);

-- The questions a session will ask, in order, fixed when it starts.
CREATE TABLE session_questions (
    session_id  INTEGER NOT NULL REFERENCES practice_sessions(id) ON DELETE CASCADE,
    position    INTEGER NOT NULL,
    question_id TEXT    NOT NULL,
    shown_at    INTEGER, -- first time the question page was served, for time taken
    PRIMARY KEY (session_id, position),
    UNIQUE (session_id, question_id)
) STRICT;

CREATE TABLE attempts (
    id          INTEGER PRIMARY KEY,
    learner_id  INTEGER NOT NULL REFERENCES learners(id) ON DELETE CASCADE,
    session_id  INTEGER REFERENCES practice_sessions(id) ON DELETE CASCADE,
    question_id TEXT    NOT NULL,
    answer      TEXT    NOT NULL, -- JSON array of strings, as given
    correct     INTEGER NOT NULL CHECK (correct IN (0, 1)),
    answered_at INTEGER NOT NULL,
    time_ms     INTEGER NOT NULL
) STRICT;
-- One attempt per question per session: a retried or double-clicked submit
-- finds the first one instead of adding a second.
CREATE UNIQUE INDEX attempts_session_question ON attempts(session_id, question_id) WHERE session_id IS NOT NULL;
CREATE INDEX attempts_learner ON attempts(learner_id, answered_at);
