package org.rostersync.console;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.support.ui.Select;
import org.rostersync.notify.NotificationsTest;
import org.rostersync.support.Browser;
import org.rostersync.support.Console;
import org.rostersync.support.Fixture;
import org.rostersync.support.RunningApp;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The notifications form, a test email through a real SMTP server (GreenMail), and the emails a run sent. */
class NotificationsPageTest {

    private static final String PASSWORD = "a long enough password";
    private static final GreenMail SMTP = new GreenMail(new ServerSetup(NotificationsTest.freePort(), "127.0.0.1",
            ServerSetup.PROTOCOL_SMTP));
    private static final RunningApp.App APP;

    static {
        SMTP.start();
        APP = RunningApp.startWith(Map.of("rostersync.mail.host", "127.0.0.1", "rostersync.mail.port", SMTP.getSmtp().getPort(),
                "rostersync.mail.tls", "none", "rostersync.mail.poll-millis", 100));
    }

    @AfterAll
    static void close() {
        APP.close();
        SMTP.stop();
    }

    @Test
    void aBadAddressIsRefusedNextToTheRecipientsThenATestEmailAndARunsEmailReachTheSavedOnes() throws Exception {
        String domain = NotificationsTest.domain();
        Fixture f = Fixture.create(APP, "Notified district");
        Console.createOperator(APP, "tells", PASSWORD, f.tenantId());
        try (Browser browser = Browser.open(APP)) {
            browser.go("/console/login").signIn("tells", PASSWORD);
            browser.go("/console/sources/" + f.sourceId() + "/notifications");
            assertFalse(browser.find("#enabled").isSelected(), "a new source does not claim to notify anyone");
            assertTrue(browser.all("#mail-banner").isEmpty(), "a mail server is configured: no banner says otherwise");
            assertTrue(browser.find("#source-banner").getText().startsWith("Nobody hears of this source's runs"),
                    browser.find("#source-banner").getText());
            assertTrue(browser.find("#no-emails").getText().startsWith("None: nobody is told"), browser.find("#no-emails").getText());
            browser.submit("#send-test");
            assertTrue(browser.find("#test-outcome").getText().startsWith("No test email was sent: the source has no recipients"),
                    browser.find("#test-outcome").getText());

            type(browser, "#recipients", "ops@" + domain + ", not an address");
            new Select(browser.find("#send")).selectByValue("issues");
            browser.submit("#save-notifications");
            assertTrue(browser.find("#recipients-error").getText().contains("\"not an address\" is not an email address"),
                    browser.find("#recipients-error").getText());
            assertEquals("issues", new Select(browser.find("#send")).getFirstSelectedOption().getAttribute("value"),
                    "what was sent is kept");
            assertEquals("", stored(f).get("recipients"), "nothing was saved");

            type(browser, "#recipients", "ops@" + domain + ", data@" + domain);
            new Select(browser.find("#send")).selectByValue("every_run");
            if (!browser.find("#enabled").isSelected()) {
                browser.find("#enabled").click();
            }
            browser.submit("#save-notifications");
            assertTrue(browser.all("#source-banner").isEmpty(), "somebody hears of the runs now");
            assertTrue(browser.find("#notice").getText().startsWith("Saved"));
            assertEquals("ops@" + domain + ", data@" + domain, stored(f).get("recipients"));

            browser.submit("#send-test");
            assertTrue(browser.find("#test-outcome").getText().startsWith("A test email was sent to ops@" + domain),
                    browser.find("#test-outcome").getText());
            NotificationsTest.awaitMessages(SMTP, domain, 2);

            NotificationsTest.deliverSchool(f, 3);
            f.run();
            NotificationsTest.awaitMessages(SMTP, domain, 4);
            awaitSent(browser, f);
            assertTrue(browser.find("#emails tbody tr").getText().contains("Notified district SIS"), browser.find("#emails").getText());
            browser.driver().manage().window().setSize(new org.openqa.selenium.Dimension(1366, 768));
            browser.screenshot("notifications");
        }
    }

    /** The outbox marks an email sent just after the SMTP server took it; the page shows that once it has. */
    private static void awaitSent(Browser browser, Fixture f) throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            browser.go("/console/sources/" + f.sourceId() + "/notifications");
            if (!browser.all("#emails .status.sent").isEmpty()) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no sent email listed: " + browser.find("main").getText());
    }

    private static void type(Browser browser, String css, String text) {
        browser.find(css).clear();
        browser.find(css).sendKeys(text);
    }

    private static Map<String, Object> stored(Fixture f) {
        return APP.adminGet("/api/sources/" + f.sourceId() + "/notifications").map();
    }
}
