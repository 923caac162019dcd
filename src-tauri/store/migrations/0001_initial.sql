-- Seatkeeper schema, version 1.
-- Dates are ISO 8601 text: days as YYYY-MM-DD, instants as RFC 3339 in UTC.
-- Secrets never live here: accounts keep only what identifies them.

CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) STRICT;

-- An OVHcloud account the user connected (or the sample account).
CREATE TABLE accounts (
    id              INTEGER PRIMARY KEY,
    label           TEXT NOT NULL UNIQUE CHECK (length(trim(label)) > 0),
    endpoint        TEXT NOT NULL,               -- ovh-eu | ovh-ca | ovh-us | a base URL
    application_key TEXT NOT NULL,
    nic             TEXT,                        -- the OVHcloud account id, once known
    is_sample       INTEGER NOT NULL DEFAULT 0 CHECK (is_sample IN (0, 1)),
    created_at      TEXT NOT NULL
) STRICT;

CREATE TABLE licence_groups (
    id               INTEGER PRIMARY KEY,
    account_id       INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    family           TEXT NOT NULL CHECK (family IN ('prepaid', 'payAsYouGo')),
    service_name     TEXT NOT NULL CHECK (length(service_name) > 0),
    display_name     TEXT NOT NULL,
    offer            TEXT NOT NULL CHECK (offer IN ('officeBusiness', 'officeProPlus')),
    status           TEXT NOT NULL,              -- as OVHcloud reports it (ok, suspended, …)
    domain           TEXT,
    created_on       TEXT,
    next_payment_on  TEXT,
    renewal_period   TEXT,                       -- ISO 8601 duration: P1M, P1Y
    mca_agreed       INTEGER NOT NULL DEFAULT 0 CHECK (mca_agreed IN (0, 1)),
    synced_at        TEXT,
    UNIQUE (account_id, service_name)
) STRICT;

CREATE TABLE licences (
    id               INTEGER PRIMARY KEY,
    group_id         INTEGER NOT NULL REFERENCES licence_groups (id) ON DELETE CASCADE,
    remote_id        TEXT NOT NULL,              -- prepaid: {tenant}-{n}; pay-as-you-go: activation e-mail
    licence_type     TEXT NOT NULL CHECK (licence_type IN ('officeBusiness', 'officeProPlus')),
    state            TEXT NOT NULL,              -- OVHcloud's status, kept as it comes
    is_virtual       INTEGER NOT NULL DEFAULT 0 CHECK (is_virtual IN (0, 1)),  -- an unconfigured slot
    first_name       TEXT,
    last_name        TEXT,
    login            TEXT,
    activation_email TEXT,
    usage_location   TEXT,
    pending_task_id  INTEGER,
    updated_at       TEXT NOT NULL,
    UNIQUE (group_id, remote_id)
) STRICT;
CREATE INDEX licences_by_group_name ON licences (group_id, last_name, first_name);
CREATE INDEX licences_by_group_state ON licences (group_id, state, is_virtual);

-- The installs ledger: one row per device a licence user installed the suite on.
CREATE TABLE installs (
    id            INTEGER PRIMARY KEY,
    licence_id    INTEGER NOT NULL REFERENCES licences (id) ON DELETE CASCADE,
    kind          TEXT NOT NULL CHECK (kind IN ('computer', 'tablet', 'phone')),
    device_name   TEXT NOT NULL CHECK (length(trim(device_name)) > 0),
    installed_on  TEXT NOT NULL,
    signed_out_on TEXT
) STRICT;
CREATE INDEX installs_in_use ON installs (licence_id, kind) WHERE signed_out_on IS NULL;

-- The database itself refuses a sixth device of a kind, whatever code path writes.
CREATE TRIGGER installs_at_most_five_per_kind
BEFORE INSERT ON installs
WHEN NEW.signed_out_on IS NULL AND (
    SELECT count(*) FROM installs
    WHERE licence_id = NEW.licence_id AND kind = NEW.kind AND signed_out_on IS NULL
) >= 5
BEGIN
    SELECT RAISE(ABORT, 'install.limit');
END;

CREATE TABLE orders (
    id              INTEGER PRIMARY KEY,
    account_id      INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    group_id        INTEGER REFERENCES licence_groups (id) ON DELETE CASCADE,  -- NULL: a new group
    licence_type    TEXT NOT NULL CHECK (licence_type IN ('officeBusiness', 'officeProPlus')),
    renewal_period  TEXT NOT NULL,
    quantity        INTEGER NOT NULL CHECK (quantity > 0),
    state           TEXT NOT NULL CHECK (state IN
                        ('queued', 'sent', 'awaitingPayment', 'paid', 'delivered', 'cancelled', 'failed')),
    remote_order_id INTEGER,
    payment_url     TEXT,
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL
) STRICT;
CREATE INDEX orders_by_group ON orders (group_id, state);

-- The outbox: every change made in the app waits here until OVHcloud confirms it.
CREATE TABLE pending_changes (
    id          INTEGER PRIMARY KEY,
    account_id  INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    group_id    INTEGER REFERENCES licence_groups (id) ON DELETE CASCADE,
    licence_id  INTEGER REFERENCES licences (id) ON DELETE CASCADE,
    kind        TEXT NOT NULL,                   -- activate, editAccount, changePassword, free, renameGroup, order
    payload     TEXT NOT NULL CHECK (json_valid(payload)),  -- never a password: those wait in the keychain
    state       TEXT NOT NULL CHECK (state IN ('queued', 'sending', 'waitingRemote', 'done', 'failed')),
    attempts    INTEGER NOT NULL DEFAULT 0,
    last_error  TEXT,
    remote_ref  TEXT,                            -- task id, cart id, … once known
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
) STRICT;
CREATE INDEX pending_changes_open ON pending_changes (state, id) WHERE state <> 'done';
CREATE INDEX pending_changes_by_group ON pending_changes (group_id, state);

-- Append-only audit of every change, user-made or synced.
CREATE TABLE history (
    id          INTEGER PRIMARY KEY,
    at          TEXT NOT NULL,
    account_id  INTEGER REFERENCES accounts (id) ON DELETE CASCADE,
    group_id    INTEGER REFERENCES licence_groups (id) ON DELETE CASCADE,
    licence_id  INTEGER REFERENCES licences (id) ON DELETE SET NULL,
    origin      TEXT NOT NULL CHECK (origin IN ('user', 'sync', 'sample')),
    kind        TEXT NOT NULL,
    details     TEXT NOT NULL CHECK (json_valid(details))
) STRICT;
CREATE INDEX history_by_group ON history (group_id, id DESC);
CREATE INDEX history_by_licence ON history (licence_id, id DESC);
CREATE TRIGGER history_is_append_only
BEFORE UPDATE ON history
BEGIN
    SELECT RAISE(ABORT, 'history is append-only');
END;

-- OVHcloud's daily usage statistics, per licence type.
CREATE TABLE usage_stats (
    group_id       INTEGER NOT NULL REFERENCES licence_groups (id) ON DELETE CASCADE,
    day            TEXT NOT NULL,
    licence_type   TEXT NOT NULL CHECK (licence_type IN ('officeBusiness', 'officeProPlus')),
    end_of_day     INTEGER NOT NULL CHECK (end_of_day >= 0),
    peak           INTEGER NOT NULL CHECK (peak >= 0),
    PRIMARY KEY (group_id, day, licence_type)
) STRICT, WITHOUT ROWID;

-- Catalog prices per licence per month, in OVHcloud's micro-cents (priceInUcents).
CREATE TABLE prices (
    account_id      INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    plan_code       TEXT NOT NULL,
    licence_type    TEXT NOT NULL CHECK (licence_type IN ('officeBusiness', 'officeProPlus')),
    renewal_period  TEXT NOT NULL,
    price_ucents    INTEGER NOT NULL CHECK (price_ucents >= 0),
    currency        TEXT NOT NULL,
    PRIMARY KEY (account_id, plan_code, renewal_period)
) STRICT;
