-- Version 7: the rest of OVHcloud's workflow — the Microsoft Customer Agreement, how a
-- group renews, terminating a prepaid licence, pay-as-you-go domains, and reminders.

-- What OVHcloud's serviceInfos last said of the group's renewal (domain::Renewal, JSON).
ALTER TABLE licence_groups ADD COLUMN renewal TEXT CHECK (renewal IS NULL OR json_valid(renewal));
-- The Microsoft Customer Agreement page OVHcloud returned for this group, to sign.
ALTER TABLE licence_groups ADD COLUMN attestation_link TEXT;
ALTER TABLE licence_groups ADD COLUMN attestation_at TEXT;
-- Remind the user when the group has fewer free licences than this (NULL: never).
ALTER TABLE licence_groups ADD COLUMN free_seats_alert INTEGER CHECK (free_seats_alert IS NULL OR free_seats_alert >= 0);

-- A prepaid licence's termination: asked (OVHcloud e-mailed a token), then confirmed.
ALTER TABLE licences ADD COLUMN termination_requested_at TEXT;
ALTER TABLE licences ADD COLUMN terminated_at TEXT;
-- The day a confirmed termination takes effect, as OVHcloud said (YYYY-MM-DD).
ALTER TABLE licences ADD COLUMN ends_on TEXT;

-- The domains of a pay-as-you-go group, and whether Microsoft has verified them.
CREATE TABLE group_domains (
    group_id   INTEGER NOT NULL REFERENCES licence_groups (id) ON DELETE CASCADE,
    name       TEXT NOT NULL CHECK (length(name) > 0),
    status     TEXT NOT NULL,              -- as OVHcloud reports it: ok, unverified, …
    txt_entry  TEXT,
    PRIMARY KEY (group_id, name)
) STRICT;
INSERT INTO group_domains (group_id, name, status)
SELECT id, domain, 'ok' FROM licence_groups WHERE family = 'payAsYouGo' AND domain IS NOT NULL;

-- Reminders: each event once (its key), shown in the window and, when the user allows
-- it, as an OS notification (notified_at), until dismissed.
CREATE TABLE reminders (
    id           INTEGER PRIMARY KEY,
    key          TEXT NOT NULL UNIQUE,
    kind         TEXT NOT NULL CHECK (kind IN ('renewalSoon', 'commitmentEnds', 'freeSeatsLow', 'orderDelivered',
                                               'orderCancelled', 'changeFailed', 'agreementUnsigned')),
    account_id   INTEGER REFERENCES accounts (id) ON DELETE CASCADE,
    group_id     INTEGER REFERENCES licence_groups (id) ON DELETE CASCADE,
    details      TEXT NOT NULL CHECK (json_valid(details)),
    due_on       TEXT,
    created_at   TEXT NOT NULL,
    notified_at  TEXT,
    dismissed_at TEXT
) STRICT;
CREATE INDEX reminders_open ON reminders (dismissed_at, id);

-- New kinds of change. SQLite cannot change a CHECK in place: the table is rebuilt,
-- keeping ids and the AUTOINCREMENT counter (ids are never reused).
CREATE TABLE pending_changes_v7 (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    account_id       INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    group_id         INTEGER REFERENCES licence_groups (id) ON DELETE CASCADE,
    licence_id       INTEGER REFERENCES licences (id) ON DELETE CASCADE,
    kind             TEXT NOT NULL CHECK (kind IN
                         ('activate', 'editAccount', 'changePassword', 'free', 'renameGroup', 'order',
                          'setRenewal', 'acceptAgreement', 'confirmTermination')),
    payload          TEXT NOT NULL CHECK (json_valid(payload)),  -- never a password: those wait in the keychain
    state            TEXT NOT NULL CHECK (state IN
                         ('queued', 'sending', 'waitingRemote', 'done', 'failed', 'parked')),
    attempts         INTEGER NOT NULL DEFAULT 0,
    last_error       TEXT,
    remote_ref       TEXT,
    created_at       TEXT NOT NULL,
    updated_at       TEXT NOT NULL,
    undo             TEXT CHECK (undo IS NULL OR json_valid(undo)),
    change_key       TEXT NOT NULL UNIQUE,
    cart_id          TEXT,
    checkout_sent_at TEXT,
    expected_price   INTEGER,
    not_before       TEXT,
    acknowledged_at  TEXT,
    parked_reason    TEXT CHECK (parked_reason IN ('passwordMissing', 'keychainUnavailable', 'orderUnknown', 'notPlannable')),
    CHECK ((state = 'parked') = (parked_reason IS NOT NULL))
) STRICT;

INSERT INTO pending_changes_v7 SELECT * FROM pending_changes;
DELETE FROM sqlite_sequence WHERE name = 'pending_changes_v7';
INSERT INTO sqlite_sequence (name, seq)
SELECT 'pending_changes_v7', seq FROM sqlite_sequence WHERE name = 'pending_changes';
DROP TABLE pending_changes;
ALTER TABLE pending_changes_v7 RENAME TO pending_changes;
CREATE INDEX pending_changes_open ON pending_changes (state, id) WHERE state <> 'done';
CREATE INDEX pending_changes_by_group ON pending_changes (group_id, state);
CREATE INDEX pending_changes_by_licence ON pending_changes (licence_id, state);
