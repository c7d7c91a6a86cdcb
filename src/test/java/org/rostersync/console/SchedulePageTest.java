package org.rostersync.console;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.rostersync.support.Browser;
import org.rostersync.support.Console;
import org.rostersync.support.Fixture;
import org.rostersync.support.RunningApp;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The schedule form: the same rules as the admin API, errors next to their fields, and the next runs in the zone. */
@ExtendWith(RunningApp.class)
class SchedulePageTest {

    private static final String PASSWORD = "a long enough password";

    @Test
    void aScheduleSetInTheBrowserIsSavedAndItsNextRunsAreShownInTheSourcesZone(RunningApp.App app) {
        Fixture f = Fixture.create(app, "Scheduled district");
        Console.createOperator(app, "schedules", PASSWORD, f.tenantId());
        try (Browser browser = Browser.open(app)) {
            browser.go("/console/login").signIn("schedules", PASSWORD);
            browser.go("/console/sources/" + f.sourceId());
            browser.find("#section-schedule").click();
            assertEquals("America/New_York", browser.find("#timeZone").getAttribute("value"), "the default is shown");
            assertEquals(5, browser.all("#next-runs li").size());
            assertTrue(browser.find("#next-runs li").getText().contains("02:00"), browser.find("#next-runs").getText());

            type(browser, "#timeZone", "Europe/Berlin");
            browser.find("#day\\.saturday").click();
            browser.find("#day\\.sunday").click();
            type(browser, "#blackouts", "2027-07-01 to 2027-08-31 Summer break\n2027-12-24 2027-12-26");
            browser.find("#runOnArrival").click();
            type(browser, "#arrivalQuietMinutes", "10");
            browser.submit("#save-schedule");

            assertTrue(browser.find("#notice").getText().startsWith("Saved"), browser.find("#notice").getText());
            Map<String, Object> stored = schedule(app, f);
            assertEquals("Europe/Berlin", stored.get("timeZone"));
            assertEquals(List.of("monday", "tuesday", "wednesday", "thursday", "friday"), stored.get("days"));
            assertEquals(List.of(Map.of("from", "2027-07-01", "to", "2027-08-31", "note", "Summer break"),
                    Map.of("from", "2027-12-24", "to", "2027-12-26")), withoutNulls(stored.get("blackouts")));
            assertEquals(true, stored.get("runOnArrival"));
            assertEquals(10, ((Number) stored.get("arrivalQuietMinutes")).intValue());
            String next = browser.find("#next-runs").getText();
            assertTrue(next.contains("CET") || next.contains("CEST"), next);
            assertFalse(next.contains("Sat") || next.contains("Sun"), next);
            browser.screenshot("schedule");
        }
    }

    @Test
    void aZoneWithoutDaylightSavingAndABadBlackoutLineAreRefusedNextToTheirFieldsAndNothingIsSaved(RunningApp.App app) {
        Fixture f = Fixture.create(app, "Badly scheduled district");
        Console console = Console.signedInAsNewOperator(app, "mis-schedules", PASSWORD, f.tenantId());
        String path = "/console/sources/" + f.sourceId() + "/schedule";
        String csrf = console.get(path).csrf();

        Console.Page zone = console.post(path, Map.of("_csrf", csrf, "enabled", "on", "timeZone", "EST", "startTime", "02:00"));
        assertEquals(400, zone.status());
        assertTrue(zone.body().contains("id=\"timeZone-error\">timeZone must be an IANA time zone"), zone.body());
        assertTrue(zone.body().contains("value=\"EST\""), "what was sent is kept");

        Console.Page line = console.post(path, Map.of("_csrf", csrf, "enabled", "on", "timeZone", "UTC", "startTime", "02:00",
                "blackouts", "2027-07-01 to 2027-08-31\n\n2027-12-26 to 2027-12-24 backwards"));
        assertEquals(400, line.status());
        assertTrue(line.body().contains("id=\"blackouts-error\">Line 3: blackouts[1].to 2027-12-24 is before its from"), line.body());

        Console.Page repeat = console.post(path, Map.of("_csrf", csrf, "timeZone", "UTC", "repeatEveryMinutes", "often"));
        assertEquals(400, repeat.status());
        assertTrue(repeat.body().contains("id=\"repeatEveryMinutes-error\">repeatEveryMinutes must be a whole number, not"),
                repeat.body());

        assertEquals("America/New_York", schedule(app, f).get("timeZone"), "nothing was saved");
        assertEquals(List.of(), schedule(app, f).get("blackouts"));
    }

    private static void type(Browser browser, String css, String text) {
        browser.find(css).clear();
        browser.find(css).sendKeys(text);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> schedule(RunningApp.App app, Fixture f) {
        return (Map<String, Object>) app.adminGet("/api/sources/" + f.sourceId() + "/schedule").map().get("schedule");
    }

    private static List<Map<String, Object>> withoutNulls(Object blackouts) {
        return ((List<?>) blackouts).stream().map(b -> {
            Map<String, Object> out = new java.util.LinkedHashMap<>();
            ((Map<?, ?>) b).forEach((k, v) -> {
                if (v != null) {
                    out.put((String) k, v);
                }
            });
            return out;
        }).toList();
    }
}
