-- Set in the same transaction as the roster's changes: a run interrupted after its commit is known to be applied.
ALTER TABLE run ADD COLUMN applied_at timestamptz;
