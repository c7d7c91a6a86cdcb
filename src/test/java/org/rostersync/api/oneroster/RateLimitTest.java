package org.rostersync.api.oneroster;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.rostersync.support.Fixture;
import org.rostersync.support.RunningApp;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A client over its rate gets 429 with Retry-After, is served again after waiting, and never slows another client. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RateLimitTest {

    private static final int BURST = 4;

    private RunningApp.App app;

    @BeforeAll
    void start() {
        // half a request per second: the burst is spent long before a token comes back
        app = RunningApp.startWith(Map.of("rostersync.api-rate.per-second", 0.5, "rostersync.api-rate.burst", BURST));
    }

    @AfterAll
    void stop() {
        app.close();
    }

    @Test
    void aClientOverItsRateIs429WithRetryAfterUntilItWaits() throws InterruptedException {
        Fixture f = Fixture.create(app, "Rate-limited district");
        for (int i = 0; i < BURST; i++) {
            assertEquals(200, f.oneRoster("/users").status(), "request " + (i + 1) + " of the burst");
        }
        RunningApp.Response over = f.oneRoster("/users");
        assertEquals(429, over.status(), over.toString());
        Map<?, ?> status = (Map<?, ?>) ((List<?>) over.map().get("statusInfoSet")).get(0);
        assertEquals("server_busy", status.get("imsx_codeMinor"));
        assertEquals("failure", status.get("imsx_codeMajor"));
        String retryAfter = over.header("Retry-After");
        assertNotNull(retryAfter, "Retry-After");
        long seconds = Long.parseLong(retryAfter);
        assertTrue(seconds >= 1 && seconds <= 2, "one token at 0.5/s comes within 2 s: " + seconds);

        // another client of the same tenant has its own bucket
        RunningApp.Response client = app.adminPost("/api/tenants/" + f.tenantId() + "/api-clients", null);
        String otherId = (String) client.map().get("clientId");
        String otherSecret = (String) client.map().get("clientSecret");
        for (int i = 0; i < BURST; i++) {
            assertEquals(200, app.get("/ims/oneroster/v1p1/users", otherId, otherSecret).status(), "other client's request " + (i + 1));
        }

        // the refused request is in the audit trail too, with its status and no records
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).until(() ->
                app.adminGet("/api/tenants/" + f.tenantId() + "/api-reads?clientId=" + f.clientId()).list().stream()
                        .anyMatch(r -> Integer.valueOf(429).equals(r.get("status")) && r.get("rowsReturned") == null));

        Thread.sleep(seconds * 1000);
        assertEquals(200, f.oneRoster("/users").status(), "served again after Retry-After");
        assertEquals(429, f.oneRoster("/users").status(), "and that token was the only one back");
    }

    @Test
    void everyOneRosterRouteIsRateLimited() {
        java.util.Set<String> unlimited = new java.util.TreeSet<>();
        app.context().getBean(io.micronaut.web.router.Router.class).uriRoutes()
                .filter(route -> route.getUriMatchTemplate().toPathString().startsWith(OneRosterController.BASE + "/"))
                .filter(route -> !route.getTargetMethod().getAnnotationMetadata().hasStereotype(RateLimited.class))
                .forEach(route -> unlimited.add(route.getHttpMethodName() + " " + route.getUriMatchTemplate().toPathString()));
        assertEquals(java.util.Set.of(), unlimited, "controllers of the OneRoster API need @RateLimited");
    }

    @Test
    void requestsWithoutCredentialsAre401NotCountedAgainstAnyone() {
        for (int i = 0; i < BURST + 2; i++) {
            assertEquals(401, app.get("/ims/oneroster/v1p1/users", null, null).status());
        }
    }
}
