package org.rostersync.api.admin;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.rostersync.security.Secrets;
import org.rostersync.support.Fixture;
import org.rostersync.support.RunningApp;

import javax.sql.DataSource;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Operators make, list and delete a tenant's API clients. */
@ExtendWith(RunningApp.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApiClientAdminTest {

    private static final String PREFIX = "https://purl.imsglobal.org/spec/or/v1p1/scope/";
    private static final List<String> ALL = List.of(PREFIX + "roster-core.readonly", PREFIX + "roster.readonly",
            PREFIX + "roster-demographics.readonly");

    private Fixture f;
    private Fixture other;

    @BeforeAll
    void tenants(RunningApp.App app) {
        f = Fixture.create(app, "Clients district");
        other = Fixture.create(app, "Other district");
    }

    @Test
    void aClientIsMadeWithItsScopesSourcesAndSchoolsAndItsSecretShownOnce(RunningApp.App app) {
        RunningApp.Response r = app.adminPost(clients(f), "{\"name\":\"Canvas\",\"scopes\":[\"" + PREFIX + "roster-core.readonly\"],"
                + "\"sourceIds\":[\"" + f.sourceId() + "\"],\"schoolSourcedIds\":[\"org-sch-lincoln\",\"org-sch-muir\"]}");
        assertEquals(201, r.status(), r.toString());
        Map<String, Object> made = r.map();
        assertEquals("Canvas", made.get("name"));
        assertEquals(List.of(PREFIX + "roster-core.readonly"), made.get("scopes"));
        assertEquals(List.of(f.sourceId().toString()), made.get("sourceIds"));
        assertEquals(List.of("org-sch-lincoln", "org-sch-muir"), made.get("schoolSourcedIds"));
        assertEquals(f.tenantId().toString(), made.get("tenantId"));
        String secret = (String) made.get("clientSecret");
        assertTrue(secret.length() >= 43, secret);

        RunningApp.Response list = app.adminGet(clients(f));
        assertEquals(200, list.status(), list.toString());
        Map<String, Object> listed = list.list().stream().filter(c -> c.get("clientId").equals(made.get("clientId"))).findFirst().orElseThrow();
        assertEquals("Canvas", listed.get("name"));
        assertEquals(made.get("scopes"), listed.get("scopes"));
        assertEquals(made.get("schoolSourcedIds"), listed.get("schoolSourcedIds"));
        for (Map<String, Object> c : list.list()) {
            assertFalse(c.keySet().stream().anyMatch(k -> k.toLowerCase().contains("secret")), c.toString());
        }
        assertFalse(list.body().contains(secret));
        assertFalse(list.body().contains(Secrets.sha256(secret)));
        // another tenant's list does not show it
        assertFalse(app.adminGet(clients(other)).body().contains((String) made.get("clientId")));
    }

    @Test
    void theSecretIsStoredAsADigestAndSealedNeverInTheClear(RunningApp.App app) throws Exception {
        Map<String, Object> made = app.adminPost(clients(f), null).map();
        String secret = (String) made.get("clientSecret");
        try (Connection c = app.context().getBean(DataSource.class).getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT secret_sha256, a::text, encode(secret_sealed, 'escape')"
                     + " FROM api_client a WHERE client_id = ?")) {
            ps.setString(1, (String) made.get("clientId"));
            try (ResultSet rs = ps.executeQuery()) {
                assertTrue(rs.next());
                assertEquals(Secrets.sha256(secret), rs.getString(1));
                assertFalse(rs.getString(2).contains(secret), "the secret is in the row: " + rs.getString(2));
                assertFalse(rs.getString(3).contains(secret));
            }
        }
    }

    @Test
    void anEmptyBodyOrNoneMakesAClientOfEveryScopeReadingTheWholeTenant(RunningApp.App app) {
        for (String body : new String[]{null, "{}"}) {
            RunningApp.Response r = app.adminPost(clients(f), body);
            assertEquals(201, r.status(), r.toString());
            assertEquals(ALL, r.map().get("scopes"));
            assertEquals(List.of(), r.map().get("sourceIds"));
            assertEquals(List.of(), r.map().get("schoolSourcedIds"));
            assertEquals(200, app.get("/ims/oneroster/v1p1/orgs", (String) r.map().get("clientId"),
                    (String) r.map().get("clientSecret")).status());
        }
    }

    @Test
    void aDeletedClientIsGoneFromTheListAndItsSecretNoLongerWorks(RunningApp.App app) throws Exception {
        Map<String, Object> made = app.adminPost(clients(f), "{\"name\":\"to delete\"}").map();
        String id = (String) made.get("clientId");
        assertEquals(200, app.get("/ims/oneroster/v1p1/orgs", id, (String) made.get("clientSecret")).status());
        assertEquals(404, delete(app, clients(other) + "/" + id), "another tenant cannot delete it");
        assertEquals(204, delete(app, clients(f) + "/" + id));
        assertFalse(app.adminGet(clients(f)).body().contains(id));
        assertEquals(401, app.get("/ims/oneroster/v1p1/orgs", id, (String) made.get("clientSecret")).status());
        assertEquals(404, delete(app, clients(f) + "/" + id), "a second delete");
        assertEquals(404, delete(app, "/api/tenants/" + UUID.randomUUID() + "/api-clients/" + id));
        try (Connection c = app.context().getBean(DataSource.class).getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT secret_sha256, secret_sealed, deleted_at FROM api_client WHERE client_id = ?")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                assertTrue(rs.next());
                assertNull(rs.getString(1));
                assertNull(rs.getBytes(2));
                assertTrue(rs.getTimestamp(3) != null);
            }
        }
    }

    @Test
    void badBodiesAre400NamingTheFieldAndMakeNothing(RunningApp.App app) {
        int before = app.adminGet(clients(f)).list().size();
        Map<String, String> cases = Map.of(
                "{\"scopes\":[\"https://example.org/admin\"]}", "scopes",
                "{\"scopes\":[]}", "scopes",
                "{\"sourceIds\":[\"" + UUID.randomUUID() + "\"]}", "sourceIds",
                "{\"sourceIds\":[\"" + other.sourceId() + "\"]}", "sourceIds",
                "{\"schoolSourcedIds\":[\"\"]}", "schoolSourcedIds",
                "{\"schoolSourcedIds\":[\" padded\"]}", "schoolSourcedIds",
                "{\"name\":\"" + "x".repeat(201) + "\"}", "name");
        cases.forEach((body, field) -> {
            RunningApp.Response r = app.adminPost(clients(f), body);
            assertEquals(400, r.status(), body + " " + r);
            assertEquals(field, r.map().get("field"), body + " " + r);
        });
        RunningApp.Response typo = app.adminPost(clients(f), "{\"scope\":[\"" + PREFIX + "roster-core.readonly\"]}");
        assertEquals(400, typo.status(), "a mistyped field is not ignored (it would make a client of every scope): " + typo);
        RunningApp.Response notUuid = app.adminPost(clients(f), "{\"sourceIds\":[\"not-a-uuid\"]}");
        assertEquals(400, notUuid.status(), notUuid.toString());
        assertEquals(before, app.adminGet(clients(f)).list().size());
        assertEquals(404, app.adminPost("/api/tenants/" + UUID.randomUUID() + "/api-clients", "{}").status());
        assertEquals(404, app.adminGet("/api/tenants/" + UUID.randomUUID() + "/api-clients").status());
    }

    private static String clients(Fixture f) {
        return "/api/tenants/" + f.tenantId() + "/api-clients";
    }

    private static int delete(RunningApp.App app, String path) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(app.baseUrl() + path)).DELETE()
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(("admin:" + RunningApp.ADMIN_PASSWORD)
                        .getBytes(StandardCharsets.UTF_8))).build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
