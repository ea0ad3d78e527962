-- Pictures in teachers' questions, stored once each by the SHA-256 of their
-- content (name is "<sha256 hex>.<ext>"); media_owners records which teacher
-- brought which picture, for each teacher's quota. A picture two teachers
-- brought counts against both.
CREATE TABLE media (
    name        TEXT PRIMARY KEY,
    mime        TEXT NOT NULL,
    size        INTEGER NOT NULL,
    data        BLOB NOT NULL,
    created_at  INTEGER NOT NULL
);
CREATE TABLE media_owners (
    owner_id    INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    name        TEXT NOT NULL REFERENCES media(name),
    size        INTEGER NOT NULL,
    created_at  INTEGER NOT NULL,
    PRIMARY KEY (owner_id, name)
) WITHOUT ROWID;
