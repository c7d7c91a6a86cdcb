-- Who fixes a source's data at the SIS (the SIS vendor or the district's SIS team), apart from the operators who hear
-- about runs: their text form; NULL: nobody.
ALTER TABLE source ADD COLUMN vendor_contacts jsonb;

-- The report of a run's issues for those contacts goes through the outbox like every email. Its CSV of the affected rows
-- is written from the run's issues when the email is sent (a run may have 100,000 issues), under this file name.
ALTER TABLE email DROP CONSTRAINT email_kind_check;
ALTER TABLE email ADD CONSTRAINT email_kind_check CHECK (kind IN ('run', 'digest', 'vendor_report'));
ALTER TABLE email ADD COLUMN issues_attachment text;

-- A run's report is sent to the vendor contacts automatically once (the claim), whichever instance gets there first.
CREATE TABLE vendor_report_claim (
    run_id     uuid        PRIMARY KEY REFERENCES run (id),
    claimed_at timestamptz NOT NULL DEFAULT now()
);
-- Runs that ended before this migration are not reported automatically.
INSERT INTO vendor_report_claim (run_id) SELECT id FROM run WHERE finished_at IS NOT NULL;
