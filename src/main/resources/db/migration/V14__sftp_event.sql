-- The SFTP audit trail: logins (success or failure) and uploads completed, aborted, refused, renamed or deleted.
-- Never file contents or passwords. A failed login for an unknown username has no source.
CREATE TABLE sftp_event (
    id        bigserial PRIMARY KEY,
    at        timestamptz NOT NULL DEFAULT now(),
    tenant_id uuid REFERENCES tenant (id),
    source_id uuid REFERENCES source (id),
    kind      text        NOT NULL,
    username  text,
    address   text,
    method    text,
    file      text,
    size      bigint,
    sha256    text,
    detail    text
);
CREATE INDEX sftp_event_source ON sftp_event (source_id, at DESC, id DESC);
