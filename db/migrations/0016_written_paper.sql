-- Paper mode (issue 17): a learner answers answer_count of the written
-- questions offered under one deadline, fixed by the server's clock when the
-- paper starts. Each question keeps the text saved in time apart from the
-- text saved after the deadline, so late text never overwrites it. When the
-- paper is finished, each answer that counts becomes a written submission
-- carrying the paper's id and whether it was written after time.
CREATE TABLE written_papers (
    id           INTEGER PRIMARY KEY,
    learner_id   INTEGER NOT NULL REFERENCES learners(id) ON DELETE CASCADE,
    form_key     TEXT,             -- random key of the setup form: a resubmitted form finds this paper
    era          TEXT    NOT NULL, -- '' for all eras
    kinds        TEXT    NOT NULL, -- JSON array of kinds; [] for all
    offered      INTEGER NOT NULL CHECK (offered > 0),
    answer_count INTEGER NOT NULL CHECK (answer_count > 0 AND answer_count <= offered),
    started_at   INTEGER NOT NULL, -- unix milliseconds, the server's clock
    deadline     INTEGER NOT NULL, -- unix milliseconds, the server's clock
    finished_at  INTEGER,          -- NULL until finished; then the text is closed
    count_rule   TEXT CHECK (count_rule IN ('all', 'chosen', 'first')) -- how the counted answers were chosen
) STRICT;

CREATE UNIQUE INDEX written_papers_form_key ON written_papers (learner_id, form_key) WHERE form_key IS NOT NULL;
CREATE INDEX written_papers_learner ON written_papers (learner_id, started_at);

CREATE TABLE written_paper_items (
    paper_id      INTEGER NOT NULL REFERENCES written_papers(id) ON DELETE CASCADE,
    position      INTEGER NOT NULL, -- zero-based, in the order the paper lists them
    question_id   TEXT    NOT NULL,
    marks         INTEGER NOT NULL, -- the question's marks when drawn: the time allowed was worked out from them
    text          TEXT    NOT NULL DEFAULT '', -- saved before the deadline
    saved_at      INTEGER,          -- the client's clock, unix milliseconds: a later one wins
    late_text     TEXT,             -- saved after the deadline; NULL until then
    late_saved_at INTEGER,          -- the client's clock, for late_text
    updated_at    INTEGER,          -- the server's clock, unix milliseconds
    submission_id INTEGER REFERENCES written_submissions(id) ON DELETE SET NULL, -- once counted
    PRIMARY KEY (paper_id, position)
) STRICT;

ALTER TABLE written_submissions ADD COLUMN paper_id INTEGER REFERENCES written_papers(id) ON DELETE CASCADE;
ALTER TABLE written_submissions ADD COLUMN late INTEGER NOT NULL DEFAULT 0 CHECK (late IN (0, 1));

CREATE INDEX written_submissions_paper ON written_submissions (paper_id) WHERE paper_id IS NOT NULL;
