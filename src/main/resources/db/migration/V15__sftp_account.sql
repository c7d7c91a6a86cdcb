-- A source's hosted SFTP account beyond its username: whether it may log in, from which networks, with a password
-- (optional once it has a key) and with which public keys. Credentials are read at every login, so a change applies at
-- once, and the server closes open sessions whose credential or address the change no longer admits.
ALTER TABLE source ALTER COLUMN sftp_password_hash DROP NOT NULL;
ALTER TABLE source
    ADD COLUMN sftp_enabled             boolean     NOT NULL DEFAULT true,
    ADD COLUMN sftp_password_changed_at timestamptz,
    ADD COLUMN sftp_allowed_networks    text[]      NOT NULL DEFAULT '{}',
    ADD COLUMN sftp_changed_at          timestamptz;
UPDATE source SET sftp_password_changed_at = created_at, sftp_changed_at = created_at;
ALTER TABLE source ALTER COLUMN sftp_changed_at SET NOT NULL, ALTER COLUMN sftp_changed_at SET DEFAULT now();

-- OpenSSH public keys, in the order the operator listed them, stored as the key type and base64 blob of an authorized_keys line (no options).
CREATE TABLE sftp_authorized_key (
    source_id   uuid        NOT NULL REFERENCES source (id),
    fingerprint text        NOT NULL,
    key_type    text        NOT NULL,
    public_key  text        NOT NULL,
    comment     text,
    position    int         NOT NULL,
    added_at    timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (source_id, fingerprint)
);
