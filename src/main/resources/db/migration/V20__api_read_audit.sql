-- The audit trail of OneRoster API reads: who read what, with which filter, how many records came back.
-- Append-only and written in batches; no foreign keys, so a write never waits on the tenant table's locks.
CREATE TABLE api_read (
    id            bigserial PRIMARY KEY,
    at            timestamptz NOT NULL,
    tenant_id     uuid        NOT NULL,
    client_id     text        NOT NULL,
    method        text        NOT NULL,
    path          text        NOT NULL,
    filter        text,
    query         text,
    status        integer     NOT NULL,
    rows_returned integer,
    address       text
);
-- Operators ask per tenant, newest first, optionally per client.
CREATE INDEX api_read_tenant_at ON api_read (tenant_id, at DESC, id DESC);
-- The purge deletes by age across tenants: rows arrive in time order, so a BRIN index finds them for almost no upkeep.
CREATE INDEX api_read_at ON api_read USING brin (at);
