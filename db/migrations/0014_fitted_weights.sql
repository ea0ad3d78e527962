-- FSRS-6 weights fitted to a class's pooled reviews or to one learner's own
-- (issue 16): the latest fit of each, used only when applied, that is when
-- the weights predicted the newest fifth of the reviews better than the
-- defaults. A refused fit is kept too, so that it is not tried again until
-- the reviews change (reviews and last_review_id say which ones it saw).
CREATE TABLE fitted_weights (
    id               INTEGER PRIMARY KEY,
    class_id         INTEGER UNIQUE REFERENCES classes(id) ON DELETE CASCADE,
    learner_id       INTEGER UNIQUE REFERENCES learners(id) ON DELETE CASCADE,
    applied          INTEGER NOT NULL CHECK (applied IN (0, 1)),
    weights          TEXT,             -- JSON array of the 21 weights; NULL when none were fitted
    reviews          INTEGER NOT NULL, -- reviews in the log (undone ones left out)
    scored           INTEGER NOT NULL, -- of them, on a later day than the card's previous review
    held_out         INTEGER NOT NULL, -- scored reviews in the newest fifth, the test
    last_review_id   INTEGER NOT NULL, -- the newest review_logs.id in the log
    default_log_loss REAL    NOT NULL, -- held out; 0 when no fit was made
    fitted_log_loss  REAL    NOT NULL,
    refused          TEXT    NOT NULL DEFAULT '', -- why not applied
    fitted_at        INTEGER NOT NULL, -- unix milliseconds
    CHECK ((class_id IS NULL) != (learner_id IS NULL)),
    CHECK (applied = 0 OR weights IS NOT NULL)
) STRICT;
