-- sourcedIds are opaque, case-sensitive strings: compared byte by byte (COLLATE "C", which for UTF-8 is also code
-- point order) instead of through the locale, the primary key takes new rows faster and pages sort the same.
ALTER TABLE roster_org ALTER COLUMN sourced_id TYPE text COLLATE "C";
ALTER TABLE roster_academic_session ALTER COLUMN sourced_id TYPE text COLLATE "C";
ALTER TABLE roster_course ALTER COLUMN sourced_id TYPE text COLLATE "C";
ALTER TABLE roster_class ALTER COLUMN sourced_id TYPE text COLLATE "C";
ALTER TABLE roster_user ALTER COLUMN sourced_id TYPE text COLLATE "C";
ALTER TABLE roster_demographics ALTER COLUMN sourced_id TYPE text COLLATE "C";
ALTER TABLE roster_enrollment ALTER COLUMN sourced_id TYPE text COLLATE "C";
