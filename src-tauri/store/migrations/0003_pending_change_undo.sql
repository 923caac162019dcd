-- Version 3: what undoing a still-queued change restores (a JSON snapshot of the
-- rows it changed locally), and history that lets a deleted licence go.
ALTER TABLE pending_changes ADD COLUMN undo TEXT CHECK (undo IS NULL OR json_valid(undo));

-- History stays append-only, but a licence that an undone change had created may be
-- deleted: its history rows then lose their licence (ON DELETE SET NULL), and that one
-- update must get through.
DROP TRIGGER history_is_append_only;
CREATE TRIGGER history_is_append_only
BEFORE UPDATE OF id, at, account_id, group_id, origin, kind, details ON history
BEGIN
    SELECT RAISE(ABORT, 'history is append-only');
END;
CREATE TRIGGER history_licence_only_forgotten
BEFORE UPDATE OF licence_id ON history
WHEN NEW.licence_id IS NOT NULL
BEGIN
    SELECT RAISE(ABORT, 'history is append-only');
END;
