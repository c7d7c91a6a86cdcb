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

/** The attribute mapping page: a bad column refused next to its field, a mapping saved and read by the next run. */
@ExtendWith(RunningApp.class)
class AttributeMappingPageTest {

    private static final String PASSWORD = "a long enough password";
    private static final String MANIFEST = "propertyName,value\nmanifest.version,1.0\noneroster.version,1.1\nfile.orgs,bulk\nfile.users,bulk\n";
    private static final String ORGS = "sourcedId,status,dateLastModified,name,type,identifier,parentSourcedId\ns1,,,School One,school,,\n";
    private static final String USERS = "sourcedId,status,dateLastModified,enabledUser,orgSourcedIds,role,username,givenName,familyName,"
            + "identifier,email,metadata.studentNumber\n"
            + "u1,,,true,s1,student,ann,Ann,Lee,SIS-1,ann@example.org,100001\n";

    @Test
    void aColumnTooLongIsRefusedNextToItsFieldAndAMappedIdentifierIsReadFromItsColumnByTheNextRun(RunningApp.App app) {
        Fixture f = Fixture.create(app, "Attributes district").withoutSafeguards();
        Console.createOperator(app, "attributes-op", PASSWORD, f.tenantId());
        try (Browser browser = Browser.open(app)) {
            browser.go("/console/login").signIn("attributes-op", PASSWORD);
            browser.go("/console/sources/" + f.sourceId());
            browser.find("#section-attributes").click();
            assertEquals("/console/sources/" + f.sourceId() + "/attributes", browser.path());
            assertEquals("page", browser.find("#section-attributes").getAttribute("aria-current"));
            assertEquals("identifier", field(browser, "users.identifier").getAttribute("value"), "read from its own column");
            assertTrue(browser.find("[id='users.identifier-default']").getText().contains("default: identifier"));
            assertEquals("users.identifier", browser.find("label[for='users.identifier']").getAttribute("for"));

            field(browser, "users.identifier").clear();
            field(browser, "users.identifier").sendKeys("metadata.studentNumber");
            field(browser, "users.username").clear();
            field(browser, "users.username").sendKeys("c".repeat(256));
            browser.submit("#save-attributes");
            String error = browser.find("[id='users.username-error']").getText();
            assertTrue(error.contains("users.username must name a column of users.csv (1 to 255 characters)"), error);
            assertEquals("true", field(browser, "users.username").getAttribute("aria-invalid"));
            assertEquals("metadata.studentNumber", field(browser, "users.identifier").getAttribute("value"), "what was sent is kept");
            assertTrue(browser.find("#form-errors").isDisplayed());
            assertEquals(false, attribute(app, f, "users", "identifier").get("mapped"), "nothing was saved");

            field(browser, "users.username").clear(); // blank: read from its own column
            browser.submit("#save-attributes");
            assertTrue(browser.find("#notice").getText().startsWith("Saved"), browser.find("#notice").getText());
            assertEquals("metadata.studentNumber", field(browser, "users.identifier").getAttribute("value"));
            assertEquals("username", field(browser, "users.username").getAttribute("value"));
            assertTrue(browser.find("#mapped-count").getText().startsWith("1 attribute"), browser.find("#mapped-count").getText());
            assertEquals(Map.of("attribute", "identifier", "column", "metadata.studentNumber", "mapped", true),
                    attribute(app, f, "users", "identifier"));
            assertEquals(false, attribute(app, f, "users", "username").get("mapped"));
            browser.screenshot("attribute-mapping");
        }

        f.deliver("manifest.csv", MANIFEST);
        f.deliver("orgs.csv", ORGS);
        f.deliver("users.csv", USERS);
        f.run();
        Map<?, ?> user = (Map<?, ?>) f.oneRoster("/users/u1").map().get("user");
        assertEquals("100001", user.get("identifier"), "read from metadata.studentNumber, not SIS-1: " + user);
        assertEquals("ann", user.get("username"));
    }

    @Test
    void anotherTenantsOperatorGetsNotFoundForTheAttributeMappingAndItsForm(RunningApp.App app) {
        Fixture mine = Fixture.create(app, "Mapped district");
        Fixture theirs = Fixture.create(app, "Other mapped district");
        Console console = Console.signedInAsNewOperator(app, "not-their-attributes", PASSWORD, mine.tenantId());
        String csrf = console.get("/console/sources/" + mine.sourceId() + "/attributes").csrf();
        assertEquals(404, console.get("/console/sources/" + theirs.sourceId() + "/attributes").status());
        Console.Page refused = console.post("/console/sources/" + theirs.sourceId() + "/attributes",
                Map.of("_csrf", csrf, "users.identifier", "metadata.x"));
        assertEquals(404, refused.status());
        assertFalse(refused.body().contains("Other mapped district"));
        assertEquals(403, console.post("/console/sources/" + mine.sourceId() + "/attributes",
                Map.of("_csrf", "not the token", "users.identifier", "metadata.x")).status());
        assertEquals(false, attribute(app, theirs, "users", "identifier").get("mapped"));
        assertEquals(false, attribute(app, mine, "users", "identifier").get("mapped"));
    }

    private static org.openqa.selenium.WebElement field(Browser browser, String name) {
        return browser.find("[id='" + name + "']");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> attribute(RunningApp.App app, Fixture f, String entity, String attribute) {
        RunningApp.Response r = app.adminGet("/api/sources/" + f.sourceId() + "/attribute-mapping");
        for (Map<String, Object> e : (List<Map<String, Object>>) r.map().get("entities")) {
            if (entity.equals(e.get("entity"))) {
                for (Map<String, Object> a : (List<Map<String, Object>>) e.get("attributes")) {
                    if (attribute.equals(a.get("attribute"))) {
                        return a;
                    }
                }
            }
        }
        throw new AssertionError(entity + "." + attribute + " not in " + r);
    }
}
