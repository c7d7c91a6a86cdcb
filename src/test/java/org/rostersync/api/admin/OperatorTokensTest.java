package org.rostersync.api.admin;

import io.micronaut.web.router.Router;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.rostersync.database.Db;
import org.rostersync.security.Secrets;
import org.rostersync.support.Console;
import org.rostersync.support.Fixture;
import org.rostersync.support.RunningApp;
import org.rostersync.support.Tokens;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Operators call the admin API with tokens made on their account page: a tenant operator's token reaches its own
 * tenant's tenant, sources and runs, answers 404 for another tenant's (as for a missing one) on every route of the API,
 * and 403 for what only admins do; a revoked token is refused at once; tokens are kept only as digests.
 */
@ExtendWith(RunningApp.class)
class OperatorTokensTest {

    private static final String PASSWORD = "a long enough password";

    @Test
    void aTenantOperatorsTokenReachesOnlyItsOwnTenantOnEveryRouteAndIsRefusedWhatOnlyAdminsDo(RunningApp.App app) {
        Fixture mine = Fixture.create(app, "Token district");
        Fixture other = Fixture.create(app, "Other token district");
        String myRun = (String) mine.run().get("id");
        Map<String, Object> otherRunBefore = other.run();
        String otherRun = (String) otherRunBefore.get("id");
        String operator = "tok-" + UUID.randomUUID().toString().substring(0, 8);
        String token = Tokens.make(Console.signedInAsNewOperator(app, operator, PASSWORD, mine.tenantId()), "nightly script");
        int otherChangesBefore = app.adminGet("/api/tenants/" + other.tenantId() + "/setting-changes").list().size();

        // every route of the admin API, as the router has it: another tenant's ids are unknown ones; the rest is for admins
        List<String> wrong = new ArrayList<>();
        for (String route : routes(app)) {
            String method = route.substring(0, route.indexOf(' '));
            String template = route.substring(route.indexOf(' ') + 1);
            if (template.startsWith("/api/me")) {
                continue;
            }
            String path = template.replace("{tenantId}", other.tenantId().toString()).replace("{sourceId}", other.sourceId().toString())
                    .replace("{runId}", otherRun).replace("{clientId}", other.clientId()).replace("{name}", "users.csv")
                    .replace("{username}", operator).replace("{tokenId}", UUID.randomUUID().toString()).replace("{entity}", "users");
            boolean scoped = template.matches("/api/(tenants|sources|runs)/\\{(tenantId|sourceId|runId)}.*");
            int expected = scoped ? 404 : template.equals("/api/tenants") && method.equals("GET") ? 200 : 403;
            RunningApp.Response r = Tokens.call(app, method, path, method.equals("GET") || method.equals("DELETE") ? null : "{}", token);
            if (r.status() != expected || expected != 200 && r.map().get("message") == null) {
                wrong.add(method + " " + path + ": " + r + " (expected " + expected + ")");
            }
        }
        assertEquals(List.of(), wrong);

        // nothing of the other tenant was changed by all that
        assertEquals(otherChangesBefore, app.adminGet("/api/tenants/" + other.tenantId() + "/setting-changes").list().size());
        assertEquals(otherRunBefore.get("status"), app.adminGet("/api/runs/" + otherRun).map().get("status"));
        assertEquals(1, app.adminGet("/api/tenants/" + other.tenantId() + "/api-clients").list().size());
        assertTrue(app.adminGet("/api/operators").list().stream().anyMatch(o -> operator.equals(o.get("username"))), "not deleted");

        // a 404 for another tenant's source reads as one for a source that does not exist
        UUID missing = UUID.randomUUID();
        assertEquals("source " + missing + " not found",
                Tokens.call(app, "GET", "/api/sources/" + missing, null, token).map().get("message"));
        assertEquals("source " + other.sourceId() + " not found",
                Tokens.call(app, "GET", "/api/sources/" + other.sourceId(), null, token).map().get("message"));
        RunningApp.Response createTenant = Tokens.call(app, "POST", "/api/tenants", "{\"name\":\"Mine now\"}", token);
        assertTrue(((String) createTenant.map().get("message")).contains("only an admin creates tenants"), createTenant.toString());

        // its own tenant, sources and runs it reaches, and a tenant-wide list shows only its tenant
        assertEquals(List.of(mine.tenantId().toString()), Tokens.call(app, "GET", "/api/tenants", null, token).list().stream()
                .map(t -> t.get("id")).toList());
        assertEquals(200, Tokens.call(app, "GET", "/api/tenants/" + mine.tenantId() + "/sources", null, token).status());
        assertEquals(200, Tokens.call(app, "GET", "/api/runs/" + myRun + "/issues", null, token).status());
        RunningApp.Response saved = Tokens.call(app, "PUT", "/api/sources/" + mine.sourceId() + "/safeguards",
                "{\"maxDeletedPercent\":5,\"maxChangedPercent\":75,\"neverDelete\":false}", token);
        assertEquals(200, saved.status(), saved.toString());
        Map<String, Object> change = Tokens.call(app, "GET", "/api/sources/" + mine.sourceId() + "/setting-changes", null, token)
                .list().get(0);
        assertEquals(operator, change.get("changedBy"), "the change is the token's operator's");
        assertEquals(List.of(Map.of("field", "maxDeletedPercent", "before", "10", "after", "5")), change.get("fields"));
        assertEquals(Map.of("username", operator, "role", "tenant_operator", "tenantId", mine.tenantId().toString()),
                withoutNulls(Tokens.call(app, "GET", "/api/me", null, token).map()));
    }

    @Test
    void aRevokedTokenIsRefusedAtOnceAndTokensAreKeptOnlyAsDigestsWithTheirLastUse(RunningApp.App app) {
        Fixture mine = Fixture.create(app, "Revoked token district");
        String operator = "rev-" + UUID.randomUUID().toString().substring(0, 8);
        Console console = Console.signedInAsNewOperator(app, operator, PASSWORD, mine.tenantId());
        String token = Tokens.make(console, "export");
        String kept = Tokens.make(console, "kept");
        assertTrue(token.startsWith("rst_") && token.length() >= 4 + 43, "256 random bits: " + token);

        Instant before = Instant.now().minusSeconds(1);
        assertEquals(200, Tokens.call(app, "GET", "/api/tenants/" + mine.tenantId(), null, token).status());
        List<Map<String, Object>> listed = Tokens.call(app, "GET", "/api/me/tokens", null, token).list();
        assertEquals(List.of("export", "kept"), listed.stream().map(t -> t.get("name")).toList());
        assertFalse(listed.toString().contains(token), "a token is never listed");
        assertNotNull(listed.get(0).get("lastUsedAt"), "the token's use is recorded");
        assertTrue(Instant.parse((String) listed.get(0).get("lastUsedAt")).isAfter(before));
        assertNull(listed.get(1).get("lastUsedAt"), "the other was never used");

        Db db = app.context().getBean(Db.class);
        List<String> stored = db.query("SELECT token_sha256 FROM operator_token WHERE username = ? ORDER BY created_at",
                row -> row.text(1), operator);
        assertEquals(List.of(Secrets.sha256(token), Secrets.sha256(kept)), stored, "only digests are kept");

        String id = (String) listed.get(0).get("id");
        assertEquals(204, Tokens.call(app, "DELETE", "/api/me/tokens/" + id, null, token).status(), "a token revokes itself");
        RunningApp.Response refused = Tokens.call(app, "GET", "/api/tenants/" + mine.tenantId(), null, token);
        assertEquals(401, refused.status(), "refused from the very next request");
        assertTrue(refused.header("WWW-Authenticate").startsWith("Bearer"), refused.header("WWW-Authenticate"));
        assertEquals(200, Tokens.call(app, "GET", "/api/tenants/" + mine.tenantId(), null, kept).status(), "the other still works");
        assertEquals(404, Tokens.call(app, "DELETE", "/api/me/tokens/" + id, null, kept).status(), "gone already");
        assertEquals(401, Tokens.call(app, "GET", "/api/me", null, "rst_" + "x".repeat(43)).status());

        // removing the operator takes its tokens with it
        assertEquals(204, app.adminDelete("/api/operators/" + operator).status());
        assertEquals(401, Tokens.call(app, "GET", "/api/me", null, kept).status());
    }

    @Test
    void anOperatorChangesItsOwnPasswordThroughTheApiWithTheCurrentOneAndItsSessionsEnd(RunningApp.App app) {
        Fixture mine = Fixture.create(app, "Password API district");
        String operator = "pwd-" + UUID.randomUUID().toString().substring(0, 8);
        Console console = Console.signedInAsNewOperator(app, operator, PASSWORD, mine.tenantId());
        String token = Tokens.make(console, "password script");

        RunningApp.Response wrong = Tokens.call(app, "PUT", "/api/me/password",
                "{\"currentPassword\":\"not the password\",\"newPassword\":\"a brand new password\"}", token);
        assertEquals(400, wrong.status(), wrong.toString());
        assertEquals("currentPassword", wrong.map().get("field"));
        RunningApp.Response tooShort = Tokens.call(app, "PUT", "/api/me/password",
                "{\"currentPassword\":\"" + PASSWORD + "\",\"newPassword\":\"short\"}", token);
        assertEquals("newPassword", tooShort.map().get("field"), tooShort.toString());
        assertEquals(200, console.get("/console/account").status(), "nothing changed: the session lives");

        RunningApp.Response changed = Tokens.call(app, "PUT", "/api/me/password",
                "{\"currentPassword\":\"" + PASSWORD + "\",\"newPassword\":\"a brand new password\"}", token);
        assertEquals(200, changed.status(), changed.toString());
        assertEquals(1, changed.map().get("sessionsSignedOut"));
        assertEquals(303, console.get("/console/account").status(), "the console session ended");
        Console old = new Console(app);
        old.signIn(operator, PASSWORD);
        assertNull(old.cookie(), "the old password signs nobody in");
        Console fresh = new Console(app);
        fresh.signIn(operator, "a brand new password");
        assertEquals(200, fresh.get("/console/account").status(), "the new password signs in");
        assertEquals(200, Tokens.call(app, "GET", "/api/me", null, token).status(), "tokens stay");

        // the admin's password is its environment variable's: changing it here would not last
        RunningApp.Response admin = app.adminPut("/api/me/password",
                "{\"currentPassword\":\"" + RunningApp.ADMIN_PASSWORD + "\",\"newPassword\":\"another admin password\"}");
        assertEquals(400, admin.status(), admin.toString());
        assertTrue(((String) admin.map().get("message")).contains("ROSTERSYNC_ADMIN_PASSWORD"), admin.toString());
    }

    /** "GET /api/tenants/{tenantId}" for each route of the admin API (not the HEAD routes Micronaut adds to each GET). */
    private static TreeSet<String> routes(RunningApp.App app) {
        return app.context().getBean(Router.class).uriRoutes()
                .filter(route -> !route.getHttpMethodName().equals("HEAD"))
                .map(route -> route.getHttpMethodName() + " " + route.getUriMatchTemplate().toPathString())
                .filter(route -> route.substring(route.indexOf(' ') + 1).startsWith("/api/"))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static Map<String, Object> withoutNulls(Map<String, Object> map) {
        return map.entrySet().stream().filter(e -> e.getValue() != null).collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }
}
