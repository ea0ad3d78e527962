-- Cards pulled into a learner's review queue (issue 17): the events of the
-- points a written answer missed. A pulled card is due from pulled_at until
-- it is next reviewed, whatever its schedule says; a pulled question with no
-- card yet is the first new card the learner is offered, within their limits.
CREATE TABLE review_pulls (
    learner_id  INTEGER NOT NULL REFERENCES learners(id) ON DELETE CASCADE,
    question_id TEXT    NOT NULL,
    pulled_at   INTEGER NOT NULL, -- unix milliseconds
    PRIMARY KEY (learner_id, question_id)
) STRICT, WITHOUT ROWID;

-- How many cards a written answer pulled into review when it was submitted,
-- for its page to say so.
ALTER TABLE written_submissions ADD COLUMN pulled INTEGER NOT NULL DEFAULT 0;
