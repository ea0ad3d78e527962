-- Written answers (issue 17): one draft per learner and question, kept as
-- the student types, and the answers they submitted, each with the level
-- of the mark scheme they gave themselves (NULL until they do).
CREATE TABLE written_drafts (
    learner_id  INTEGER NOT NULL REFERENCES learners(id) ON DELETE CASCADE,
    question_id TEXT    NOT NULL,
    text        TEXT    NOT NULL,
    saved_at    INTEGER NOT NULL, -- the client's clock, unix milliseconds: a later one wins
    updated_at  INTEGER NOT NULL, -- the server's clock, unix milliseconds
    PRIMARY KEY (learner_id, question_id)
) STRICT;

CREATE TABLE written_submissions (
    id           INTEGER PRIMARY KEY,
    learner_id   INTEGER NOT NULL REFERENCES learners(id) ON DELETE CASCADE,
    question_id  TEXT    NOT NULL,
    text         TEXT    NOT NULL,
    submitted_at INTEGER NOT NULL, -- unix milliseconds
    self_level   INTEGER           -- the level the student gave the answer, NULL until then
) STRICT;

CREATE INDEX written_submissions_learner ON written_submissions (learner_id, question_id, id);
