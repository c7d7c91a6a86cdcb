-- One index per roster table instead of two: the primary key leads with (tenant, sourcedId), so it serves the API's
-- lookups and pages (WHERE tenant_id = ? [AND sourced_id = ?] ORDER BY sourced_id, source_id) as well as the runs'
-- writes (tenant, source and sourcedId all given). Every row written pays for one index, not two.
-- Pages keep 10% free, so that a nightly update can stay on its page (a HOT update: no index entry to write).
DROP INDEX roster_org_page;
ALTER TABLE roster_org DROP CONSTRAINT roster_org_pkey;
ALTER TABLE roster_org ADD PRIMARY KEY (tenant_id, sourced_id, source_id);
ALTER TABLE roster_org SET (fillfactor = 90);
DROP INDEX roster_academic_session_page;
ALTER TABLE roster_academic_session DROP CONSTRAINT roster_academic_session_pkey;
ALTER TABLE roster_academic_session ADD PRIMARY KEY (tenant_id, sourced_id, source_id);
ALTER TABLE roster_academic_session SET (fillfactor = 90);
DROP INDEX roster_course_page;
ALTER TABLE roster_course DROP CONSTRAINT roster_course_pkey;
ALTER TABLE roster_course ADD PRIMARY KEY (tenant_id, sourced_id, source_id);
ALTER TABLE roster_course SET (fillfactor = 90);
DROP INDEX roster_class_page;
ALTER TABLE roster_class DROP CONSTRAINT roster_class_pkey;
ALTER TABLE roster_class ADD PRIMARY KEY (tenant_id, sourced_id, source_id);
ALTER TABLE roster_class SET (fillfactor = 90);
DROP INDEX roster_user_page;
ALTER TABLE roster_user DROP CONSTRAINT roster_user_pkey;
ALTER TABLE roster_user ADD PRIMARY KEY (tenant_id, sourced_id, source_id);
ALTER TABLE roster_user SET (fillfactor = 90);
DROP INDEX roster_demographics_page;
ALTER TABLE roster_demographics DROP CONSTRAINT roster_demographics_pkey;
ALTER TABLE roster_demographics ADD PRIMARY KEY (tenant_id, sourced_id, source_id);
ALTER TABLE roster_demographics SET (fillfactor = 90);
DROP INDEX roster_enrollment_page;
ALTER TABLE roster_enrollment DROP CONSTRAINT roster_enrollment_pkey;
ALTER TABLE roster_enrollment ADD PRIMARY KEY (tenant_id, sourced_id, source_id);
ALTER TABLE roster_enrollment SET (fillfactor = 90);
