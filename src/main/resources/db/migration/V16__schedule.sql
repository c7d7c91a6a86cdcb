-- A source's schedule (its text form; NULL: the default, 02:00 America/New_York every day) and its next timed run.
-- next_run_planned is false until an instance has computed next_run_at from the schedule (a new source, or this
-- migration's existing ones); NULL next_run_at then means no timed run is due.
ALTER TABLE source ADD COLUMN schedule jsonb;
ALTER TABLE source ADD COLUMN next_run_at timestamptz;
ALTER TABLE source ADD COLUMN next_run_planned boolean NOT NULL DEFAULT false;
CREATE INDEX source_next_run ON source (next_run_at) WHERE next_run_at IS NOT NULL;

-- What started a run; the instant a timed run was scheduled for; what the delivery it read was (a digest of its
-- files' names and SHA-256s, to tell a new delivery from the last one); and the instance executing it (the key of a
-- PostgreSQL advisory lock that instance holds while it lives, so that any other instance can tell it is gone).
ALTER TABLE run ADD COLUMN trigger text NOT NULL DEFAULT 'manual' CHECK (trigger IN ('manual', 'schedule', 'arrival'));
ALTER TABLE run ADD COLUMN scheduled_for timestamptz;
ALTER TABLE run ADD COLUMN delivery_fingerprint text;
ALTER TABLE run ADD COLUMN executor bigint;
CREATE INDEX run_unfinished ON run (created_at) WHERE status IN ('queued', 'running');
