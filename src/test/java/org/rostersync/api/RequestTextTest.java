package org.rostersync.api;

import ch.qos.logback.classic.spi.ILoggingEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.rostersync.support.CapturedLog;
import org.rostersync.support.Console;
import org.rostersync.support.Fixture;
import org.rostersync.support.RunningApp;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * No request text reaches the database unchecked: a control character in any text field, query parameter or path is
 * refused with a 400 naming the field, and no answer ever carries a database's or Java's error text.
 */
@ExtendWith(RunningApp.class)
class RequestTextTest {

    private static final String PASSWORD = "a long enough password";

    @Test
    void theAdminApiRefusesControlCharactersInAnyJsonTextNamingTheField(RunningApp.App app) {
        Fixture f = Fixture.create(app, "Control district");
        assertRefused(app.adminPost("/api/tenants", "{\"name\":\"Riverside\\u0000USD\"}"), "name");
        assertRefused(app.adminPost("/api/tenants", "{\"name\":\"Two\\nlines\"}"), "name");
        assertRefused(app.adminPost("/api/tenants", "{\"name\":\"Rubout\\u007f\"}"), "name");
        assertRefused(app.adminPost("/api/tenants/" + f.tenantId() + "/sources",
                "{\"name\":\"Aeries\",\"sftp\":{\"username\":\"ctl-user\",\"password\":\"pass\\u0001word\"}}"), "sftp.password");
        assertRefused(app.adminPost("/api/tenants/" + f.tenantId() + "/api-clients", "{\"name\":\"Canvas\\u0000\"}"), "name");
        assertRefused(app.adminPut("/api/sources/" + f.sourceId() + "/schedule",
                "{\"timeZone\":\"UTC\",\"blackouts\":[{\"from\":\"2027-06-20\",\"to\":\"2027-08-20\",\"note\":\"sum\\u0000mer\"}]}"),
                "blackouts[0].note");
        assertRefused(app.adminPut("/api/sources/" + f.sourceId() + "/notifications", "{\"recipients\":\"ops@district.org\\u0000\"}"),
                "recipients");
        assertEquals(List.of(), app.adminGet("/api/tenants").list().stream()
                .filter(t -> String.valueOf(t.get("name")).startsWith("Riverside")).toList(), "nothing was made");
    }

    @Test
    void queryParametersAndPathsWithControlCharactersAreRefusedBeforeTheDatabase(RunningApp.App app) {
        Fixture f = Fixture.create(app, "Query control district");
        assertRefused(app.adminGet("/api/tenants/" + f.tenantId() + "/api-reads?clientId=a%00b"), "clientId");
        assertRefused(app.adminDelete("/api/operators/some%00one"), "path");
        assertRefused(app.put("/api/operators/some%00one/password", "{\"password\":\"another long password\"}", "admin",
                RunningApp.ADMIN_PASSWORD), "path");
    }

    @Test
    void aClientIdWithAControlCharacterIsNoClientOnTheOneRosterApiAndItsTokenEndpoint(RunningApp.App app) {
        Fixture f = Fixture.create(app, "Client control district");
        RunningApp.Response basic = app.get("/ims/oneroster/v1p1/users", f.clientId() + "\u0000", f.clientSecret());
        assertEquals(401, basic.status(), "a client id with a NUL is no client: " + basic);
        assertNoInternals(basic.body());

        RunningApp.Response token = app.post("/oauth/token", "grant_type=client_credentials&client_id=a%00b&client_secret=x",
                "application/x-www-form-urlencoded", null, null);
        assertEquals(401, token.status(), token.toString());
        assertEquals("invalid_client", token.map().get("error"));
        assertNoInternals(token.body());

        RunningApp.Response filter = app.get("/ims/oneroster/v1p1/users?filter=" + java.net.URLEncoder.encode("givenName='Zo\u0000'",
                java.nio.charset.StandardCharsets.UTF_8), f.clientId(), f.clientSecret());
        assertEquals(400, filter.status(), filter.toString());
        assertNoInternals(filter.body());
    }

    @Test
    void consoleFormsRefuseControlCharactersWithTheErrorNextToTheField(RunningApp.App app) {
        Fixture f = Fixture.create(app, "Console control district");
        Console console = Console.signedInAsNewOperator(app, "control-admin", PASSWORD, null);
        String csrf = console.get("/console/tenants").csrf();

        Console.Page tenant = console.post("/console/tenants", Map.of("_csrf", csrf, "name", "Riverside\u0000USD"));
        assertFormRefused(tenant, "name");

        String tenantPage = "/console/tenants/" + f.tenantId();
        assertFormRefused(console.post(tenantPage + "/sources", Map.of("_csrf", csrf, "sourceName", "Aeries\u0000",
                "sftpUsername", "ctl-console", "sftpPassword", "long enough password")), "sourceName");
        assertFormRefused(console.post(tenantPage + "/api-clients", Map.of("_csrf", csrf, "clientName", "Canvas\u0000")), "clientName");

        String schedule = "/console/sources/" + f.sourceId() + "/schedule";
        assertFormRefused(console.post(schedule, Map.of("_csrf", csrf, "enabled", "on", "timeZone", "UTC", "startTime", "02:00",
                "blackouts", "2027-07-01 to 2027-08-31 Sum\u0000mer")), "blackouts");
        Console.Page lines = console.post(schedule, Map.of("_csrf", csrf, "enabled", "on", "timeZone", "UTC", "startTime", "02:00",
                "blackouts", "2027-07-01 to 2027-08-31 Summer\r\n2027-12-24 to 2027-12-26\tWinter"));
        assertEquals(303, lines.status(), "a list typed one per line keeps its line breaks and tabs: " + lines.body());

        assertFormRefused(console.post("/console/sources/" + f.sourceId() + "/notifications", Map.of("_csrf", csrf, "enabled", "on",
                "recipients", "ops@district.org\u0007", "send", "every_run", "digestTime", "07:00")), "recipients");
        assertFormRefused(console.post("/console/sources/" + f.sourceId() + "/sftp", Map.of("_csrf", csrf, "enabled", "on",
                "username", "ctl\u0000user", "authorizedKeys", "", "allowedNetworks", "")), "username");
    }

    @Test
    void aSignInWithAControlCharacterIsRefusedNotFailedOnTheConsoleAndTheApi(RunningApp.App app) {
        Console.Page page = new Console(app).signIn("admin\u0000", "whatever it is");
        assertEquals(400, page.status(), page.body());
        assertTrue(page.body().contains("control character U+0000"), page.body());
        assertNoInternals(page.body());

        RunningApp.Response api = app.get("/api/tenants", "adm\u0000in", RunningApp.ADMIN_PASSWORD);
        assertEquals(401, api.status(), "the admin API's login shares the check: " + api);
        assertNoInternals(api.body());
    }

    @Test
    void aServerErrorSaysOnlyThatItFailedAndGivesTheIdTheLogLineCarries(RunningApp.App app) {
        try (CapturedLog log = CapturedLog.of(ErrorResponses.class)) {
            RunningApp.Response failed = app.get(FailingRoute.PATH, null, null);
            assertEquals(500, failed.status());
            assertNoInternals(failed.body());
            assertFalse(failed.body().contains(FailingRoute.SECRET), failed.body());
            Matcher id = Pattern.compile("error id ([0-9a-f-]{36})").matcher(failed.body());
            assertTrue(id.find(), "the answer gives an id: " + failed.body());
            ILoggingEvent line = log.events().stream().filter(e -> e.getFormattedMessage().contains(id.group(1))).findFirst()
                    .orElseThrow(() -> new AssertionError("no log line with " + id.group(1)));
            assertTrue(line.getThrowableProxy().getMessage().contains(FailingRoute.SECRET), "the log line has the exception");
        }
    }

    private static void assertRefused(RunningApp.Response r, String field) {
        assertEquals(400, r.status(), field + ": " + r);
        assertEquals(field, r.map().get("field"), r.toString());
        assertTrue(String.valueOf(r.map().get("message")).contains("control character"), r.toString());
        assertNoInternals(r.body());
    }

    private static void assertFormRefused(Console.Page page, String field) {
        assertEquals(400, page.status(), field + ": " + page.body());
        assertTrue(page.body().contains("id=\"" + field + "-error\""), "the error is next to " + field + ": " + page.body());
        assertTrue(page.body().contains("control character U+00"), page.body());
        assertNoInternals(page.body());
    }

    private static void assertNoInternals(String body) {
        for (String internal : List.of("PSQLException", "org.postgresql", "ERROR:", "invalid byte sequence", "Exception", "java.")) {
            assertFalse(body.contains(internal), "the answer carries '" + internal + "': " + body);
        }
    }
}
