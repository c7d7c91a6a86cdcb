-- The OneRoster API's nested reads and its most common filter, found through an index instead of a scan of the tenant.
-- Kept to the reads that would otherwise scan the largest tables (users and enrollments grow with students): every
-- index is paid for by each row a run writes, and the small tables (orgs, sessions, courses) scan in no time.
-- /schools/{id}/students and /teachers, and orgs.sourcedId filters: users whose orgs hold the school.
CREATE INDEX roster_user_orgs ON roster_user USING gin (org_sourced_ids);
-- filter=familyName='...'
CREATE INDEX roster_user_family_name ON roster_user (tenant_id, family_name);
-- /classes/{id}/students and /teachers, /schools/{id}/classes/{id}/enrollments
CREATE INDEX roster_enrollment_class ON roster_enrollment (tenant_id, class_sourced_id);
-- /users/{id}/classes (and students', teachers')
CREATE INDEX roster_enrollment_user ON roster_enrollment (tenant_id, user_sourced_id);
-- /schools/{id}/classes
CREATE INDEX roster_class_school ON roster_class (tenant_id, school_sourced_id);
