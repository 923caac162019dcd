-- Version 8: the parts of a group OVHcloud did not give at the last read — its renewal
-- (serviceInfos), its domains, its usage statistics — and why (error::PartUnread, JSON):
-- the rest of the group was read, and that part keeps what was read before.
CREATE TABLE group_parts_unread (
    group_id  INTEGER NOT NULL REFERENCES licence_groups (id) ON DELETE CASCADE,
    part      TEXT NOT NULL CHECK (part IN ('renewal', 'domains', 'usage')),
    problem   TEXT NOT NULL CHECK (json_valid(problem)),
    -- The first read that failed, of those since the last that succeeded.
    since     TEXT NOT NULL,
    PRIMARY KEY (group_id, part)
) STRICT;
