-- Version 6: an incremental pull. What changes rarely is read on a schedule and after
-- it may have changed, not at every sync: when each group's details (name, status,
-- domain, service information, agreement) and usage statistics, and each account's
-- catalog, were last read. Cleared to have them read at the next sync.
ALTER TABLE licence_groups ADD COLUMN details_read_at TEXT;
ALTER TABLE licence_groups ADD COLUMN usage_read_at TEXT;
ALTER TABLE accounts ADD COLUMN catalog_read_at TEXT;
