-- Version 5: the product's words in the schema too. An unconfigured prepaid licence is
-- an "empty slot" everywhere outside the OVHcloud client (which keeps OVHcloud's
-- `isVirtual`). Indexes follow the renamed column.
ALTER TABLE licences RENAME COLUMN is_virtual TO is_empty_slot;
