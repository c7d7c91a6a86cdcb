-- A record written by a bulk file is dated by its run: now() is the run's transaction time, so COPY leaves the column
-- out instead of sending (and the server parsing) the same timestamp on every row.
ALTER TABLE roster_org ALTER COLUMN date_last_modified SET DEFAULT now();
ALTER TABLE roster_academic_session ALTER COLUMN date_last_modified SET DEFAULT now();
ALTER TABLE roster_course ALTER COLUMN date_last_modified SET DEFAULT now();
ALTER TABLE roster_class ALTER COLUMN date_last_modified SET DEFAULT now();
ALTER TABLE roster_user ALTER COLUMN date_last_modified SET DEFAULT now();
ALTER TABLE roster_demographics ALTER COLUMN date_last_modified SET DEFAULT now();
ALTER TABLE roster_enrollment ALTER COLUMN date_last_modified SET DEFAULT now();
