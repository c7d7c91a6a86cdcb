package org.rostersync.console;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.rostersync.support.Browser;
import org.rostersync.support.Console;
import org.rostersync.support.Fixture;
import org.rostersync.support.RunningApp;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The safeguards form: defaults shown, a bad percentage refused next to its field, a good one saved. */
@ExtendWith(RunningApp.class)
class SafeguardsPageTest {

    private static final String PASSWORD = "a long enough password";

    @Test
    void aPercentageOutOfRangeIsShownNextToItsFieldAndAGoodOneIsSavedFromTheBrowser(RunningApp.App app) {
        Fixture f = Fixture.create(app, "Safeguards district");
        Console.createOperator(app, "guards", PASSWORD, f.tenantId());
        try (Browser browser = Browser.open(app)) {
            browser.go("/console/login").signIn("guards", PASSWORD);
            browser.go("/console/sources/" + f.sourceId());
            browser.find("#section-safeguards").click();
            assertEquals("/console/sources/" + f.sourceId() + "/safeguards", browser.path());
            assertEquals("page", browser.find("#section-safeguards").getAttribute("aria-current"));
            assertEquals("10", browser.find("#maxDeletedPercent").getAttribute("value"));
            assertEquals("75", browser.find("#maxChangedPercent").getAttribute("value"));

            browser.find("#maxDeletedPercent").clear();
            browser.find("#maxDeletedPercent").sendKeys("150");
            browser.find("#maxChangedPercent").clear();
            browser.find("#maxChangedPercent").sendKeys("40");
            browser.submit("#save-safeguards");
            assertTrue(browser.find("#maxDeletedPercent-error").getText().contains("from 0 to 100, not \"150\""),
                    browser.find("#maxDeletedPercent-error").getText());
            assertEquals("true", browser.find("#maxDeletedPercent").getAttribute("aria-invalid"));
            assertEquals("40", browser.find("#maxChangedPercent").getAttribute("value"), "what was sent is kept");
            assertEquals(Map.of("maxDeletedPercent", 10, "maxChangedPercent", 75, "neverDelete", false), stored(app, f),
                    "nothing was saved");

            browser.find("#maxDeletedPercent").clear();
            browser.find("#maxDeletedPercent").sendKeys("5");
            browser.find("#neverDelete").click();
            browser.submit("#save-safeguards");
            assertTrue(browser.find("#notice").getText().startsWith("Saved"), browser.find("#notice").getText());
            assertEquals(Map.of("maxDeletedPercent", 5, "maxChangedPercent", 40, "neverDelete", true), stored(app, f));
            assertTrue(browser.find("#neverDelete").isSelected());
            assertNull(browser.find("#maxDeletedPercent").getAttribute("aria-invalid"));
            browser.screenshot("safeguards");
        }
    }

    @Test
    void anotherTenantsOperatorGetsNotFoundForTheSettingsPageAndItsForm(RunningApp.App app) {
        Fixture mine = Fixture.create(app, "Guarded district");
        Fixture theirs = Fixture.create(app, "Other guarded district");
        Console console = Console.signedInAsNewOperator(app, "not-theirs", PASSWORD, mine.tenantId());
        String csrf = console.get("/console/sources/" + mine.sourceId() + "/safeguards").csrf();
        assertEquals(404, console.get("/console/sources/" + theirs.sourceId() + "/safeguards").status());
        Console.Page refused = console.post("/console/sources/" + theirs.sourceId() + "/safeguards",
                Map.of("_csrf", csrf, "maxDeletedPercent", "0", "maxChangedPercent", "0"));
        assertEquals(404, refused.status());
        assertFalse(refused.body().contains("Other guarded district"));
        assertEquals(10, ((Number) stored(app, theirs).get("maxDeletedPercent")).intValue());
    }

    private static Map<String, Object> stored(RunningApp.App app, Fixture f) {
        return app.adminGet("/api/sources/" + f.sourceId() + "/safeguards").map();
    }
}
