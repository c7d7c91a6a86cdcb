package org.rostersync.api;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.rostersync.support.Browser;
import org.rostersync.support.Console;
import org.rostersync.support.RunningApp;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The headers that keep browsers from sniffing our answers' types and other sites from framing our pages. */
@ExtendWith(RunningApp.class)
class SecurityHeadersTest {

    @Test
    void swaggerUiHasAPolicyAllowingOnlyOurOwnFilesAndCannotBeFramed(RunningApp.App app) {
        for (String path : List.of("/openapi/ui/", "/openapi/ui")) {
            RunningApp.Response page = app.get(path, null, null);
            assertEquals(200, page.status(), path);
            String policy = page.header("Content-Security-Policy");
            assertNotNull(policy, path + " has no Content-Security-Policy");
            assertTrue(policy.contains("frame-ancestors 'none'"), policy);
            assertTrue(policy.contains("script-src 'self'") && !policy.contains("script-src 'self' 'unsafe"), policy);
            assertTrue(policy.contains("default-src 'none'"), policy);
            assertEquals("DENY", page.header("X-Frame-Options"), path);
            assertEquals("nosniff", page.header("X-Content-Type-Options"), path);
        }
    }

    @Test
    void swaggerUiStillShowsTheDocumentsUnderItsPolicy(RunningApp.App app) {
        try (Browser browser = Browser.open(app)) {
            browser.go("/openapi/ui/");
            // the title is rendered by the bundle's script from the document it fetched: both allowed by the policy
            assertTrue(browser.find(".swagger-ui .info .title").getText().contains("OneRoster"),
                    browser.find("#swagger-ui").getText());
        }
    }

    @Test
    void everyJsonAnswerTellsTheBrowserNotToSniffItsType(RunningApp.App app) {
        List<RunningApp.Response> answers = List.of(
                app.adminGet("/api/tenants"),
                app.get("/api/tenants", null, null),
                app.adminGet("/api/tenants/not-a-uuid"),
                app.get("/ims/oneroster/v1p1/users", null, null),
                app.post("/oauth/token", "grant_type=client_credentials", "application/x-www-form-urlencoded", null, null),
                app.get("/openapi", null, null),
                app.get("/openapi/admin.yml", null, null),
                app.get("/health", null, null),
                app.get("/no/such/route", null, null));
        for (RunningApp.Response r : answers) {
            assertEquals("nosniff", r.header("X-Content-Type-Options"), r.toString());
        }
    }

    @Test
    void consolePagesRefuseFramingInOldBrowsersToo(RunningApp.App app) {
        Console.createOperator(app, "framed-not", "a long enough password", null);
        Console console = new Console(app);
        assertEquals("DENY", console.get("/console/login").header("X-Frame-Options").orElse(null), "the sign-in page");
        console.signIn("framed-not", "a long enough password");
        Console.Page dashboard = console.get("/console");
        assertEquals(200, dashboard.status());
        assertEquals("DENY", dashboard.header("X-Frame-Options").orElse(null), "the dashboard");
        assertEquals("DENY", console.get("/console/runs/" + java.util.UUID.randomUUID()).header("X-Frame-Options").orElse(null),
                "a page that does not exist");
    }
}
