-- Version 2: one lower-cased text per licence for the licence list's search box,
-- computed by SQLite so it can never disagree with the columns it is made of.
ALTER TABLE licences ADD COLUMN search_text TEXT GENERATED ALWAYS AS (
    lower(coalesce(first_name, '') || ' ' || coalesce(last_name, '') || ' ' ||
          coalesce(activation_email, '') || ' ' || remote_id)
) VIRTUAL;
