package org.rostersync.console;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.rostersync.support.Console;
import org.rostersync.support.Fixture;
import org.rostersync.support.RunningApp;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Who may do what on the tenant pages, and the forms' refusals next to their fields with nothing made. */
@ExtendWith(RunningApp.class)
class TenantPagesTest {

    private static final String PASSWORD = "a long enough password";

    @Test
    void aTenantOperatorSeesOnlyItsOwnTenantAndEveryFormOfAnotherIsNotFound(RunningApp.App app) throws Exception {
        Fixture mine = Fixture.create(app, "Own tenant district");
        Fixture theirs = Fixture.create(app, "Hidden tenant district");
        Console console = Console.signedInAsNewOperator(app, "own-tenant", PASSWORD, mine.tenantId());

        Console.Page list = console.get("/console/tenants");
        assertEquals(303, list.status(), "a tenant operator has one tenant: the list sends it there");
        assertEquals("/console/tenants/" + mine.tenantId(), list.header("Location").orElseThrow());
        Console.Page own = console.get("/console/tenants/" + mine.tenantId());
        assertEquals(200, own.status());
        assertTrue(own.body().contains(">Tenant</a>"), "the navigation names its one tenant");
        assertTrue(own.body().contains("data-client=\"" + mine.clientId() + "\""));
        assertFalse(own.body().contains("Hidden tenant district"));
        String csrf = own.csrf();

        String hidden = "/console/tenants/" + theirs.tenantId();
        Console.Page page = console.get(hidden);
        assertEquals(404, page.status());
        assertFalse(page.body().contains("Hidden tenant district"));
        assertEquals(404, console.get(hidden + "?clientId=" + theirs.clientId()).status());
        assertEquals(404, console.post(hidden + "/sources", Map.of("_csrf", csrf, "sourceName", "Sneaky",
                "sftpUsername", "sneaky-" + UUID.randomUUID().toString().substring(0, 8), "sftpPassword", PASSWORD)).status());
        assertEquals(404, console.post(hidden + "/api-clients", Map.of("_csrf", csrf, "clientName", "Sneaky")).status());
        assertEquals(404, console.post(hidden + "/api-clients/" + theirs.clientId() + "/revoke", Map.of("_csrf", csrf)).status());
        assertEquals(404, console.post("/console/tenants/" + mine.tenantId() + "/api-clients/" + theirs.clientId() + "/revoke",
                Map.of("_csrf", csrf)).status(), "another tenant's client through its own tenant's address");
        assertEquals(404, console.post("/console/tenants", Map.of("_csrf", csrf, "name", "Sneaky district")).status(),
                "only admins add tenants");
        assertEquals(1, app.adminGet("/api/tenants/" + theirs.tenantId() + "/sources").list().size(), "nothing was made");
        assertEquals(List.of(theirs.clientId()), clientIds(app, theirs.tenantId()), "nor revoked");
        assertFalse(app.adminGet("/api/tenants").list().stream().anyMatch(t -> "Sneaky district".equals(t.get("name"))));
        assertEquals(200, TenantPagesBrowserTest.token(app, theirs.clientId(), theirs.clientSecret()).statusCode());

        // its own tenant it manages: district staff add their feeds and apps
        String user = "own-" + UUID.randomUUID().toString().substring(0, 8);
        Console.Page added = console.post("/console/tenants/" + mine.tenantId() + "/sources", Map.of("_csrf", csrf,
                "sourceName", "Second SIS", "sftpUsername", user, "sftpPassword", PASSWORD));
        assertEquals(303, added.status(), added.body());
        assertTrue(app.adminGet("/api/tenants/" + mine.tenantId() + "/sources").list().stream().anyMatch(s -> user.equals(s.get("sftpUsername"))));
        Console.Page client = console.post("/console/tenants/" + mine.tenantId() + "/api-clients", Map.of("_csrf", csrf,
                "clientName", "Clever", "scope-roster-core.readonly", "on"));
        assertEquals(200, client.status());
        assertTrue(client.body().contains("id=\"new-client-secret\""));
        assertEquals(2, clientIds(app, mine.tenantId()).size());
        assertEquals(403, console.post("/console/tenants/" + mine.tenantId() + "/api-clients", Map.of("clientName", "No token")).status(),
                "a form without the session's token");
        assertEquals(2, clientIds(app, mine.tenantId()).size());
    }

    @Test
    void refusedFormsComeBackWithTheErrorNextToTheFieldAndNothingMade(RunningApp.App app) {
        Fixture f = Fixture.create(app, "Refusing district");
        Console admin = Console.signedInAsNewOperator(app, "refusing-admin", PASSWORD, null);
        Console.Page list = admin.get("/console/tenants");
        assertEquals(200, list.status());
        assertTrue(list.body().contains("data-tenant=\"" + f.tenantId() + "\""));
        String csrf = list.csrf();
        int tenants = app.adminGet("/api/tenants").list().size();

        Console.Page longName = admin.post("/console/tenants", Map.of("_csrf", csrf, "name", "x".repeat(201)));
        assertEquals(400, longName.status());
        assertTrue(longName.body().contains("id=\"name-error\""), longName.body());
        assertTrue(longName.body().contains("at most 200 characters"));
        assertEquals(tenants, app.adminGet("/api/tenants").list().size());

        String tenantPage = "/console/tenants/" + f.tenantId();
        Console.Page shortPassword = admin.post(tenantPage + "/sources", Map.of("_csrf", csrf, "sourceName", "Short",
                "sftpUsername", "short-" + UUID.randomUUID().toString().substring(0, 8), "sftpPassword", "secret7"));
        assertEquals(400, shortPassword.status());
        assertTrue(shortPassword.body().contains("id=\"sftpPassword-error\""));
        assertTrue(shortPassword.body().contains("value=\"Short\""), "what was typed is kept");
        assertFalse(shortPassword.body().contains("secret7"), "but not the password");
        Console.Page badUsername = admin.post(tenantPage + "/sources", Map.of("_csrf", csrf, "sourceName", "Bad",
                "sftpUsername", "no spaces", "sftpPassword", PASSWORD));
        assertEquals(400, badUsername.status());
        assertTrue(badUsername.body().contains("id=\"sftpUsername-error\""));
        assertEquals(1, app.adminGet("/api/tenants/" + f.tenantId() + "/sources").list().size());

        Console.Page noScope = admin.post(tenantPage + "/api-clients", Map.of("_csrf", csrf, "clientName", "Nothing"));
        assertEquals(400, noScope.status());
        assertTrue(noScope.body().contains("id=\"scopes-error\""), noScope.body());
        assertTrue(noScope.body().contains("value=\"Nothing\""));
        Console.Page foreignSource = admin.post(tenantPage + "/api-clients", Map.of("_csrf", csrf,
                "scope-roster.readonly", "on", "source-" + UUID.randomUUID(), "on"));
        assertEquals(400, foreignSource.status());
        assertTrue(foreignSource.body().contains("id=\"sourceIds-error\""));
        assertEquals(List.of(f.clientId()), clientIds(app, f.tenantId()));

        Console.Page confined = admin.post(tenantPage + "/api-clients", Map.of("_csrf", csrf, "clientName", "Library",
                "scope-roster-core.readonly", "on", "source-" + f.sourceId(), "on", "schoolSourcedIds", "org-sch-1\n\norg-sch-2\n"));
        assertEquals(200, confined.status(), confined.body());
        Map<String, Object> made = app.adminGet("/api/tenants/" + f.tenantId() + "/api-clients").list().stream()
                .filter(c -> "Library".equals(c.get("name"))).findFirst().orElseThrow();
        assertEquals(List.of("https://purl.imsglobal.org/spec/or/v1p1/scope/roster-core.readonly"), made.get("scopes"));
        assertEquals(List.of(f.sourceId().toString()), made.get("sourceIds"));
        assertEquals(List.of("org-sch-1", "org-sch-2"), made.get("schoolSourcedIds"));
        assertTrue(admin.get(tenantPage).body().contains("sources Refusing district SIS; schools org-sch-1, org-sch-2"),
                "the page says what the client is confined to");
    }

    @Test
    void theDashboardWithoutSourcesOffersToAddOne(RunningApp.App app) {
        UUID empty = UUID.fromString((String) app.adminPost("/api/tenants", "{\"name\":\"Empty district\"}").map().get("id"));
        Console console = Console.signedInAsNewOperator(app, "empty-tenant", PASSWORD, empty);
        Console.Page dashboard = console.get("/console");
        assertTrue(dashboard.body().contains("id=\"add-first-source\""), dashboard.body());
        Console.Page tenant = console.get("/console/tenants/" + empty);
        assertTrue(tenant.body().contains("id=\"no-sources\""));
    }

    private static List<Object> clientIds(RunningApp.App app, UUID tenantId) {
        return app.adminGet("/api/tenants/" + tenantId + "/api-clients").list().stream().map(c -> c.get("clientId")).toList();
    }
}
