-- API clients get a name, the scopes they may be granted and what part of their tenant they may read (empty arrays: all
-- of it). A deleted client keeps its row (its id is never handed out again, and audit rows can still name it), but its
-- secrets are gone and every login and token of it is refused from then on.
ALTER TABLE api_client
    ADD COLUMN name               text   NOT NULL DEFAULT '',
    ADD COLUMN scopes             text[] NOT NULL DEFAULT ARRAY [
        'https://purl.imsglobal.org/spec/or/v1p1/scope/roster-core.readonly',
        'https://purl.imsglobal.org/spec/or/v1p1/scope/roster.readonly',
        'https://purl.imsglobal.org/spec/or/v1p1/scope/roster-demographics.readonly'],
    ADD COLUMN source_ids         uuid[] NOT NULL DEFAULT '{}',
    ADD COLUMN school_sourced_ids text[] NOT NULL DEFAULT '{}',
    -- OAuth 1.0a signs with the secret itself, so a digest cannot check it: the secret is also kept sealed (AES-256-GCM
    -- under the instance's secret key, never in the database). NULL: made before this migration, no OAuth 1.0a.
    ADD COLUMN secret_sealed      bytea,
    ADD COLUMN deleted_at         timestamptz;
ALTER TABLE api_client ALTER COLUMN secret_sha256 DROP NOT NULL;

-- OAuth 1.0a nonces seen within the timestamp window: a second request with the same client and nonce is a replay,
-- whichever instance it reaches. Rows older than the window are purged: their timestamps are refused anyway.
CREATE TABLE oauth_nonce (
    client_id text        NOT NULL,
    nonce     text        NOT NULL,
    timestamp bigint      NOT NULL,
    seen_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (client_id, nonce)
);
CREATE INDEX oauth_nonce_seen ON oauth_nonce (seen_at);
