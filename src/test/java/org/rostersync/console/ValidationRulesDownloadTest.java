package org.rostersync.console;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.rostersync.support.Browser;
import org.rostersync.support.Console;
import org.rostersync.support.Fixture;
import org.rostersync.support.RunningApp;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The source page's button downloads the source's rules for {@code rostersync validate --rules}, named after the source. */
@ExtendWith(RunningApp.class)
class ValidationRulesDownloadTest {

    private static final String PASSWORD = "a long enough password";

    @Test
    void theSourcePageDownloadsTheRulesTheAdminApiServesNamedAfterTheSource(RunningApp.App app) throws Exception {
        Fixture f = Fixture.create(app, "Download Rules");
        assertEquals(200, app.adminPut("/api/sources/" + f.sourceId() + "/data-requirements", "{\"users\":{\"email\":\"skip\"}}").status());
        Console.createOperator(app, "downloads-rules", PASSWORD, f.tenantId());

        try (Browser browser = Browser.open(app)) {
            browser.go("/console/login").signIn("downloads-rules", PASSWORD);
            browser.go("/console/sources/" + f.sourceId());
            assertTrue(browser.find("#offline-check").getText().contains("validate --rules FILE DELIVERY"),
                    "the page says what to do with the file: " + browser.find("#offline-check").getText());
            browser.screenshot("source-validation-rules");
            browser.find("#download-rules").click();
            Path downloaded = browser.download("download-rules-sis-rules.json");
            String json = Files.readString(downloaded);
            String served = app.adminGet("/api/sources/" + f.sourceId() + "/rules").body();
            assertEquals(served.replaceAll("\"exportedAt\" : \"[^\"]*\"", ""), json.replaceAll("\"exportedAt\" : \"[^\"]*\"", ""),
                    "the same document as the admin API's, but for when it was read");
            assertTrue(json.contains("\"email\" : \"skip\""), json);
        }
    }

    @Test
    void aTenantOperatorCannotDownloadAnotherTenantsRules(RunningApp.App app) {
        Fixture mine = Fixture.create(app, "Own rules district");
        Fixture theirs = Fixture.create(app, "Foreign rules district");
        Console console = Console.signedInAsNewOperator(app, "own-rules-only", PASSWORD, mine.tenantId());
        Console.Page foreign = console.get("/console/sources/" + theirs.sourceId() + "/rules.json");
        assertEquals(404, foreign.status());
        assertFalse(foreign.body().contains("Foreign rules district"), foreign.body());
        Console.Page own = console.get("/console/sources/" + mine.sourceId() + "/rules.json");
        assertEquals(200, own.status(), own.body());
        assertEquals("attachment; filename=\"own-rules-district-sis-rules.json\"", own.header("Content-Disposition").orElseThrow());
        assertTrue(own.body().contains("\"id\" : \"" + mine.sourceId() + "\""), own.body());
        assertEquals(404, console.get("/console/sources/not-a-uuid/rules.json").status());
    }
}
