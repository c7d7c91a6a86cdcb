-- A source's safeguards; null follows the defaults (hold a run that deletes over 10% or changes over 75% of an entity).
ALTER TABLE source ADD COLUMN safeguards jsonb;

-- The settings a run computed with (JSON), so that approving a held run applies exactly what was computed,
-- and who approved or discarded it.
ALTER TABLE run ADD COLUMN settings text;
ALTER TABLE run ADD COLUMN decided_by text;
ALTER TABLE run ADD COLUMN decided_at timestamptz;

-- Per file: records restored from tobedeleted, and the entity's active records before the run (the safeguards' base).
ALTER TABLE run_file ADD COLUMN restored bigint NOT NULL DEFAULT 0;
ALTER TABLE run_file ADD COLUMN active_before bigint NOT NULL DEFAULT 0;
