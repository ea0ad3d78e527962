-- Reports of problems with questions, and questions of the generated bank
-- hidden from every queue until the bank is fixed.

-- Teachers made from the shell (`sabaq user add --role teacher`) are admins:
-- they alone may hide a timeline question from everyone. Teachers already
-- here who did not sign up through an invitation were made from the shell.
ALTER TABLE accounts ADD COLUMN admin INTEGER NOT NULL DEFAULT 0 CHECK (admin IN (0, 1));
UPDATE accounts SET admin = 1 WHERE role = 'teacher'
    AND id NOT IN (SELECT used_by FROM teacher_invites WHERE used_by IS NOT NULL);

-- One report per learner per question: reporting again replaces it (and
-- opens it again if a teacher had resolved it).
CREATE TABLE question_reports (
    id          INTEGER PRIMARY KEY,
    question_id TEXT    NOT NULL, -- a bank id: "year:u2-incident", "set:12:34"
    learner_id  INTEGER NOT NULL REFERENCES learners(id) ON DELETE CASCADE,
    reason      TEXT    NOT NULL CHECK (reason IN ('wrong-answer', 'two-right', 'unclear', 'other')),
    comment     TEXT    NOT NULL DEFAULT '',
    created_at  INTEGER NOT NULL, -- unix milliseconds, of the latest version of the report
    resolved_at INTEGER,          -- set when a teacher marks it dealt with
    UNIQUE (question_id, learner_id)
) STRICT;
CREATE INDEX question_reports_learner ON question_reports(learner_id);

-- Generated questions withheld from practice, review, mock exams and sets
-- built from the timeline. The server keeps the set in memory (see
-- questions.Bank.SetHidden).
CREATE TABLE hidden_questions (
    question_id TEXT    PRIMARY KEY,
    hidden_by   INTEGER REFERENCES accounts(id) ON DELETE SET NULL,
    reason      TEXT    NOT NULL DEFAULT '',
    hidden_at   INTEGER NOT NULL
) STRICT, WITHOUT ROWID;
