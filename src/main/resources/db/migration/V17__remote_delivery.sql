-- A source that pulls its deliveries from the district's (or vendor's) SFTP server instead of, or besides, uploading
-- to ours. Secrets are sealed with AES-256-GCM under the instance's secret key (never stored in plain text); the host
-- key fingerprint is pinned on first contact, so that a server that changes its key is refused.
CREATE TABLE remote_delivery (
    source_id               uuid        PRIMARY KEY REFERENCES source (id),
    enabled                 boolean     NOT NULL DEFAULT false,
    host                    text,
    port                    int         NOT NULL DEFAULT 22,
    username                text,
    password_sealed         bytea,
    private_key_sealed      bytea,
    passphrase_sealed       bytea,
    host_key_fingerprint    text,
    folder                  text,
    patterns                text[]      NOT NULL,
    delete_after_fetch      boolean     NOT NULL DEFAULT false,
    connect_timeout_seconds int,
    retries                 int,
    changed_at              timestamptz NOT NULL DEFAULT now()
);
