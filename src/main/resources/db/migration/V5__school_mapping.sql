-- A source's school mapping: its mode (auto or explicit) and the schools it knows, each included or excluded, with an
-- optional display name and when the school was first and last delivered. Null: auto, no school known yet.
ALTER TABLE source ADD COLUMN school_mapping jsonb;
