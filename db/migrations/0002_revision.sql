-- A learner's revision settings; a learner without a row has the defaults.
CREATE TABLE learner_settings (
    learner_id        INTEGER PRIMARY KEY REFERENCES learners(id) ON DELETE CASCADE,
    desired_retention REAL    NOT NULL,
    new_per_day       INTEGER NOT NULL,
    reviews_per_day   INTEGER NOT NULL,
    timezone          TEXT    NOT NULL,
    exam_date         TEXT,            -- YYYY-MM-DD, the learner's calendar
    review_mode       TEXT    NOT NULL CHECK (review_mode IN ('flashcard', 'quiz')),
    eras              TEXT    NOT NULL, -- JSON array: review only these eras (empty: all)
    themes            TEXT    NOT NULL  -- JSON array: review only these themes (empty: all)
) STRICT;

-- One FSRS card per learner and question, made at its first review; a
-- question without a card is new. version guards against applying a
-- double-clicked, retried or stale submit twice.
CREATE TABLE cards (
    learner_id      INTEGER NOT NULL REFERENCES learners(id) ON DELETE CASCADE,
    question_id     TEXT    NOT NULL,
    event_id        TEXT    NOT NULL, -- siblings (questions on one event) share it
    state           INTEGER NOT NULL CHECK (state BETWEEN 0 AND 3),
    due             INTEGER NOT NULL, -- unix milliseconds
    stability       REAL    NOT NULL,
    difficulty      REAL    NOT NULL,
    reps            INTEGER NOT NULL,
    lapses          INTEGER NOT NULL,
    last_review     INTEGER,
    scheduled_days  INTEGER NOT NULL,
    remaining_steps INTEGER NOT NULL,
    version         INTEGER NOT NULL,
    created_at      INTEGER NOT NULL,
    PRIMARY KEY (learner_id, question_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX cards_learner_due ON cards(learner_id, due);
CREATE INDEX cards_learner_event ON cards(learner_id, event_id);

-- Every review, kept for good: card_before allows undo and rescheduling,
-- and the rows allow fitting FSRS weights later. Undo marks a row, never
-- deletes it.
CREATE TABLE review_logs (
    id           INTEGER PRIMARY KEY,
    learner_id   INTEGER NOT NULL REFERENCES learners(id) ON DELETE CASCADE,
    question_id  TEXT    NOT NULL,
    event_id     TEXT    NOT NULL,
    rating       INTEGER NOT NULL CHECK (rating BETWEEN 1 AND 4),
    state_before INTEGER NOT NULL,
    card_before  TEXT,             -- JSON of the card before; NULL when it was new
    card_after   TEXT    NOT NULL, -- JSON of the card after
    elapsed_days REAL    NOT NULL,
    reviewed_at  INTEGER NOT NULL,
    duration_ms  INTEGER NOT NULL,
    mode         TEXT    NOT NULL CHECK (mode IN ('flashcard', 'quiz', 'mock')),
    answer       TEXT,             -- JSON array: the answer given, in quiz and mock modes
    undone_at    INTEGER
) STRICT;
CREATE INDEX review_logs_learner_time ON review_logs(learner_id, reviewed_at);
CREATE INDEX review_logs_learner_question ON review_logs(learner_id, question_id, id);
