package org.rostersync.api.admin;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.rostersync.support.Fixture;
import org.rostersync.support.RunningApp;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A source's vendor contacts through the admin API: saved, read back, and bad input refused naming its field. */
@ExtendWith(RunningApp.class)
class VendorContactsApiTest {

    private static final String GOOD = "{\"contacts\":[{\"name\":\"Aeries support\",\"email\":\"support@aeries.test\"},"
            + "{\"email\":\"sis-team@district.test\"}],\"sendAutomatically\":true}";

    @Test
    void contactsAreSavedApartFromTheRecipientsAndReadBack(RunningApp.App app) {
        Fixture f = Fixture.create(app, "Vendor contacts district");
        Map<String, Object> none = app.adminGet("/api/sources/" + f.sourceId() + "/vendor-contacts").map();
        assertEquals(Map.of("contacts", List.of(), "sendAutomatically", false), none, "a new source has nobody");

        RunningApp.Response saved = put(f, GOOD);
        assertEquals(200, saved.status(), saved.toString());
        Map<String, Object> read = app.adminGet("/api/sources/" + f.sourceId() + "/vendor-contacts").map();
        assertEquals(List.of(Map.of("name", "Aeries support", "email", "support@aeries.test"),
                Map.of("name", "", "email", "sis-team@district.test")), read.get("contacts"));
        assertEquals(true, read.get("sendAutomatically"));
        assertEquals("", app.adminGet("/api/sources/" + f.sourceId() + "/notifications").map().get("recipients"),
                "the run emails' recipients are another setting");
    }

    @Test
    void badContactsAreRefusedNamingTheFieldAndLeaveTheSavedOnesAsTheyWere(RunningApp.App app) {
        Fixture f = Fixture.create(app, "Checked contacts district");
        assertEquals(200, put(f, GOOD).status());
        Map<String, Object> before = app.adminGet("/api/sources/" + f.sourceId() + "/vendor-contacts").map();
        Map<String, String> bad = new LinkedHashMap<>();
        bad.put("{\"contacts\":[{\"email\":\"a@district.test\"},{\"email\":\"not an address\"}]}", "contacts[1].email");
        bad.put("{\"contacts\":[{\"name\":\"Ops\"}]}", "contacts[0].email");
        bad.put("{\"contacts\":[{\"email\":\"Ops <ops@district.test>\"}]}", "contacts[0].email");
        bad.put("{\"contacts\":[{\"email\":\"a@district.test\"},{\"email\":\"A@district.test\"}]}", "contacts[1].email");
        bad.put("{\"contacts\":[{\"name\":\"<script>\",\"email\":\"a@district.test\"}]}", "contacts[0].name");
        bad.put("{\"contacts\":[],\"sendAutomatically\":true}", "sendAutomatically");
        bad.forEach((body, field) -> {
            RunningApp.Response r = put(f, body);
            assertEquals(400, r.status(), body + " -> " + r);
            assertEquals(field, r.map().get("field"), body + " -> " + r);
        });
        RunningApp.Response unknown = put(f, "{\"contacts\":[],\"cc\":\"boss@district.test\"}");
        assertEquals(400, unknown.status(), unknown.toString());
        assertTrue(unknown.body().contains("cc"), unknown.toString());
        assertEquals(before, app.adminGet("/api/sources/" + f.sourceId() + "/vendor-contacts").map(), "nothing was changed");
        assertEquals(404, app.adminPut("/api/sources/" + UUID.randomUUID() + "/vendor-contacts", "{}").status());
    }

    @Test
    void notificationsOnWithoutRecipientsAreRefusedAndANewSourceSaysItNotifiesNobody(RunningApp.App app) {
        Fixture f = Fixture.create(app, "Quiet district");
        Map<String, Object> fresh = app.adminGet("/api/sources/" + f.sourceId() + "/notifications").map();
        assertEquals(false, fresh.get("enabled"), "a new source does not claim to notify anyone: " + fresh);
        assertEquals("", fresh.get("recipients"));
        RunningApp.Response on = app.adminPut("/api/sources/" + f.sourceId() + "/notifications", "{\"enabled\":true}");
        assertEquals(400, on.status(), on.toString());
        assertEquals("recipients", on.map().get("field"));
        assertEquals(fresh, app.adminGet("/api/sources/" + f.sourceId() + "/notifications").map(), "nothing was changed");
    }

    private static RunningApp.Response put(Fixture f, String json) {
        return f.app().adminPut("/api/sources/" + f.sourceId() + "/vendor-contacts", json);
    }
}
