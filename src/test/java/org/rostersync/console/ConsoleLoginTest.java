package org.rostersync.console;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.rostersync.support.Console;
import org.rostersync.support.Fixture;
import org.rostersync.support.RunningApp;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Signing in and out of the console, its cookie, its lock after failed sign-ins, and forms from elsewhere. */
@ExtendWith(RunningApp.class)
class ConsoleLoginTest {

    private static final String PASSWORD = "a long enough password";

    @Test
    void aPageWithoutASessionSendsToTheSignInPageAndBackAfterSigningIn(RunningApp.App app) {
        Console.createOperator(app, "back-again", PASSWORD, null);
        Console console = new Console(app);
        Console.Page away = console.get("/console?x=1");
        assertEquals(303, away.status(), away.toString());
        assertEquals("/console/login?next=%2Fconsole%3Fx%3D1", away.header("Location").orElseThrow());

        Console.Page form = console.get("/console/login?next=%2Fconsole%3Fx%3D1");
        assertEquals(200, form.status());
        assertTrue(form.body().contains("name=\"next\" value=\"/console?x=1\""), form.body());

        Console.Page in = console.post("/console/login", Map.of("username", "back-again", "password", PASSWORD, "next", "/console?x=1"));
        assertEquals(303, in.status(), in.body());
        assertEquals("/console?x=1", in.header("Location").orElseThrow());
        String cookie = in.header("Set-Cookie").orElseThrow();
        assertTrue(cookie.startsWith(ConsoleAuthFilter.COOKIE + "="), cookie);
        for (String attribute : new String[]{"Path=/console", "HTTPOnly", "SameSite=Lax"}) {
            assertTrue(cookie.toLowerCase().contains(attribute.toLowerCase()), cookie + " lacks " + attribute);
        }
        Console.Page dashboard = console.get("/console");
        assertEquals(200, dashboard.status());
        assertTrue(dashboard.body().contains("back-again"), "the page names who is signed in");
        assertEquals("nosniff", dashboard.header("X-Content-Type-Options").orElseThrow());
        assertTrue(dashboard.header("Content-Security-Policy").orElseThrow().contains("frame-ancestors 'none'"));
    }

    @Test
    void aNextPageElsewhereIsIgnored(RunningApp.App app) {
        Console.createOperator(app, "stays-here", PASSWORD, null);
        for (String next : new String[]{"//evil.example/console", "https://evil.example/", "/console\\@evil.example", "/api/tenants"}) {
            Console.Page in = new Console(app).post("/console/login", Map.of("username", "stays-here", "password", PASSWORD, "next", next));
            assertEquals("/console", in.header("Location").orElseThrow(), next);
        }
    }

    @Test
    void repeatedWrongPasswordsLockTheAccountEvenAgainstTheRightOneUntilAnAdminSetsANewPassword(RunningApp.App app) {
        Console.createOperator(app, "guessed-at", PASSWORD, null);
        for (int i = 1; i <= 4; i++) {
            Console.Page wrong = new Console(app).signIn("guessed-at", "not the password " + i);
            assertEquals(401, wrong.status());
            assertTrue(wrong.body().contains("Wrong username or password"), wrong.body());
        }
        Console.Page fifth = new Console(app).signIn("guessed-at", "not the password 5");
        assertTrue(fifth.body().contains("locked"), fifth.body());
        Console.Page right = new Console(app).signIn("guessed-at", PASSWORD);
        assertEquals(401, right.status(), "the right password while locked");
        assertTrue(right.body().contains("locked"), right.body());

        Console.Page unknown = new Console(app).signIn("nobody-by-that-name", PASSWORD);
        assertEquals(401, unknown.status());
        assertTrue(unknown.body().contains("Wrong username or password"), "an unknown name reads as a wrong password");

        assertEquals(204, app.put("/api/operators/guessed-at/password", "{\"password\":\"another long password\"}",
                "admin", RunningApp.ADMIN_PASSWORD).status());
        assertEquals(303, new Console(app).signIn("guessed-at", "another long password").status());
    }

    @Test
    void signingOutNeedsThePagesTokenAndEndsTheSession(RunningApp.App app) {
        Console console = Console.signedInAsNewOperator(app, "leaves", PASSWORD, null);
        String csrf = console.get("/console").csrf();

        assertEquals(403, console.post("/console/logout", Map.of("_csrf", "forged")).status());
        assertEquals(200, console.get("/console").status(), "a forged form does not end the session");
        assertEquals(403, console.post("/console/logout", Map.of("_csrf", csrf), "https://evil.example").status(),
                "a form posted from another site");
        assertEquals(200, console.get("/console").status());

        String cookie = console.cookie();
        Console.Page out = console.post("/console/logout", Map.of("_csrf", csrf));
        assertEquals(303, out.status());
        assertEquals(303, console.get("/console").status());
        // the old cookie, kept by someone, no longer signs in
        assertFalse(cookie == null);
        Console.Page withOld = replay(app, cookie);
        assertEquals(303, withOld.status(), "an ended session's cookie");
    }

    @Test
    void aTenantOperatorSeesOnlyItsTenantsSources(RunningApp.App app) {
        Fixture mine = Fixture.create(app, "Mine district");
        Fixture theirs = Fixture.create(app, "Theirs district");
        Console.createOperator(app, "mine-operator", PASSWORD, mine.tenantId());
        Console console = new Console(app);
        assertEquals(303, console.signIn("mine-operator", PASSWORD).status());
        String page = console.get("/console").body();
        assertTrue(page.contains(mine.sourceId().toString()), page);
        assertFalse(page.contains(theirs.sourceId().toString()), page);
        assertFalse(page.contains("Theirs district"), page);

        Console admin = new Console(app);
        Console.createOperator(app, "sees-all", PASSWORD, null);
        admin.signIn("sees-all", PASSWORD);
        String all = admin.get("/console").body();
        assertTrue(all.contains(mine.sourceId().toString()) && all.contains(theirs.sourceId().toString()), all);
    }

    @Test
    void operatorsAreMadeWithTheirFieldsChecked(RunningApp.App app) {
        assertEquals("password", app.adminPost("/api/operators", "{\"username\":\"short\",\"password\":\"short\",\"role\":\"admin\"}")
                .map().get("field"));
        assertEquals("username", app.adminPost("/api/operators", "{\"username\":\"Bad Name\",\"password\":\"" + PASSWORD + "\",\"role\":\"admin\"}")
                .map().get("field"));
        assertEquals("tenantId", app.adminPost("/api/operators", "{\"username\":\"no-tenant\",\"password\":\"" + PASSWORD
                + "\",\"role\":\"tenant_operator\"}").map().get("field"));
        assertEquals("tenantId", app.adminPost("/api/operators", "{\"username\":\"ghost-tenant\",\"password\":\"" + PASSWORD
                + "\",\"role\":\"tenant_operator\",\"tenantId\":\"" + java.util.UUID.randomUUID() + "\"}").map().get("field"));
        assertEquals("role", app.adminPost("/api/operators", "{\"username\":\"odd-role\",\"password\":\"" + PASSWORD
                + "\",\"role\":\"owner\"}").map().get("field"));
        Console.createOperator(app, "once-only", PASSWORD, null);
        assertEquals(409, app.adminPost("/api/operators", "{\"username\":\"once-only\",\"password\":\"" + PASSWORD + "\",\"role\":\"admin\"}").status());
        assertEquals(400, app.adminDelete("/api/operators/admin").status(), "the bootstrap admin stays");
    }

    private static Console.Page replay(RunningApp.App app, String cookie) {
        try {
            java.net.http.HttpResponse<String> r = java.net.http.HttpClient.newHttpClient().send(
                    java.net.http.HttpRequest.newBuilder(java.net.URI.create(app.baseUrl() + "/console")).header("Cookie", cookie).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            return new Console.Page(r.statusCode(), r.body(), r.headers().map());
        } catch (java.io.IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
