-- Teachers' own written questions (issue 17), kept in their question sets:
-- each a written.Question as JSON without its id, which is "t" and the row
-- id ("t12"), so it never collides with the built-in bank's slugs. Deleting
-- the set deletes them; students' answers to them stay theirs.
CREATE TABLE authored_written (
    id         INTEGER PRIMARY KEY,
    set_id     INTEGER NOT NULL REFERENCES question_sets(id) ON DELETE CASCADE,
    position   INTEGER NOT NULL,
    question   TEXT    NOT NULL,
    created_at INTEGER NOT NULL, -- unix milliseconds
    updated_at INTEGER NOT NULL  -- unix milliseconds
) STRICT;
CREATE INDEX authored_written_set ON authored_written (set_id, position);

-- A deleted question (or its set) takes its assignments to classes
-- (migration 0018) with it; the answers handed in for them stay the
-- students', as practice answers (their assignment_id is set to NULL).
CREATE TRIGGER authored_written_unassign AFTER DELETE ON authored_written
BEGIN
    DELETE FROM written_assignments WHERE question_id = 't' || OLD.id;
END;
