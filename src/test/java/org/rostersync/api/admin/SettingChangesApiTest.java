package org.rostersync.api.admin;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.rostersync.database.Db;
import org.rostersync.security.Secrets;
import org.rostersync.support.Fixture;
import org.rostersync.support.RunningApp;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The settings audit log through the admin API: secrets are recorded only as set or changed, never their values, hashes
 * or sealed bytes, in the stored rows themselves; changes of a list name each element; older changes page by id.
 */
@ExtendWith(RunningApp.class)
class SettingChangesApiTest {

    @Test
    void secretsAreRecordedOnlyAsSetOrChangedNeverTheirValuesInTheStoredRows(RunningApp.App app) {
        Fixture f = Fixture.create(app, "Secret audit district");
        String sftpPassword = "sftp-" + UUID.randomUUID();
        String remotePassword = "remote-" + UUID.randomUUID();
        assertEquals(200, app.adminPut("/api/sources/" + f.sourceId() + "/sftp-account",
                "{\"password\":\"" + sftpPassword + "\",\"allowedNetworks\":[\"203.0.113.0/24\"]}").status());
        assertEquals(200, app.adminPut("/api/sources/" + f.sourceId() + "/remote-delivery",
                "{\"host\":\"sftp.district.example\",\"username\":\"rostersync\",\"password\":\"" + remotePassword + "\"}").status());
        RunningApp.Response client = app.adminPost("/api/tenants/" + f.tenantId() + "/api-clients", "{\"name\":\"Canvas\"}");
        String secret = (String) client.map().get("clientSecret");
        String clientId = (String) client.map().get("clientId");
        assertEquals(204, app.adminDelete("/api/tenants/" + f.tenantId() + "/api-clients/" + clientId).status());

        List<Map<String, Object>> changes = app.adminGet("/api/tenants/" + f.tenantId() + "/setting-changes").list();
        assertEquals(List.of("API client Canvas (" + clientId + ")", "API client Canvas (" + clientId + ")", "Remote delivery",
                        "SFTP account", "API client (" + f.clientId() + ")", "Source", "Tenant"),
                changes.stream().map(c -> c.get("setting")).toList(), "newest first");
        assertEquals(List.of(Map.of("field", "client", "before", "active", "after", "revoked"),
                Map.of("field", "secret", "before", "set", "after", "not set")), changes.get(0).get("fields"));
        assertTrue(((List<?>) changes.get(2).get("fields")).contains(Map.of("field", "password", "before", "not set", "after", "set")),
                changes.get(2).toString());
        assertEquals(List.of(Map.of("field", "password", "before", "set", "after", "changed"),
                Map.of("field", "allowedNetworks", "before", "", "after", "203.0.113.0/24")), changes.get(3).get("fields"));

        String stored = String.join("\n", app.context().getBean(Db.class).query(
                "SELECT setting || ' ' || fields::text FROM setting_change WHERE tenant_id = ?", row -> row.text(1), f.tenantId()));
        for (String secretText : List.of(sftpPassword, remotePassword, secret, Secrets.sha256(secret), f.sftpPassword())) {
            assertFalse(stored.contains(secretText), "the log keeps no secret: " + stored);
        }
        assertFalse(stored.contains("$argon2"), "nor a password's hash");
        assertFalse(stored.matches("(?s).*[0-9a-f]{40,}.*"), "nor sealed bytes: " + stored);
    }

    @Test
    void aListsElementsAreNamedAndOlderChangesArePagedByTheirId(RunningApp.App app) {
        Fixture f = Fixture.create(app, "Paged audit district");
        String path = "/api/sources/" + f.sourceId();
        assertEquals(200, app.adminPut(path + "/school-mapping", "{\"mode\":\"explicit\",\"schools\":["
                + "{\"sourcedId\":\"org-a\",\"included\":true},{\"sourcedId\":\"org-b\",\"included\":false}]}").status());
        assertEquals(200, app.adminPut(path + "/school-mapping", "{\"mode\":\"explicit\",\"schools\":["
                + "{\"sourcedId\":\"org-a\",\"included\":true},{\"sourcedId\":\"org-b\",\"included\":true,\"displayName\":\"Bee\"}]}")
                .status());
        List<Map<String, Object>> latest = app.adminGet(path + "/setting-changes?limit=1").list();
        assertEquals(List.of(Map.of("field", "schools[org-b].included", "before", "false", "after", "true"),
                Map.of("field", "schools[org-b].displayName", "after", "Bee")),
                withoutNullValues(latest.get(0).get("fields")));

        Number newest = (Number) latest.get(0).get("id");
        List<Map<String, Object>> older = app.adminGet(path + "/setting-changes?limit=1&before=" + newest).list();
        assertEquals("School mapping", older.get(0).get("setting"));
        assertTrue(((Number) older.get(0).get("id")).longValue() < newest.longValue());
        assertEquals(List.of("Source"), app.adminGet(path + "/setting-changes?before=" + older.get(0).get("id")).list().stream()
                .map(c -> c.get("setting")).toList(), "the oldest: the source made");
        RunningApp.Response bad = app.adminGet(path + "/setting-changes?limit=0");
        assertEquals(400, bad.status(), bad.toString());
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> withoutNullValues(Object fields) {
        return ((List<Map<String, Object>>) fields).stream().map(m -> {
            Map<String, Object> copy = new java.util.LinkedHashMap<>(m);
            copy.values().removeIf(java.util.Objects::isNull);
            return copy;
        }).toList();
    }
}
