-- A mock exam's answer earns a share of its mark, as in Moodle: a teacher's
-- short-answer or numerical question can give half marks for a near miss.
-- credit is that share, from 0 to 1; correct stays 1 only for full marks.
-- Answers given before partial credit were all or nothing.
ALTER TABLE mock_answers ADD COLUMN credit REAL NOT NULL DEFAULT 0 CHECK (credit BETWEEN 0 AND 1);
UPDATE mock_answers SET credit = correct;

-- marks is the exam's score as the sum of the credits given in time, which
-- can be fractional (17.5 out of 25); score keeps counting the answers that
-- were fully right. A column is added rather than score retyped: rebuilding
-- mock_exams would cascade-delete its items.
ALTER TABLE mock_exams ADD COLUMN marks REAL NOT NULL DEFAULT 0;
UPDATE mock_exams SET marks = score;
