package org.rostersync.console;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.WebElement;
import org.rostersync.intake.sftp.SftpServer;
import org.rostersync.support.Browser;
import org.rostersync.support.Console;
import org.rostersync.support.Fixture;
import org.rostersync.support.RunningApp;
import org.rostersync.support.Sftp;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The delivery page: hosted by default, remote settings saved through the form with the admin API's rules, and the
 * connection test's steps, against the project's own SFTP server (source A hosts the sample; source B pulls it as A's
 * account, as RemoteDeliveryTest does through the API).
 */
@ExtendWith(RunningApp.class)
class DeliveryPageTest {

    private static final String PASSWORD = "a long enough password";
    private static final List<String> STEPS = List.of("name lookup", "connect", "host key", "authentication", "folder", "files");

    @Test
    void aRemoteDeliverySetUpInTheFormPassesEveryStepOfTheTestAndListsTheFiles(RunningApp.App app) throws Exception {
        Fixture a = Fixture.create(app, "Hosting district");
        a.deliver(Fixture.SAMPLE);
        Fixture b = Fixture.create(app, "Pulling district");
        try (Browser browser = signedIn(app, b)) {
            browser.go("/console/sources/" + b.sourceId());
            browser.find("#section-delivery").click();
            assertEquals("/console/sources/" + b.sourceId() + "/delivery", browser.path());
            assertEquals("page", browser.find("#section-delivery").getAttribute("aria-current"));
            assertTrue(browser.find("#delivery-hosted").isSelected(), "hosted is the default");
            assertEquals("sftp://localhost:" + app.sftpPort(), browser.find("#hosted-url").getText());
            assertTrue(browser.find("#hosted-summary").getText().contains(b.sftpUser()), browser.find("#hosted-summary").getText());
            assertTrue(browser.find("#hosted-summary a").getAttribute("href").endsWith("/console/sources/" + b.sourceId() + "/sftp"));

            browser.find("#delivery-remote").click();
            type(browser, "#host", "127.0.0.1");
            type(browser, "#port", Integer.toString(app.sftpPort()));
            type(browser, "#username", a.sftpUser());
            type(browser, "#password", a.sftpPassword());
            type(browser, "#retries", "0");
            browser.submit("#save-delivery");
            assertTrue(browser.find("#notice").getText().startsWith("Saved"), browser.find("#notice").getText());
            assertTrue(browser.find("#delivery-remote").isSelected());
            assertTrue(browser.find("#password-state").getText().startsWith("Set."), browser.find("#password-state").getText());
            assertEquals("", browser.find("#password").getAttribute("value"), "a secret is never shown");
            assertFalse(browser.driver().getPageSource().contains(a.sftpPassword()));
            LabelledFields.assertEveryFieldLabelled(browser);
            Map<String, Object> stored = remote(app, b);
            assertEquals(true, stored.get("enabled"));
            assertEquals(app.sftpPort(), ((Number) stored.get("port")).intValue());
            assertEquals(0, ((Number) stored.get("retries")).intValue());
            assertNull(stored.get("hostKeyFingerprint"));

            browser.submit("#test-connection");
            for (String step : STEPS) {
                WebElement row = browser.find("#steps tr[data-step='" + step + "']");
                assertEquals("ok", row.findElement(org.openqa.selenium.By.cssSelector(".status")).getText(), step + ": " + row.getText());
            }
            assertTrue(browser.find("#steps tr[data-step='host key']").getText().contains("is now pinned"),
                    browser.find("#steps tr[data-step='host key']").getText());
            assertEquals(sampleNames(), browser.all("#remote-files tbody tr td:first-child").stream().map(WebElement::getText)
                    .collect(Collectors.toCollection(TreeSet::new)));
            String pinned = (String) remote(app, b).get("hostKeyFingerprint");
            assertTrue(app.context().getBean(SftpServer.class).hostKeys().stream().anyMatch(k -> k.endsWith(" " + pinned)), pinned);
            assertEquals(pinned, browser.find("#hostKeyFingerprint").getAttribute("value"), "the page shows the key just pinned");
            browser.screenshot("delivery");

            // saving the form unchanged keeps the pin and the password (blank secret fields keep what is stored)
            browser.submit("#save-delivery");
            assertEquals(pinned, remote(app, b).get("hostKeyFingerprint"));
            assertEquals(true, remote(app, b).get("passwordSet"));

            // another host may show another key: the pin is forgotten, though the field still showed it when sent
            type(browser, "#host", "localhost");
            browser.submit("#save-delivery");
            assertNull(remote(app, b).get("hostKeyFingerprint"));
            assertEquals("", browser.find("#hostKeyFingerprint").getAttribute("value"));

            // pinned again by the next test; clearing the field un-pins it
            browser.submit("#test-connection");
            assertEquals(pinned, remote(app, b).get("hostKeyFingerprint"));
            browser.find("#hostKeyFingerprint").clear();
            browser.submit("#save-delivery");
            assertNull(remote(app, b).get("hostKeyFingerprint"));
        }
    }

    @Test
    void aPortOutOfRangeIsRefusedNextToThePortAndNothingIsSaved(RunningApp.App app) {
        Fixture b = Fixture.create(app, "Bad port district");
        try (Browser browser = signedIn(app, b)) {
            browser.go("/console/sources/" + b.sourceId() + "/delivery");
            browser.find("#delivery-remote").click();
            type(browser, "#host", "sftp.district.example");
            type(browser, "#port", "70000");
            type(browser, "#username", "roster");
            type(browser, "#password", "district secret");
            browser.submit("#save-delivery");

            String error = browser.find("#port-error").getText();
            assertTrue(error.contains("from 1 to 65535, not 70000"), error);
            assertEquals("true", browser.find("#port").getAttribute("aria-invalid"));
            assertEquals("70000", browser.find("#port").getAttribute("value"), "what was sent is kept");
            assertEquals("sftp.district.example", browser.find("#host").getAttribute("value"));
            assertTrue(browser.find("#delivery-remote").isSelected());
            assertTrue(browser.find("#form-errors").isDisplayed());
        }
        Map<String, Object> stored = remote(app, b);
        assertEquals(false, stored.get("enabled"), "nothing was saved: " + stored);
        assertNull(stored.get("host"));
        assertEquals(false, stored.get("passwordSet"));
    }

    @Test
    void anUnknownHostFailsAtNameLookupAndTheLaterStepsAreNotReached(RunningApp.App app) {
        Fixture b = Fixture.create(app, "Unknown host district");
        try (Browser browser = signedIn(app, b)) {
            browser.go("/console/sources/" + b.sourceId() + "/delivery");
            browser.find("#delivery-remote").click();
            type(browser, "#host", "no-such-host.invalid");
            type(browser, "#username", "x");
            type(browser, "#password", "secret");
            browser.submit("#save-delivery");
            browser.submit("#test-connection");

            WebElement lookup = browser.find("#steps tr[data-step='name lookup']");
            assertEquals("failed", lookup.findElement(org.openqa.selenium.By.cssSelector(".status")).getText());
            assertTrue(lookup.getText().contains("no-such-host.invalid"), lookup.getText());
            for (String later : STEPS.subList(1, STEPS.size())) {
                assertEquals("not reached", browser.find("#steps tr[data-step='" + later + "'] .status").getText(), later);
            }
            assertEquals("a fetch would fail", browser.find("#report-outcome").getText());
            assertTrue(browser.all("#remote-files").isEmpty());
        }
    }

    @Test
    void testingBeforeTheRemoteServerIsSetUpSaysWhatIsMissing(RunningApp.App app) {
        Fixture b = Fixture.create(app, "Unset district");
        Console console = console(app, b);
        String path = "/console/sources/" + b.sourceId() + "/delivery";

        Console.Page page = console.post(path + "/test", Map.of("_csrf", console.get(path).csrf()));

        assertEquals(400, page.status());
        assertTrue(page.body().contains("id=\"test-refused\">The connection was not tested: the remote delivery is not set up"),
                page.body());
    }

    @Test
    void aPrivateKeyIsWriteOnlyItsPublicHalfShownAndClearedByItsBox(RunningApp.App app, @TempDir Path dir) throws Exception {
        Fixture b = Fixture.create(app, "Key district");
        Console console = console(app, b);
        String path = "/console/sources/" + b.sourceId() + "/delivery";
        Path key = Sftp.newKey(dir, "ed25519", 0);
        String privateKey = Files.readString(key).replace("\n", "\r\n"); // as a browser sends a textarea
        String[] publicHalf = Files.readString(Path.of(key + ".pub")).strip().split(" ");

        Map<String, String> form = remoteForm(console.get(path).csrf());
        form.put("privateKey", privateKey);
        Console.Page saved = console.post(path, form);
        assertEquals(303, saved.status(), saved.body());
        Console.Page page = console.get(path);
        assertTrue(page.body().contains("id=\"public-key\" aria-labelledby=\"public-key-label\">" + publicHalf[0] + " " + publicHalf[1]),
                page.body());
        assertFalse(page.body().contains("PRIVATE KEY-----"), "the private key is never shown");
        assertEquals(true, remote(app, b).get("privateKeySet"));

        Map<String, String> clear = remoteForm(page.csrf());
        clear.put("password", "a password instead");
        clear.put("privateKeyClear", "on");
        assertEquals(303, console.post(path, clear).status());
        Map<String, Object> stored = remote(app, b);
        assertEquals(false, stored.get("privateKeySet"));
        assertEquals(true, stored.get("passwordSet"));
        assertFalse(console.get(path).body().contains("id=\"public-key\""));

        Map<String, String> both = remoteForm(console.get(path).csrf());
        both.put("password", "another password");
        both.put("passwordClear", "on");
        Console.Page refused = console.post(path, both);
        assertEquals(400, refused.status());
        assertTrue(refused.body().contains("id=\"password-error\">Either type a new one or tick"), refused.body());
    }

    @Test
    void anotherTenantsOperatorGetsNotFoundForThePageItsFormAndItsTest(RunningApp.App app) {
        Fixture mine = Fixture.create(app, "My delivery district");
        Fixture theirs = Fixture.create(app, "Their delivery district");
        Console console = console(app, mine);
        String csrf = console.get("/console/sources/" + mine.sourceId() + "/delivery").csrf();
        String theirPath = "/console/sources/" + theirs.sourceId() + "/delivery";

        assertEquals(404, console.get(theirPath).status());
        Map<String, String> form = remoteForm(csrf);
        Console.Page refused = console.post(theirPath, form);
        assertEquals(404, refused.status());
        assertFalse(refused.body().contains("Their delivery district"));
        assertEquals(404, console.post(theirPath + "/test", Map.of("_csrf", csrf)).status());
        assertEquals(false, remote(app, theirs).get("enabled"));
    }

    private static Map<String, String> remoteForm(String csrf) {
        Map<String, String> form = new HashMap<>(Map.of("_csrf", csrf, "delivery", "remote", "host", "sftp.district.example",
                "port", "22", "username", "roster"));
        form.put("password", "");
        return form;
    }

    private static Browser signedIn(RunningApp.App app, Fixture f) {
        Browser browser = Browser.open(app);
        browser.go("/console/login").signIn(operatorOf(app, f), PASSWORD);
        return browser;
    }

    private static Console console(RunningApp.App app, Fixture f) {
        Console console = new Console(app);
        console.signIn(operatorOf(app, f), PASSWORD);
        return console;
    }

    private static String operatorOf(RunningApp.App app, Fixture f) {
        String username = "delivery-op-" + UUID.randomUUID().toString().substring(0, 8);
        Console.createOperator(app, username, PASSWORD, f.tenantId());
        return username;
    }

    private static void type(Browser browser, String css, String text) {
        browser.find(css).clear();
        browser.find(css).sendKeys(text);
    }

    private static Map<String, Object> remote(RunningApp.App app, Fixture f) {
        return app.adminGet("/api/sources/" + f.sourceId() + "/remote-delivery").map();
    }

    private static TreeSet<String> sampleNames() throws Exception {
        try (Stream<Path> files = Files.list(Fixture.SAMPLE)) {
            return files.map(p -> p.getFileName().toString()).collect(Collectors.toCollection(TreeSet::new));
        }
    }
}
