-- How long each phase of a run took.
CREATE TABLE run_phase (
    run_id   uuid    NOT NULL REFERENCES run (id),
    position integer NOT NULL,
    name     text    NOT NULL,
    millis   bigint  NOT NULL,
    PRIMARY KEY (run_id, position)
);

-- Per file: milliseconds spent reading and checking the rows (streamed into staging as they go), and merging them.
ALTER TABLE run_file ADD COLUMN read_millis bigint NOT NULL DEFAULT 0;
ALTER TABLE run_file ADD COLUMN merge_millis bigint NOT NULL DEFAULT 0;

-- While a run goes: the file it reads and how many rows it has read.
ALTER TABLE run ADD COLUMN progress_file text;
ALTER TABLE run ADD COLUMN progress_rows bigint;

-- When the run's archive (the frozen delivery) was removed, past its keeping time.
ALTER TABLE run ADD COLUMN archive_removed_at timestamptz;
