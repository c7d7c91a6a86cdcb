-- What each run changed in the roster, record by record (issue 20): the records it changed, withdrew and restored, with
-- each changed field before and after, written in the run's own transaction. The records a run inserted are not
-- copied here: each roster record carries the run that inserted it (inserted_by), so that a first night's million
-- inserts cost a column of COPY, not a second table and its indexes. A held run, whose writes are rolled back, keeps
-- all four kinds here, inserts included: what approving it would do.
ALTER TABLE roster_org ADD COLUMN inserted_by uuid;
ALTER TABLE roster_academic_session ADD COLUMN inserted_by uuid;
ALTER TABLE roster_course ADD COLUMN inserted_by uuid;
ALTER TABLE roster_class ADD COLUMN inserted_by uuid;
ALTER TABLE roster_user ADD COLUMN inserted_by uuid;
ALTER TABLE roster_demographics ADD COLUMN inserted_by uuid;
ALTER TABLE roster_enrollment ADD COLUMN inserted_by uuid;

CREATE TABLE run_change (
    -- no foreign key to run: runs are never deleted, and a withdrawal of many records would check it once each
    run_id     uuid NOT NULL,
    tenant_id  uuid NOT NULL,
    source_id  uuid NOT NULL,
    file       text NOT NULL,
    op         text NOT NULL CHECK (op IN ('inserted', 'changed', 'withdrawn', 'restored')),
    sourced_id text COLLATE "C" NOT NULL,
    -- the record's name or title, and its school, as the run wrote it: a page shows them without reading the roster
    name       text,
    school     text,
    -- a change's fields, by CSV column name: {"givenName": ["before", "after"], ...}; null for an insert or a withdrawal
    fields     jsonb,
    PRIMARY KEY (run_id, file, sourced_id)
);
-- a record's history: the runs that changed, withdrew or restored it
CREATE INDEX run_change_record ON run_change (tenant_id, sourced_id);
