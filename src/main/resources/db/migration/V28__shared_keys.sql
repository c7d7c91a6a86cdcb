-- The keys each live instance holds, as check values (never the keys): the sealing key, the token key, the SFTP host
-- keys. Instances sharing this database must hold the same ones, so a start with another is refused while an instance
-- holding the first is alive (database.SharedKeys). Rows of instances that are gone (their liveness lock is free) are
-- removed by the next start that looks.
CREATE TABLE shared_key (
    instance    bigint      NOT NULL,
    setting     text        NOT NULL,
    check_value text        NOT NULL,
    host        text        NOT NULL,
    started_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (instance, setting)
);
