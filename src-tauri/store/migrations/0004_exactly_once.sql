-- Version 4: the outbox keeps its promise of "exactly once" under real conditions.
--
-- * Change ids are never reused (AUTOINCREMENT), and each change carries a key unique to
--   this installation (`change_key`), which is what an order's cart is named after. The
--   changes already queued keep the key their cart was named with before (`change-<id>`).
-- * A change can be `parked`: it needs the user (a password the keychain lost, an order
--   whose fate OVHcloud cannot tell) and is never sent until they act.
-- * An order records its cart before checking it out (`cart_id`), and when its checkout
--   went out (`checkout_sent_at`) with the price it expected, so a lost answer is
--   recovered from OVHcloud's list of orders instead of ordering again.
-- * `not_before`: a change OVHcloud said it is busy with waits until then.
-- * `acknowledged_at`: the user has seen a failed change (it stops failing `seatkeeper sync`).
-- SQLite cannot change a CHECK or add AUTOINCREMENT in place: the table is rebuilt.
CREATE TABLE pending_changes_v4 (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    account_id       INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    group_id         INTEGER REFERENCES licence_groups (id) ON DELETE CASCADE,
    licence_id       INTEGER REFERENCES licences (id) ON DELETE CASCADE,
    kind             TEXT NOT NULL CHECK (kind IN
                         ('activate', 'editAccount', 'changePassword', 'free', 'renameGroup', 'order')),
    payload          TEXT NOT NULL CHECK (json_valid(payload)),  -- never a password: those wait in the keychain
    state            TEXT NOT NULL CHECK (state IN
                         ('queued', 'sending', 'waitingRemote', 'done', 'failed', 'parked')),
    attempts         INTEGER NOT NULL DEFAULT 0,
    last_error       TEXT,
    remote_ref       TEXT,                       -- task:N, order:N once known
    created_at       TEXT NOT NULL,
    updated_at       TEXT NOT NULL,
    undo             TEXT CHECK (undo IS NULL OR json_valid(undo)),
    change_key       TEXT NOT NULL UNIQUE,
    cart_id          TEXT,
    checkout_sent_at TEXT,
    expected_price   INTEGER,                    -- micro-cents without tax, from the checkout preview
    not_before       TEXT,
    acknowledged_at  TEXT,
    parked_reason    TEXT CHECK (parked_reason IN ('passwordMissing', 'keychainUnavailable', 'orderUnknown', 'notPlannable')),
    CHECK ((state = 'parked') = (parked_reason IS NOT NULL))
) STRICT;

INSERT INTO pending_changes_v4 (id, account_id, group_id, licence_id, kind, payload, state, attempts, last_error,
                                remote_ref, created_at, updated_at, undo, change_key)
SELECT id, account_id, group_id, licence_id, kind, payload, state, attempts, last_error, remote_ref, created_at,
       updated_at, undo, 'change-' || id
FROM pending_changes;

DROP TABLE pending_changes;
ALTER TABLE pending_changes_v4 RENAME TO pending_changes;
CREATE INDEX pending_changes_open ON pending_changes (state, id) WHERE state <> 'done';
CREATE INDEX pending_changes_by_group ON pending_changes (group_id, state);
CREATE INDEX pending_changes_by_licence ON pending_changes (licence_id, state);

-- A group OVHcloud could not be read for at the last sync (expired, gone): why, and since when.
ALTER TABLE licence_groups ADD COLUMN sync_error TEXT;
ALTER TABLE licence_groups ADD COLUMN sync_error_at TEXT;
