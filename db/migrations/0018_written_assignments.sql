-- Written questions assigned to a class (issue 17), with a due date
-- (YYYY-MM-DD, as set assignments' are). A question is assigned to a class
-- once: assigning it again changes its due date.
CREATE TABLE written_assignments (
    id          INTEGER PRIMARY KEY,
    class_id    INTEGER NOT NULL REFERENCES classes(id) ON DELETE CASCADE,
    question_id TEXT    NOT NULL,
    due         TEXT    NOT NULL,
    created_at  INTEGER NOT NULL
) STRICT;
CREATE UNIQUE INDEX written_assignments_class_question ON written_assignments (class_id, question_id);
CREATE INDEX written_assignments_question ON written_assignments (question_id);

-- The assignment an answer was handed in for, NULL for an answer written for
-- practice. Removing the assignment leaves the student's answer theirs.
ALTER TABLE written_submissions ADD COLUMN assignment_id INTEGER REFERENCES written_assignments(id) ON DELETE SET NULL;
CREATE INDEX written_submissions_assignment ON written_submissions (assignment_id, learner_id, id)
    WHERE assignment_id IS NOT NULL;

-- A teacher's mark of a submission: a level of the question's mark scheme,
-- a mark within that level's range and a comment. Marking again replaces it.
-- A deleted teacher's marks stay with the student's answer.
CREATE TABLE written_marks (
    submission_id INTEGER PRIMARY KEY REFERENCES written_submissions(id) ON DELETE CASCADE,
    teacher_id    INTEGER REFERENCES accounts(id) ON DELETE SET NULL,
    level         INTEGER NOT NULL,
    mark          INTEGER NOT NULL,
    comment       TEXT    NOT NULL DEFAULT '',
    marked_at     INTEGER NOT NULL -- unix milliseconds
) STRICT;
