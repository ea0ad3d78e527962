-- A mock exam's question can be flagged to come back to before submitting,
-- as on a paper exam. The flag is the learner's note to self: it changes
-- nothing in the marking.
ALTER TABLE mock_items ADD COLUMN flagged INTEGER NOT NULL DEFAULT 0 CHECK (flagged IN (0, 1));
