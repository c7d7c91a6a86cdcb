package org.rostersync.console;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.rostersync.support.Browser;
import org.rostersync.support.Console;
import org.rostersync.support.Fixture;
import org.rostersync.support.RunningApp;
import org.rostersync.support.Tokens;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A tenant operator's own account, from the header of every page: it changes its password (refusals next to their
 * fields, nothing changed; then its other sessions signed out, and it says so), and makes an API token shown once with a
 * copy button, which its script uses until it is revoked.
 */
@ExtendWith(RunningApp.class)
class AccountPageBrowserTest {

    private static final String PASSWORD = "a long enough password";
    private static final String NEW_PASSWORD = "an even longer new password";

    @Test
    void anOperatorChangesItsPasswordAndItsOtherSessionsAreSignedOut(RunningApp.App app) {
        Fixture f = Fixture.create(app, "Account district");
        String operator = "acct-" + UUID.randomUUID().toString().substring(0, 8);
        Console elsewhere = Console.signedInAsNewOperator(app, operator, PASSWORD, f.tenantId());
        try (Browser browser = Browser.open(app)) {
            browser.go("/console/login").signIn(operator, PASSWORD);
            browser.go("/console/sources/" + f.sourceId());
            browser.find("#your-account").click();
            assertEquals("/console/account", browser.path());
            assertEquals(operator, browser.find("#account-username").getText());
            LabelledFields.assertEveryFieldLabelled(browser);

            fill(browser, "not my password", NEW_PASSWORD, NEW_PASSWORD);
            browser.submit("#change-password");
            assertEquals("that is not your current password", browser.find("#currentPassword-error").getText());
            assertEquals("true", browser.find("#currentPassword").getAttribute("aria-invalid"));
            assertEquals("", browser.find("#newPassword").getAttribute("value"), "a password is never sent back");

            fill(browser, PASSWORD, NEW_PASSWORD, NEW_PASSWORD + "!");
            browser.submit("#change-password");
            assertTrue(browser.find("#repeatPassword-error").getText().contains("differ"), browser.find("#repeatPassword-error").getText());

            // a new password under 12 characters the browser itself refuses (minlength); the server's rule is the API test's
            assertEquals(200, elsewhere.get("/console").status(), "nothing was changed: the other session lives");

            fill(browser, PASSWORD, NEW_PASSWORD, NEW_PASSWORD);
            browser.submit("#change-password");
            String notice = browser.find("#notice").getText();
            assertTrue(notice.startsWith("Password changed. Your 1 other session was signed out"), notice);
            assertEquals(303, elsewhere.get("/console").status(), "the other session ended");
            browser.go("/console");
            assertEquals("/console", browser.path(), "this session goes on");

            Console again = new Console(app);
            again.signIn(operator, PASSWORD);
            assertNull(again.cookie(), "the old password is refused");
            again.signIn(operator, NEW_PASSWORD);
            assertEquals(200, again.get("/console").status(), "the new one signs in");
        }
    }

    @Test
    void anOperatorMakesATokenCopiesItOnceUsesItAndRevokesIt(RunningApp.App app) {
        Fixture f = Fixture.create(app, "Token page district");
        String operator = "tokp-" + UUID.randomUUID().toString().substring(0, 8);
        Console.createOperator(app, operator, PASSWORD, f.tenantId());
        try (Browser browser = Browser.open(app)) {
            Clipboard.allow(browser, app.baseUrl());
            browser.go("/console/login").signIn(operator, PASSWORD);
            browser.find("#your-account").click();
            assertEquals("You have no API token yet.", browser.find("#no-tokens").getText());

            browser.submit("#create-token");
            assertTrue(browser.find("#tokenName-error").getText().startsWith("name: 1 to 100 characters"),
                    browser.find("#tokenName-error").getText());

            browser.find("#tokenName").sendKeys("nightly export");
            browser.submit("#create-token");
            String token = browser.find("#new-token").getText();
            assertTrue(token.startsWith("rst_"), token);
            browser.find("#copy-new-token").click();
            new WebDriverWait(browser.driver(), Duration.ofSeconds(5))
                    .until(d -> !browser.find("#copy-new-token-status").getText().isEmpty());
            assertEquals("Copied to the clipboard.", browser.find("#copy-new-token-status").getText());
            assertEquals(token, Clipboard.read(browser), "the button copied the token");
            Clipboard.screenshot(browser, "account");

            RunningApp.Response me = Tokens.call(app, "GET", "/api/tenants/" + f.tenantId() + "/sources", null, token);
            assertEquals(200, me.status(), "the script reads its tenant with it: " + me);

            browser.find("#your-account").click();
            assertFalse(browser.driver().getPageSource().contains(token), "the token is shown once only");
            String id = browser.find("tr[data-token] ").getAttribute("data-token");
            String row = browser.find("tr[data-token='" + id + "']").getText();
            assertTrue(row.contains("nightly export") && !browser.find("tr[data-token='" + id + "'] .last-used").getText().equals("never"),
                    row);

            browser.submit("#revoke-" + id);
            assertTrue(browser.find("#notice").getText().startsWith("API token revoked"), browser.find("#notice").getText());
            assertEquals(List.of(), browser.all("tr[data-token]"));
            assertEquals(401, Tokens.call(app, "GET", "/api/tenants/" + f.tenantId() + "/sources", null, token).status(),
                    "refused at once");
        }
    }

    private static void fill(Browser browser, String current, String next, String repeat) {
        for (Map.Entry<String, String> field : Map.of("#currentPassword", current, "#newPassword", next, "#repeatPassword", repeat)
                .entrySet()) {
            browser.find(field.getKey()).clear();
            browser.find(field.getKey()).sendKeys(field.getValue());
        }
    }
}
