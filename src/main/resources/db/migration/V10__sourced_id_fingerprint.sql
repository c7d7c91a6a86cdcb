-- The 64-bit fingerprint of each record's sourcedId, kept so that a run reads the roster as numbers, not strings.
-- Rows written before have none: a run computes it from the sourcedId and rewrites the row once.
ALTER TABLE roster_org ADD COLUMN sourced_id_fp bigint;
ALTER TABLE roster_academic_session ADD COLUMN sourced_id_fp bigint;
ALTER TABLE roster_course ADD COLUMN sourced_id_fp bigint;
ALTER TABLE roster_class ADD COLUMN sourced_id_fp bigint;
ALTER TABLE roster_user ADD COLUMN sourced_id_fp bigint;
ALTER TABLE roster_demographics ADD COLUMN sourced_id_fp bigint;
ALTER TABLE roster_enrollment ADD COLUMN sourced_id_fp bigint;
