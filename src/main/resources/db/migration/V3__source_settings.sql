-- A source's data requirements: per entity and attribute, the rule that differs from the default
-- ({"users": {"email": "skip"}}); the defaults live in the code, next to the schemas they derive from.
ALTER TABLE source ADD COLUMN data_requirements jsonb NOT NULL DEFAULT '{}';
