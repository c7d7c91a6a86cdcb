-- A tenant's roster stamp: raised in the transaction of every run that commits roster changes, so that a reader can
-- tell whether what it counted before is still the roster now (the API's X-Total-Count cache, roster.Counts).
-- One row per tenant: two sources of one tenant committing at once take turns on it for the moment of their commits,
-- which is what makes the stamp's order the commits' order. Like the roster tables, it names the tenant without a
-- foreign key: the roster store sits below tenants.
CREATE TABLE roster_stamp (
    tenant_id uuid PRIMARY KEY,
    stamp     bigint NOT NULL
);
