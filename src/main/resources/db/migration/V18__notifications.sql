-- A source's notification settings (their text form; NULL: no emails).
ALTER TABLE source ADD COLUMN notifications jsonb;

-- The outbox: every email rostersync means to send, written in the transaction that decides to send it, then sent by
-- whichever instance locks it first, retried with backoff, and kept with its outcome for the operators to read.
CREATE TABLE email (
    id              uuid PRIMARY KEY,
    tenant_id       uuid        NOT NULL REFERENCES tenant (id),
    source_id       uuid        NOT NULL REFERENCES source (id),
    run_id          uuid REFERENCES run (id),
    kind            text        NOT NULL CHECK (kind IN ('run', 'digest')),
    recipients      text[]      NOT NULL,
    subject         text        NOT NULL,
    body            text        NOT NULL,
    urgent          boolean     NOT NULL DEFAULT false,
    status          text        NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'failed')),
    attempts        integer     NOT NULL DEFAULT 0,
    next_attempt_at timestamptz NOT NULL DEFAULT now(),
    last_error      text,
    created_at      timestamptz NOT NULL DEFAULT now(),
    sent_at         timestamptz
);
CREATE INDEX email_due ON email (next_attempt_at) WHERE status = 'pending';
CREATE INDEX email_source_created ON email (source_id, created_at DESC);

-- Each run's end is announced once per status it ends in (a held run that is approved ends again): the row is the
-- claim, so two instances never both announce it. Runs that ended before this migration are not announced.
CREATE TABLE run_notice (
    run_id     uuid        NOT NULL REFERENCES run (id),
    status     text        NOT NULL,
    noticed_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (run_id, status)
);
INSERT INTO run_notice (run_id, status) SELECT id, status FROM run WHERE finished_at IS NOT NULL;
CREATE INDEX run_finished ON run (finished_at) WHERE finished_at IS NOT NULL;

-- The daily digest of held runs, claimed once per source and local day by whichever instance gets there first.
CREATE TABLE held_digest (
    source_id  uuid        NOT NULL REFERENCES source (id),
    day        date        NOT NULL,
    claimed_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (source_id, day)
);
