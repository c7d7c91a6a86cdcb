-- Operators have a role: admin (every tenant, manages operators) or tenant_operator (one tenant's sources and runs).
-- Failed console logins are counted per operator; too many in a row lock the account for a while.
ALTER TABLE operator
    ADD COLUMN role          text NOT NULL DEFAULT 'admin',
    ADD COLUMN tenant_id     uuid REFERENCES tenant (id),
    ADD COLUMN failed_logins int  NOT NULL DEFAULT 0,
    ADD COLUMN locked_until  timestamptz,
    ADD CONSTRAINT operator_role CHECK (role IN ('admin', 'tenant_operator')),
    ADD CONSTRAINT operator_role_tenant CHECK ((role = 'admin') = (tenant_id IS NULL));

-- Signed-in console sessions. The cookie holds a random token; only its SHA-256 is stored, so a copy of this table
-- signs nobody in. Each session has its own token for forms (CSRF).
CREATE TABLE console_session (
    token_sha256 text PRIMARY KEY,
    username     text        NOT NULL REFERENCES operator (username) ON DELETE CASCADE,
    csrf_token   text        NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now(),
    last_seen_at timestamptz NOT NULL DEFAULT now(),
    expires_at   timestamptz NOT NULL
);
CREATE INDEX console_session_username ON console_session (username);
