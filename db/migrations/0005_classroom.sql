-- Teachers' question sets; each item is a sets.Item as JSON.
CREATE TABLE question_sets (
    id          INTEGER PRIMARY KEY,
    owner_id    INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    title       TEXT    NOT NULL,
    description TEXT    NOT NULL DEFAULT '',
    created_at  INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL
) STRICT;
CREATE INDEX question_sets_owner ON question_sets(owner_id, updated_at);

CREATE TABLE set_items (
    id         INTEGER PRIMARY KEY,
    set_id     INTEGER NOT NULL REFERENCES question_sets(id) ON DELETE CASCADE,
    position   INTEGER NOT NULL,
    item       TEXT    NOT NULL,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
) STRICT;
CREATE INDEX set_items_set ON set_items(set_id, position);

CREATE TABLE classes (
    id         INTEGER PRIMARY KEY,
    teacher_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    name       TEXT    NOT NULL,
    join_code  TEXT    NOT NULL UNIQUE,
    created_at INTEGER NOT NULL
) STRICT;
CREATE INDEX classes_teacher ON classes(teacher_id);

CREATE TABLE class_members (
    class_id   INTEGER NOT NULL REFERENCES classes(id) ON DELETE CASCADE,
    account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    joined_at  INTEGER NOT NULL,
    PRIMARY KEY (class_id, account_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX class_members_account ON class_members(account_id);

CREATE TABLE assignments (
    id         INTEGER PRIMARY KEY,
    class_id   INTEGER NOT NULL REFERENCES classes(id) ON DELETE CASCADE,
    set_id     INTEGER NOT NULL REFERENCES question_sets(id) ON DELETE CASCADE,
    due_date   TEXT, -- YYYY-MM-DD
    exam_date  TEXT, -- YYYY-MM-DD
    created_at INTEGER NOT NULL,
    UNIQUE (class_id, set_id)
) STRICT;
CREATE INDEX assignments_set ON assignments(set_id);
