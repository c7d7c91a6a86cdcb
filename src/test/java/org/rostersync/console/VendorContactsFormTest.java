package org.rostersync.console;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.rostersync.support.Console;
import org.rostersync.support.Fixture;
import org.rostersync.support.RunningApp;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The vendor contacts form of a source's Notifications page: one contact a line, a bad one refused next to the field. */
@ExtendWith(RunningApp.class)
class VendorContactsFormTest {

    @Test
    void contactsTypedOneALineAreSavedAndABadLineIsRefusedLeavingTheSavedOnes(RunningApp.App app) {
        Fixture f = Fixture.create(app, "Contacts form district");
        Console console = Console.signedInAsNewOperator(app, "sets-contacts", "a long enough password", f.tenantId());
        String path = "/console/sources/" + f.sourceId() + "/notifications";
        String csrf = console.get(path).csrf();

        Console.Page saved = console.post(path + "/vendor-contacts", Map.of("_csrf", csrf,
                "contacts", "Aeries support <support@aeries.test>\n\nsis@district.test\n", "sendAutomatically", "on"));
        assertEquals(303, saved.status(), saved.body());
        Map<String, Object> stored = app.adminGet("/api/sources/" + f.sourceId() + "/vendor-contacts").map();
        assertEquals(List.of(Map.of("name", "Aeries support", "email", "support@aeries.test"),
                Map.of("name", "", "email", "sis@district.test")), stored.get("contacts"));
        assertEquals(true, stored.get("sendAutomatically"));
        assertTrue(console.get(path).body().contains("Aeries support &lt;support@aeries.test&gt;\nsis@district.test</textarea>"),
                "the form shows them one a line");

        Console.Page refused = console.post(path + "/vendor-contacts", Map.of("_csrf", csrf,
                "contacts", "sis@district.test\nnot an address"));
        assertEquals(400, refused.status());
        assertTrue(refused.body().contains("id=\"contacts-error\">contacts[1].email \"not an address\" is not an email address"),
                refused.body());
        assertTrue(refused.body().contains("not an address</textarea>"), "what was typed comes back");
        assertEquals(stored, app.adminGet("/api/sources/" + f.sourceId() + "/vendor-contacts").map(), "nothing was saved");
    }
}
