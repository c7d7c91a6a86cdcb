-- A 64-bit hash of each record's content as last written: a run compares it with the delivered row's and writes only
-- what changed. Rows written before have none, and are rewritten once.
ALTER TABLE roster_org ADD COLUMN row_hash bigint;
ALTER TABLE roster_academic_session ADD COLUMN row_hash bigint;
ALTER TABLE roster_course ADD COLUMN row_hash bigint;
ALTER TABLE roster_class ADD COLUMN row_hash bigint;
ALTER TABLE roster_user ADD COLUMN row_hash bigint;
ALTER TABLE roster_demographics ADD COLUMN row_hash bigint;
ALTER TABLE roster_enrollment ADD COLUMN row_hash bigint;
