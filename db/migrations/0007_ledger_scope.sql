-- One ledger: whether practice answers count as reviews of their cards (on
-- by default), and what an exam date covers: the learner's whole deck
-- ('all'), chosen eras and themes ('topics'), or one class assignment.
ALTER TABLE learner_settings ADD COLUMN practice_counts INTEGER NOT NULL DEFAULT 1 CHECK (practice_counts IN (0, 1));
ALTER TABLE learner_settings ADD COLUMN exam_scope TEXT NOT NULL DEFAULT 'all' CHECK (exam_scope IN ('all', 'topics', 'assignment'));
ALTER TABLE learner_settings ADD COLUMN exam_eras TEXT NOT NULL DEFAULT '[]';
ALTER TABLE learner_settings ADD COLUMN exam_themes TEXT NOT NULL DEFAULT '[]';
ALTER TABLE learner_settings ADD COLUMN exam_assignment INTEGER;
