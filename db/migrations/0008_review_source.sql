-- One ledger: a practice answer is a review too (mode 'practice'), and every
-- review made from an answer given outside the review queue names that
-- answer in source ('attempt:12' for a practice attempt, 'mock:3:4' for a
-- mock exam's item), at most once per learner: a retried, double-clicked or
-- replayed answer can never make a second review. SQLite cannot change a
-- CHECK constraint in place, so the table is made again with the same rows.
CREATE TABLE review_logs_0008 (
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
    mode         TEXT    NOT NULL CHECK (mode IN ('flashcard', 'quiz', 'mock', 'practice')),
    answer       TEXT,             -- JSON array: the answer given, in quiz, mock and practice modes
    undone_at    INTEGER,
    source       TEXT              -- the answer this review was made from, outside the queue; NULL for a queue review
) STRICT;
INSERT INTO review_logs_0008 (id, learner_id, question_id, event_id, rating, state_before, card_before, card_after,
        elapsed_days, reviewed_at, duration_ms, mode, answer, undone_at)
    SELECT id, learner_id, question_id, event_id, rating, state_before, card_before, card_after,
        elapsed_days, reviewed_at, duration_ms, mode, answer, undone_at
    FROM review_logs;
-- The mock exams' reviews already made name their items.
UPDATE review_logs_0008 SET source = 'mock:' || i.exam_id || ':' || i.position
    FROM mock_items i WHERE i.review_id = review_logs_0008.id;
DROP TABLE review_logs;
ALTER TABLE review_logs_0008 RENAME TO review_logs;
CREATE INDEX review_logs_learner_time ON review_logs(learner_id, reviewed_at);
CREATE INDEX review_logs_learner_question ON review_logs(learner_id, question_id, id);
CREATE UNIQUE INDEX review_logs_learner_source ON review_logs(learner_id, source) WHERE source IS NOT NULL;
