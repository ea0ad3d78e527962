-- A deleted question is kept for a short while (sets.UndoDelete) so that its
-- deletion can be undone: deleted_at marks it and every read skips it, and
-- the next deletion in its set, or any deletion once the while is over,
-- removes it for good.
ALTER TABLE set_items ADD COLUMN deleted_at INTEGER;
CREATE INDEX set_items_deleted ON set_items(deleted_at) WHERE deleted_at IS NOT NULL;
-- A question duplicated by a form remembers the form's random key: a
-- double-clicked or retried "Duplicate" finds the copy instead of making another.
ALTER TABLE set_items ADD COLUMN form_key TEXT;
CREATE UNIQUE INDEX set_items_form_key ON set_items(set_id, form_key) WHERE form_key IS NOT NULL;
-- Questions are reordered by their positions, which must then differ within
-- a set: number each set's items 0, 1, 2… in their current order.
UPDATE set_items SET position = r.n
    FROM (SELECT id, row_number() OVER (PARTITION BY set_id ORDER BY position, id) - 1 AS n FROM set_items) r
    WHERE r.id = set_items.id;
