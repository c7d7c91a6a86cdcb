-- Operators' API tokens, for their scripts: a random token of 256 bits, shown once and stored only as its SHA-256 (a
-- copy of this table signs nobody in). A revoked token's row is deleted: nothing can match it again. Removing the
-- operator removes its tokens.
CREATE TABLE operator_token (
    id           uuid PRIMARY KEY,
    username     text        NOT NULL REFERENCES operator (username) ON DELETE CASCADE,
    name         text        NOT NULL,
    token_sha256 text        NOT NULL UNIQUE,
    created_at   timestamptz NOT NULL DEFAULT now(),
    last_used_at timestamptz
);
CREATE INDEX operator_token_username ON operator_token (username);

-- The settings audit log: who changed which setting of a tenant or one of its sources, when, and each field before and
-- after (a secret only as "set", "changed" or "not set"). Written in the transaction of the change itself. The
-- operator's name is kept as text: the record outlives the operator. tenant_id is null only for admins' own accounts.
CREATE TABLE setting_change (
    id         bigserial PRIMARY KEY,
    tenant_id  uuid REFERENCES tenant (id) ON DELETE CASCADE,
    source_id  uuid REFERENCES source (id) ON DELETE CASCADE,
    changed_at timestamptz NOT NULL DEFAULT now(),
    changed_by text        NOT NULL,
    setting    text        NOT NULL,
    fields     jsonb       NOT NULL
);
CREATE INDEX setting_change_tenant ON setting_change (tenant_id, id);
CREATE INDEX setting_change_source ON setting_change (source_id, id) WHERE source_id IS NOT NULL;
