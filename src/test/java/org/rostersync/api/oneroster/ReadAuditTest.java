package org.rostersync.api.oneroster;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.rostersync.support.Fixture;
import org.rostersync.support.RunningApp;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every read of an authenticated API client is in its tenant's audit trail, which operators query. */
@ExtendWith(RunningApp.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReadAuditTest {

    private Fixture f;

    @BeforeAll
    void importSample(RunningApp.App app) {
        f = Fixture.create(app, "Audited district");
        f.deliver(Fixture.SAMPLE);
        assertEquals("succeeded", f.run().get("status"));
    }

    @Test
    void aReadIsRecordedWithClientPathFilterStatusRowsAndAddress(RunningApp.App app) {
        Instant before = Instant.now().minusSeconds(1);
        String filter = "status='active'";
        assertEquals(200, f.oneRoster("/users?limit=7&offset=3&filter=" + URLEncoder.encode(filter, StandardCharsets.UTF_8)).status());

        Map<String, Object> read = awaitReads(app, f.tenantId(), "clientId=" + f.clientId(), 1).get(0);
        assertEquals(f.clientId(), read.get("clientId"));
        assertEquals(f.tenantId().toString(), read.get("tenantId"));
        assertEquals("GET", read.get("method"));
        assertEquals("/ims/oneroster/v1p1/users", read.get("path"));
        assertEquals(filter, read.get("filter"));
        assertEquals("limit=7&offset=3&filter=" + filter, read.get("query"));
        assertEquals(200, read.get("status"));
        assertEquals(7, read.get("rowsReturned"));
        assertEquals("127.0.0.1", read.get("address"));
        Instant at = Instant.parse((String) read.get("at"));
        assertTrue(!at.isBefore(before) && !at.isAfter(Instant.now()), at.toString());
    }

    @Test
    void aReadWithControlCharactersIsRecordedVisiblyAndTheReadsAfterItToo(RunningApp.App app) {
        Fixture other = Fixture.create(app, "Audited district, odd filters");
        // PostgreSQL refuses NUL in text: recorded raw, it would have held up every read after it
        assertEquals(400, other.oneRoster("/users?filter=familyName%3D'a%00b%0Ac'").status());
        assertEquals(200, other.oneRoster("/users").status());

        List<Map<String, Object>> reads = awaitReads(app, other.tenantId(), "", 2);
        assertEquals("familyName='a\\u0000b\\u000ac'", reads.get(1).get("filter"));
        assertEquals("/ims/oneroster/v1p1/users", reads.get(0).get("path"));
    }

    @Test
    void singleRecordsAndMisses(RunningApp.App app) {
        Fixture other = Fixture.create(app, "Audited district, second client");
        assertEquals(404, other.oneRoster("/orgs/x").status(), "an unknown org");
        other.deliver(Fixture.SAMPLE);
        assertEquals("succeeded", other.run().get("status"));
        assertEquals(200, other.oneRoster("/orgs/org-district").status());

        List<Map<String, Object>> reads = awaitReads(app, other.tenantId(), "", 2);
        assertEquals("/ims/oneroster/v1p1/orgs/org-district", reads.get(0).get("path"), "newest first");
        assertEquals(1, reads.get(0).get("rowsReturned"));
        assertEquals("/ims/oneroster/v1p1/orgs/x", reads.get(1).get("path"));
        assertEquals(404, reads.get(1).get("status"));
        assertNull(reads.get(1).get("rowsReturned"), "an error returns no records");
        assertNull(reads.get(1).get("filter"));
        assertNull(reads.get(1).get("query"));
        assertTrue(adminList(app, f.tenantId(), "").stream().noneMatch(r -> other.clientId().equals(r.get("clientId"))),
                "a tenant's trail holds only its own clients");
    }

    @Test
    void theTrailIsFilteredByClientAndTimeAndLimited(RunningApp.App app) {
        Fixture t = Fixture.create(app, "Audited district, filters");
        RunningApp.Response second = app.adminPost("/api/tenants/" + t.tenantId() + "/api-clients", null);
        String secondId = (String) second.map().get("clientId");
        String secondSecret = (String) second.map().get("clientSecret");
        for (int i = 0; i < 3; i++) {
            assertEquals(200, t.oneRoster("/classes").status());
        }
        assertEquals(200, app.get("/ims/oneroster/v1p1/enrollments", secondId, secondSecret).status());
        awaitReads(app, t.tenantId(), "", 4);

        List<Map<String, Object>> ofSecond = adminList(app, t.tenantId(), "clientId=" + secondId);
        assertEquals(1, ofSecond.size());
        assertEquals("/ims/oneroster/v1p1/enrollments", ofSecond.get(0).get("path"));
        assertEquals(0, ofSecond.get(0).get("rowsReturned"), "no delivery yet: an empty page");
        assertEquals(2, adminList(app, t.tenantId(), "limit=2").size());
        Instant future = Instant.now().plus(Duration.ofHours(1));
        assertEquals(0, adminList(app, t.tenantId(), "from=" + future).size());
        assertEquals(4, adminList(app, t.tenantId(), "to=" + future).size());
        Instant newest = Instant.parse((String) adminList(app, t.tenantId(), "limit=1").get(0).get("at"));
        assertEquals(3, adminList(app, t.tenantId(), "to=" + newest).size(), "to is exclusive");
    }

    @Test
    void badParametersAre400NamingThem(RunningApp.App app) {
        String base = "/api/tenants/" + f.tenantId() + "/api-reads?";
        for (String[] bad : new String[][]{{"from=yesterday", "from"}, {"to=2026-13-01", "to"}, {"limit=0", "limit"},
                {"limit=10001", "limit"}, {"limit=ten", "limit"},
                {"from=2026-12-03T10:00:00Z&to=2026-12-03T09:00:00Z", "to"}}) {
            RunningApp.Response r = app.adminGet(base + bad[0]);
            assertEquals(400, r.status(), bad[0] + ": " + r);
            assertEquals(bad[1], r.map().get("field"), bad[0]);
        }
        assertEquals(404, app.adminGet("/api/tenants/" + UUID.randomUUID() + "/api-reads").status());
        assertEquals(401, app.get(base, null, null).status(), "operators only");
    }

    @Test
    void readsStillQueuedAtAShutdownAreWritten() {
        Path dir = Path.of("target", "test-data", UUID.randomUUID().toString());
        // a flush interval far longer than the test: whatever is written was written by the shutdown
        Map<String, Object> slow = Map.of("rostersync.api-audit.flush-millis", 60_000);
        Fixture t;
        try (RunningApp.App first = RunningApp.startWith(slow, dir)) {
            t = Fixture.create(first, "Shut down district");
            for (int i = 0; i < 5; i++) {
                assertEquals(200, t.oneRoster("/users").status());
            }
        }
        try (RunningApp.App again = RunningApp.startWith(Map.of(), dir)) {
            assertEquals(5, adminList(again, t.tenantId(), "").size());
        }
    }

    @Test
    void purgeRemovesOnlyReadsOlderThanTheKeptDays(RunningApp.App app) throws Exception {
        Fixture t = Fixture.create(app, "Purged district");
        assertEquals(200, t.oneRoster("/users").status());
        awaitReads(app, t.tenantId(), "", 1);
        try (var c = app.context().getBean(javax.sql.DataSource.class).getConnection();
             var ps = c.prepareStatement("UPDATE api_read SET at = now() - interval '366 days' WHERE tenant_id = ?")) {
            ps.setObject(1, t.tenantId());
            ps.executeUpdate();
        }
        assertEquals(200, t.oneRoster("/orgs").status());
        awaitReads(app, t.tenantId(), "", 2);
        assertTrue(app.context().getBean(ReadAuditLog.class).purgeOlderThanKeepDays() >= 1);
        List<Map<String, Object>> left = adminList(app, t.tenantId(), "");
        assertEquals(1, left.size());
        assertEquals("/ims/oneroster/v1p1/orgs", left.get(0).get("path"));
    }

    private static List<Map<String, Object>> awaitReads(RunningApp.App app, UUID tenant, String query, int count) {
        await().atMost(Duration.ofSeconds(10)).until(() -> adminList(app, tenant, query).size() >= count);
        return adminList(app, tenant, query);
    }

    private static List<Map<String, Object>> adminList(RunningApp.App app, UUID tenant, String query) {
        RunningApp.Response r = app.adminGet("/api/tenants/" + tenant + "/api-reads?" + query);
        assertEquals(200, r.status(), r.toString());
        return r.list();
    }
}
