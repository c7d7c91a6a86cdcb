package org.rostersync.api.admin;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.rostersync.support.Fixture;
import org.rostersync.support.RunningApp;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ExtendWith(RunningApp.class)
class AdminApiTest {

    @Test
    void everyAdminCallNeedsTheAdminPassword(RunningApp.App app) {
        assertEquals(401, app.get("/api/tenants", null, null).status());
        RunningApp.Response wrong = app.get("/api/tenants", "admin", "wrong");
        assertEquals(401, wrong.status());
        assertTrue(wrong.header("WWW-Authenticate").startsWith("Basic"));
        assertEquals(401, app.post("/api/tenants", "{\"name\":\"x\"}", "other", RunningApp.ADMIN_PASSWORD).status());
        assertEquals(200, app.adminGet("/api/tenants").status());
    }

    @Test
    void tenantsAreCreatedAndListed(RunningApp.App app) {
        String name = "District " + UUID.randomUUID();
        RunningApp.Response created = app.adminPost("/api/tenants", "{\"name\":\"" + name + "\"}");
        assertEquals(201, created.status());
        Object id = created.map().get("id");
        assertNotNull(id);
        List<Map<String, Object>> tenants = app.adminGet("/api/tenants").list();
        assertTrue(tenants.stream().anyMatch(t -> id.equals(t.get("id")) && name.equals(t.get("name"))), tenants.toString());
    }

    @Test
    void badBodiesAreRefusedNamingTheField(RunningApp.App app) {
        Fixture f = Fixture.create(app, "Bad input");
        assertError(app.adminPost("/api/tenants", "{}"), 400, "name");
        assertError(app.adminPost("/api/tenants", "{\"name\":\"   \"}"), 400, "name");
        String sources = "/api/tenants/" + f.tenantId() + "/sources";
        assertError(app.adminPost(sources, "{\"name\":\"x\"}"), 400, "sftp");
        assertError(app.adminPost(sources, "{\"name\":\"x\",\"sftp\":{\"username\":\"vendor-x\"}}"), 400, "sftp.password");
        assertError(app.adminPost(sources, "{\"name\":\"x\",\"sftp\":{\"username\":\"a b\",\"password\":\"long-enough\"}}"), 400, "sftp.username");
        assertError(app.adminPost(sources, "{\"name\":\"x\",\"sftp\":{\"username\":\"vendor-y\",\"password\":\"short\"}}"), 400, "sftp.password");
        RunningApp.Response malformed = app.adminPost("/api/tenants", "{\"name\":");
        assertEquals(400, malformed.status());
        assertTrue(((String) malformed.map().get("message")).contains("Invalid JSON"), malformed.toString());
        assertError(app.adminPost(sources, "{\"name\":\"x\",\"sftp\":{\"username\":\"" + f.sftpUser() + "\",\"password\":\"long-enough\"}}"),
                409, "sftp.username");
    }

    @Test
    void unknownIdsAnswer404WithAMessage(RunningApp.App app) {
        UUID nobody = UUID.randomUUID();
        for (RunningApp.Response r : List.of(
                app.adminGet("/api/tenants/" + nobody),
                app.adminPost("/api/tenants/" + nobody + "/sources", "{\"name\":\"x\",\"sftp\":{\"username\":\"nobody-1\",\"password\":\"long-enough\"}}"),
                app.adminPost("/api/tenants/" + nobody + "/api-clients", null),
                app.adminPost("/api/sources/" + nobody + "/runs", null),
                app.adminGet("/api/sources/" + nobody + "/runs"),
                app.adminGet("/api/runs/" + nobody),
                app.adminGet("/api/runs/" + nobody + "/issues"))) {
            assertEquals(404, r.status(), r.toString());
            assertTrue(((String) r.map().get("message")).contains(nobody + " not found"), r.toString());
        }
        RunningApp.Response notUuid = app.adminGet("/api/runs/not-a-uuid");
        assertEquals(400, notUuid.status());
        assertEquals("runId", notUuid.map().get("field"));
    }

    @Test
    void apiClientSecretIsShownOnceAndNeverStoredInClear(RunningApp.App app) throws Exception {
        Fixture f = Fixture.create(app, "Secrets");
        try (var c = app.context().getBean(javax.sql.DataSource.class).getConnection();
             var ps = c.prepareStatement("SELECT secret_sha256 FROM api_client WHERE client_id = ?")) {
            ps.setString(1, f.clientId());
            try (var rs = ps.executeQuery()) {
                assertTrue(rs.next());
                assertFalse(rs.getString(1).contains(f.clientSecret()));
            }
        }
        try (var c = app.context().getBean(javax.sql.DataSource.class).getConnection();
             var ps = c.prepareStatement("SELECT sftp_password_hash FROM source WHERE id = ?")) {
            ps.setObject(1, f.sourceId());
            try (var rs = ps.executeQuery()) {
                assertTrue(rs.next());
                assertTrue(rs.getString(1).startsWith("$argon2id$"));
                assertFalse(rs.getString(1).contains(f.sftpPassword()));
            }
        }
    }

    @Test
    void issuesArePagedWithATotal(RunningApp.App app) {
        Fixture f = Fixture.create(app, "Paged issues");
        f.deliver("orgs.csv", "sourcedId,status,dateLastModified,name,type,identifier,parentSourcedId,vendorColumn\n"
                + "o1,,,One,school,,,x\no2,,,Two,schoool,,,x\no3,,,Three,skool,,,x\n");
        Map<String, Object> run = f.run();
        Map<String, Object> all = app.adminGet("/api/runs/" + run.get("id") + "/issues").map();
        long total = ((Number) all.get("total")).longValue();
        assertEquals(4, total, all.toString());
        Map<String, Object> page = app.adminGet("/api/runs/" + run.get("id") + "/issues?limit=2&offset=2").map();
        assertEquals(total, ((Number) page.get("total")).longValue());
        assertEquals(((List<?>) all.get("issues")).subList(2, 4), page.get("issues"));
        assertEquals(400, app.adminGet("/api/runs/" + run.get("id") + "/issues?limit=0").status());
    }

    private static void assertError(RunningApp.Response r, int status, String field) {
        assertEquals(status, r.status(), r.toString());
        assertEquals(field, r.map().get("field"), r.toString());
        assertTrue(((String) r.map().get("message")).startsWith(field.equals("sftp.username") && status == 409 ? "the SFTP" : field), r.toString());
    }
}
