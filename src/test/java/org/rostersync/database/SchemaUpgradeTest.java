package org.rostersync.database;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationVersion;
import org.junit.jupiter.api.Test;
import org.rostersync.support.Fixture;
import org.rostersync.support.RunningApp;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A database made by every released schema version is migrated to the newest and read through the application.
 * <p>
 * One database is walked up step by step: migrated to V1, given the rows a V1 release wrote, migrated to V2, given V2's
 * new rows, and so on to the newest. Each migration thus runs over rows of every version before it, as it would over a
 * database a release of that version left (Flyway applies the missing migrations in order, each in its own
 * transaction, whether one or twenty are missing), at the cost of one migration each instead of a database per
 * version migrated the whole way (26 databases, about 20 times the work).
 */
class SchemaUpgradeTest {

    private static final UUID TENANT = UUID.fromString("00000000-0000-0000-0000-0000000000a1");
    private static final UUID SOURCE = UUID.fromString("00000000-0000-0000-0000-0000000000b1");
    private static final UUID RUN_V1 = UUID.fromString("00000000-0000-0000-0000-0000000000c1");
    private static final UUID RUN_V16 = UUID.fromString("00000000-0000-0000-0000-0000000000c2");

    /** The rows a release at each version wrote, in its schema (versions whose change added no table or column of note have none). */
    private static final Map<Integer, String> ROWS = Map.ofEntries(
            Map.entry(1, """
                    INSERT INTO tenant (id, name) VALUES ('%1$s', 'Upgrade district');
                    INSERT INTO source (id, tenant_id, name, sftp_username, sftp_password_hash)
                        VALUES ('%2$s', '%1$s', 'Upgrade SIS', 'sis-upgrade', 'not-a-hash');
                    INSERT INTO api_client (client_id, tenant_id, secret_sha256) VALUES ('old-client', '%1$s', 'ab12');
                    INSERT INTO delivery_file (source_id, name, size, sha256, received_at)
                        VALUES ('%2$s', 'users.csv', 10, 'cd34', now());
                    INSERT INTO run (id, tenant_id, source_id, status, started_at, finished_at, message)
                        VALUES ('%3$s', '%1$s', '%2$s', 'succeeded_with_issues', now(), now(), 'applied');
                    INSERT INTO run_file VALUES ('%3$s', 1, 'users.csv', 'bulk', 2, 2, 0, 0, 0, 0, 1, 0);
                    INSERT INTO run_issue (run_id, seq, file, line, sourced_id, column_name, code, outcome, message)
                        VALUES ('%3$s', 1, 'users.csv', 3, 'stu-001', 'email', 'row.invalid_email', 'error', 'not an email');
                    INSERT INTO roster_org (tenant_id, source_id, sourced_id, status, date_last_modified, name, type, identifier)
                        VALUES ('%1$s', '%2$s', 'org-sch-lincoln', 'active', now(), 'Lincoln (as V1 stored it)', 'school', '063375001');
                    INSERT INTO roster_user (tenant_id, source_id, sourced_id, status, date_last_modified, enabled_user,
                            org_sourced_ids, role, username, user_ids, given_name, family_name, grades)
                        VALUES ('%1$s', '%2$s', 'stu-001', 'active', now(), true, '{org-sch-lincoln}', 'student', 's001',
                            '[{"type": "SIS", "identifier": "100001"}]', 'Zoe', 'Old', '{03}'),
                               ('%1$s', '%2$s', 'old-only', 'active', now(), true, '{org-sch-lincoln}', 'student', 'old',
                            '[]', 'Only', 'InV1', '{03}');
                    INSERT INTO roster_enrollment (tenant_id, source_id, sourced_id, status, date_last_modified,
                            class_sourced_id, school_sourced_id, user_sourced_id, role, "primary")
                        VALUES ('%1$s', '%2$s', 'enr-old', 'active', now(), 'cls-old', 'org-sch-lincoln', 'stu-001', 'student', false);
                    """),
            Map.entry(2, "INSERT INTO run_issue (run_id, seq, file, line, code, outcome, message, value)"
                    + " VALUES ('%3$s', 2, 'users.csv', 4, 'row.invalid_date', 'error', 'not a date', '2020-13-01');"),
            Map.entry(3, "UPDATE source SET data_requirements = '{}' WHERE id = '%2$s';"),
            Map.entry(4, "UPDATE source SET safeguards = '{\"maxDeletedPercent\": 100, \"maxChangedPercent\": 100,"
                    + " \"neverDelete\": false}' WHERE id = '%2$s';"),
            Map.entry(7, "INSERT INTO run_phase VALUES ('%3$s', 1, 'read', 120);"),
            Map.entry(12, "UPDATE run SET applied_at = finished_at WHERE id = '%3$s';"),
            Map.entry(14, "INSERT INTO sftp_event (tenant_id, source_id, kind, username, address, file, size, sha256)"
                    + " VALUES ('%1$s', '%2$s', 'upload', 'sis-upgrade', '127.0.0.1', 'users.csv', 10, 'cd34');"),
            Map.entry(16, "INSERT INTO run (id, tenant_id, source_id, status, trigger, scheduled_for, started_at, finished_at)"
                    + " VALUES ('%4$s', '%1$s', '%2$s', 'no_new_delivery', 'schedule', now(), now(), now());"),
            Map.entry(18, "INSERT INTO email (id, tenant_id, source_id, run_id, kind, recipients, subject, body, status)"
                    + " VALUES (gen_random_uuid(), '%1$s', '%2$s', '%3$s', 'run', '{it@example.org}', 'Run ended', 'body', 'sent');"),
            Map.entry(20, "INSERT INTO api_read (at, tenant_id, client_id, method, path, status, rows_returned)"
                    + " VALUES (now(), '%1$s', 'old-client', 'GET', '/ims/oneroster/v1p1/users', 200, 2);"),
            Map.entry(22, "INSERT INTO roster_stamp VALUES ('%1$s', 1);"),
            Map.entry(23, "INSERT INTO operator (username, password_hash, role, tenant_id)"
                    + " VALUES ('district-it', 'not-a-hash', 'tenant_operator', '%1$s');"),
            Map.entry(24, "INSERT INTO run_change (run_id, tenant_id, source_id, file, op, sourced_id, name, fields)"
                    + " VALUES ('%3$s', '%1$s', '%2$s', 'users.csv', 'changed', 'stu-001', 'Zoe Old',"
                    + " '{\"familyName\": [\"Older\", \"Old\"]}');"),
            Map.entry(25, "INSERT INTO setting_change (tenant_id, source_id, changed_by, setting, fields)"
                    + " VALUES ('%1$s', '%2$s', 'admin', 'safeguards', '{}');"),
            Map.entry(26, "UPDATE source SET vendor_contacts = '[]' WHERE id = '%2$s';"));

    @Test
    void aDatabaseOfEverySchemaVersionMigratesToTheNewestAndReadsAndRunsThroughTheApplication() throws Exception {
        int newest = newestVersion();
        Path folder = Path.of("target", "test-postgres", "upgrade-" + UUID.randomUUID());
        try (EmbeddedPostgres server = EmbeddedPostgres.builder().setDataDirectory(folder).setCleanDataDirectory(true).start()) {
            String url = server.getJdbcUrl("postgres", "postgres");
            for (int version = 1; version <= newest; version++) {
                Flyway.configure().dataSource(url, "postgres", null).locations("classpath:db/migration")
                        .target(MigrationVersion.fromVersion(Integer.toString(version))).load().migrate();
                String rows = ROWS.get(version);
                if (rows != null) {
                    try (Connection c = server.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
                        s.execute(rows.formatted(TENANT, SOURCE, RUN_V1, RUN_V16));
                    }
                }
            }
            assertTrue(ROWS.keySet().stream().allMatch(v -> v <= newest));

            try (RunningApp.App app = RunningApp.startWith(Map.of("rostersync.db.url", url,
                    "rostersync.db.user", "postgres", "rostersync.db.password", "unused"))) {
                assertTrue(app.adminGet("/api/tenants").body().contains("Upgrade district"));
                RunningApp.Response run = app.adminGet("/api/runs/" + RUN_V1);
                assertEquals(200, run.status(), run.toString());
                assertEquals("succeeded_with_issues", run.map().get("status"));
                String issues = app.adminGet("/api/runs/" + RUN_V1 + "/issues").body();
                assertTrue(issues.contains("row.invalid_email") && issues.contains("2020-13-01"), issues);
                assertEquals(200, app.adminGet("/api/runs/" + RUN_V16).status());
                assertTrue(app.adminGet("/api/runs/" + RUN_V1 + "/changes").body().contains("stu-001"));

                RunningApp.Response client = app.adminPost("/api/tenants/" + TENANT + "/api-clients", null);
                assertEquals(201, client.status(), client.toString());
                Fixture f = new Fixture(app, TENANT, SOURCE, "sis-upgrade", null, (String) client.map().get("clientId"),
                        (String) client.map().get("clientSecret"));
                String users = f.oneRoster("/users?sort=sourcedId").body();
                assertTrue(users.contains("\"familyName\":\"Old\"") && users.contains("InV1"), users);
                assertTrue(f.oneRoster("/orgs/org-sch-lincoln").body().contains("Lincoln (as V1 stored it)"));

                // a run over the rows old releases wrote (no fingerprints, no hashes) compares them as any others
                f.deliver(Fixture.SAMPLE);
                assertEquals("succeeded", f.run().get("status"));
                users = f.oneRoster("/users/stu-001").body();
                assertTrue(users.contains("\"familyName\":\"Müller\""), users);
                assertTrue(f.oneRoster("/users/old-only").body().contains("tobedeleted"),
                        "a bulk file that no longer lists a V1 record withdraws it");
            }
        }
    }

    private static int newestVersion() throws Exception {
        try (Stream<Path> migrations = Files.list(Path.of("src", "main", "resources", "db", "migration"))) {
            return migrations.map(p -> p.getFileName().toString())
                    .mapToInt(n -> Integer.parseInt(n.substring(1, n.indexOf("__")))).max().orElseThrow();
        }
    }
}
