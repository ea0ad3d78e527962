-- Mock exams: a timed test whose answers are marked only at the end. The
-- deadline is fixed on the server when the exam starts.
CREATE TABLE mock_exams (
    id          INTEGER PRIMARY KEY,
    learner_id  INTEGER NOT NULL REFERENCES learners(id) ON DELETE CASCADE,
    form_key    TEXT,             -- random key of the setup form: a resubmitted form finds this exam
    eras        TEXT    NOT NULL, -- JSON array: drawn from these eras (empty: all)
    minutes     INTEGER NOT NULL,
    seed        INTEGER NOT NULL, -- drew the questions; shuffles options the same way on every reload
    started_at  INTEGER NOT NULL, -- unix milliseconds
    deadline    INTEGER NOT NULL,
    finished_at INTEGER,          -- set once: answers are closed from then on
    score       INTEGER NOT NULL DEFAULT 0, -- right answers given in time, set when finished
    total       INTEGER NOT NULL
) STRICT;
CREATE INDEX mock_exams_learner ON mock_exams(learner_id, started_at);
CREATE UNIQUE INDEX mock_exams_form_key ON mock_exams(learner_id, form_key) WHERE form_key IS NOT NULL;

-- The questions of an exam, in order, fixed when it starts.
CREATE TABLE mock_items (
    exam_id     INTEGER NOT NULL REFERENCES mock_exams(id) ON DELETE CASCADE,
    position    INTEGER NOT NULL,
    question_id TEXT    NOT NULL,
    shown_at    INTEGER, -- first time the question page was served, for time taken
    answer_id   INTEGER, -- the latest row of mock_answers for this item: the one that counts
    review_id   INTEGER, -- the review_logs row this item fed the scheduler with; set once
    PRIMARY KEY (exam_id, position),
    UNIQUE (exam_id, question_id)
) STRICT;

-- Every answer given, kept for good: changing an answer adds a row and
-- moves mock_items.answer_id; a repeated identical submit adds nothing.
CREATE TABLE mock_answers (
    id          INTEGER PRIMARY KEY,
    exam_id     INTEGER NOT NULL,
    position    INTEGER NOT NULL,
    answer      TEXT    NOT NULL, -- JSON array of strings, as given
    correct     INTEGER NOT NULL CHECK (correct IN (0, 1)),
    late        INTEGER NOT NULL CHECK (late IN (0, 1)), -- after the deadline: kept, not counted
    answered_at INTEGER NOT NULL,
    time_ms     INTEGER NOT NULL,
    FOREIGN KEY (exam_id, position) REFERENCES mock_items(exam_id, position) ON DELETE CASCADE
) STRICT;
CREATE INDEX mock_answers_item ON mock_answers(exam_id, position);
