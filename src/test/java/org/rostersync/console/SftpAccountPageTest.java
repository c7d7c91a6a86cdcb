package org.rostersync.console;

import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.sftp.SFTPClient;
import net.schmizz.sshj.userauth.UserAuthException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.rostersync.intake.sftp.SftpServer;
import org.rostersync.support.Browser;
import org.rostersync.support.Console;
import org.rostersync.support.Fixture;
import org.rostersync.support.RunningApp;
import org.rostersync.support.Sftp;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The SFTP account page: what a vendor needs to connect, a reset password that logs in over real SFTP, keys and
 * networks typed one per line with a refusal naming the line, and no reach into another tenant's source.
 */
@ExtendWith(RunningApp.class)
class SftpAccountPageTest {

    private static final String PASSWORD = "a long enough password";

    @Test
    void aResetMakesAPasswordShownOnceThatLogsInOverSftpAndTheOldOneNoLonger(RunningApp.App app) throws Exception {
        Fixture f = Fixture.create(app, "Reset district");
        String operator = operatorOf(app, f);
        try (Browser browser = Browser.open(app)) {
            browser.go("/console/login").signIn(operator, PASSWORD);
            browser.go("/console/sources/" + f.sourceId());
            browser.find("#section-sftp").click();
            assertEquals("/console/sources/" + f.sourceId() + "/sftp", browser.path());
            assertEquals("page", browser.find("#section-sftp").getAttribute("aria-current"));
            assertEquals(Integer.toString(app.sftpPort()), browser.find("#sftp-port").getText());
            assertEquals(f.sftpUser(), browser.find("#sftp-username").getText());
            assertEquals("sftp://" + f.sftpUser() + "@localhost:" + app.sftpPort(), browser.find("#sftp-url").getText());
            List<String> hostKeys = app.context().getBean(SftpServer.class).hostKeys();
            assertEquals(hostKeys, browser.all("#host-keys li").stream().map(e -> e.getText()).toList());
            assertTrue(browser.find("#password-state").getText().startsWith("set, changed "), browser.find("#password-state").getText());
            assertTrue(browser.all("#generated-password").isEmpty(), "no password is shown before a reset");
            LabelledFields.assertEveryFieldLabelled(browser);

            browser.submit("#reset-password");
            String generated = browser.find("#generated-password").getText();
            assertEquals(24, generated.length(), generated);
            assertTrue(generated.chars().allMatch(c -> PasswordGenerator.ALPHABET.indexOf(c) >= 0), generated);
            assertTrue(browser.find("#notice").getText().contains("shown only this once"), browser.find("#notice").getText());
            browser.screenshot("sftp-account");

            try (SSHClient ssh = Sftp.sshj(app, f.sftpUser(), generated); SFTPClient sftp = ssh.newSFTPClient()) {
                assertEquals(List.of(), sftp.ls("/"), "logged in with the new password and sees the empty inbox");
            }
            assertThrows(UserAuthException.class, () -> Sftp.sshj(app, f.sftpUser(), f.sftpPassword()).close(),
                    "the old password no longer logs in");

            browser.go("/console/sources/" + f.sourceId() + "/sftp");
            assertTrue(browser.all("#generated-password").isEmpty(), "the password is never shown again");
            assertFalse(browser.driver().getPageSource().contains(generated));

            // the audit trail is written as it happens, by the SFTP server; the page lists it newest first
            for (int i = 0; i < 50 && browser.all("#sftp-events tr.login_failed").isEmpty(); i++) {
                Thread.sleep(100);
                browser.go("/console/sources/" + f.sourceId() + "/sftp");
            }
            assertEquals("login refused", browser.find("#sftp-events tbody tr.login_failed td:nth-child(2)").getText().lines()
                    .findFirst().orElseThrow());
            assertTrue(browser.find("#sftp-events tbody tr.login_succeeded").getText().contains("logged in"),
                    browser.find("#sftp-events").getText());
            assertFalse(browser.find("#sftp-events").getText().contains(generated), "never a password");
        }
    }

    @Test
    void aBadKeyLineIsRefusedNextToTheKeysNamingItsLineAndNothingChangesThenGoodKeysLogIn(RunningApp.App app, @TempDir Path dir)
            throws Exception {
        Fixture f = Fixture.create(app, "Keys district");
        String operator = operatorOf(app, f);
        Path first = Sftp.newKey(dir, "ed25519", 0);
        Path second = Sftp.newKey(dir, "ecdsa", 256);
        String firstLine = Files.readString(Path.of(first + ".pub")).strip();
        String secondLine = Files.readString(Path.of(second + ".pub")).strip();
        try (Browser browser = Browser.open(app)) {
            browser.go("/console/login").signIn(operator, PASSWORD);
            browser.go("/console/sources/" + f.sourceId() + "/sftp");
            assertTrue(browser.find("#no-keys").isDisplayed());

            browser.find("#username").clear();
            browser.find("#username").sendKeys("renamed-" + f.sftpUser());
            browser.find("#authorizedKeys").sendKeys(firstLine + "\n" + secondLine + "\nssh-ed25519 AAAAnotakey vendor@typo");
            browser.find("#allowedNetworks").sendKeys("127.0.0.0/8");
            browser.submit("#save-account");
            String error = browser.find("#authorizedKeys-error").getText();
            assertTrue(error.startsWith("Line 3 is not a public key"), error);
            assertEquals("true", browser.find("#authorizedKeys").getAttribute("aria-invalid"));
            assertTrue(browser.find("#authorizedKeys").getAttribute("value").contains(secondLine), "what was sent is kept");
            assertEquals("renamed-" + f.sftpUser(), browser.find("#username").getAttribute("value"));
            Map<String, Object> stored = account(app, f);
            assertEquals(f.sftpUser(), stored.get("username"), "nothing was saved");
            assertEquals(List.of(), stored.get("authorizedKeys"));
            assertEquals(List.of(), stored.get("allowedNetworks"));

            browser.find("#authorizedKeys").clear();
            browser.find("#authorizedKeys").sendKeys(firstLine + "\n\n" + secondLine + "\n");
            browser.submit("#save-account");
            assertTrue(browser.find("#notice").getText().startsWith("Saved"), browser.find("#notice").getText());
            stored = account(app, f);
            assertEquals("renamed-" + f.sftpUser(), stored.get("username"));
            assertEquals(List.of("127.0.0.0/8"), stored.get("allowedNetworks"));
            assertEquals(List.of("ssh-ed25519", "ecdsa-sha2-nistp256"), browser.all("#authorized-keys tbody tr td:first-child")
                    .stream().map(e -> e.getText()).toList());
            assertTrue(browser.find("#authorized-keys").getText().contains("vendor@ed25519"), browser.find("#authorized-keys").getText());
        }
        try (SSHClient ssh = Sftp.sshjWithKey(app, "renamed-" + f.sftpUser(), second); SFTPClient sftp = ssh.newSFTPClient()) {
            assertEquals(List.of(), sftp.ls("/"), "the key saved from the page logs in");
        }
    }

    @Test
    void aBadNetworkIsRefusedNextToItsFieldNamingItsLine(RunningApp.App app) {
        Fixture f = Fixture.create(app, "Networks district");
        Console console = signedIn(app, operatorOf(app, f));
        String path = "/console/sources/" + f.sourceId() + "/sftp";
        String csrf = console.get(path).csrf();

        Console.Page refused = console.post(path, Map.of("_csrf", csrf, "username", f.sftpUser(), "enabled", "on",
                "authorizedKeys", "", "allowedNetworks", "203.0.113.0/24\r\n\r\n10.0.0.300/8\r\n"));

        assertEquals(400, refused.status());
        assertTrue(refused.body().contains("id=\"allowedNetworks-error\">Line 3: '10.0.0.300/8' is not an IPv4 or IPv6"),
                refused.body());
        assertTrue(refused.body().contains("aria-invalid=\"true\""), refused.body());
        assertEquals(List.of(), account(app, f).get("allowedNetworks"), "nothing was saved");
    }

    @Test
    void removingThePasswordOfAnAccountWithoutKeysIsRefusedForItCouldNotLogInAtAll(RunningApp.App app) throws Exception {
        Fixture f = Fixture.create(app, "Passwordless district");
        Console console = signedIn(app, operatorOf(app, f));
        String path = "/console/sources/" + f.sourceId() + "/sftp";
        String csrf = console.get(path).csrf();

        Console.Page refused = console.post(path + "/password/remove", Map.of("_csrf", csrf));

        assertEquals(400, refused.status());
        assertTrue(refused.body().contains("id=\"removePassword-error\">an enabled account needs a password or an authorized key"),
                refused.body());
        assertEquals(true, account(app, f).get("passwordSet"));
        Sftp.sshj(app, f.sftpUser(), f.sftpPassword()).close();
    }

    @Test
    void aPasswordTooShortIsRefusedNextToItsFieldAndNotEchoed(RunningApp.App app) throws Exception {
        Fixture f = Fixture.create(app, "Short password district");
        Console console = signedIn(app, operatorOf(app, f));
        String path = "/console/sources/" + f.sourceId() + "/sftp";
        String csrf = console.get(path).csrf();

        Console.Page refused = console.post(path + "/password", Map.of("_csrf", csrf, "password", "short7!"));

        assertEquals(400, refused.status());
        assertTrue(refused.body().contains("id=\"password-error\">password: must be 8 to 200 characters"), refused.body());
        assertFalse(refused.body().contains("short7!"));
        Sftp.sshj(app, f.sftpUser(), f.sftpPassword()).close();
    }

    @Test
    void anotherTenantsOperatorGetsNotFoundForThePageAndEachOfItsForms(RunningApp.App app) throws Exception {
        Fixture mine = Fixture.create(app, "My SFTP district");
        Fixture theirs = Fixture.create(app, "Their SFTP district");
        Console console = signedIn(app, operatorOf(app, mine));
        String csrf = console.get("/console/sources/" + mine.sourceId() + "/sftp").csrf();
        String theirPath = "/console/sources/" + theirs.sourceId() + "/sftp";

        assertEquals(404, console.get(theirPath).status());
        Console.Page account = console.post(theirPath, Map.of("_csrf", csrf, "username", "stolen-" + theirs.sftpUser(), "enabled", "on"));
        assertEquals(404, account.status());
        assertFalse(account.body().contains("Their SFTP district"));
        assertEquals(404, console.post(theirPath + "/password", Map.of("_csrf", csrf, "password", "taken over by another tenant")).status());
        assertEquals(404, console.post(theirPath + "/password/remove", Map.of("_csrf", csrf)).status());

        assertEquals(theirs.sftpUser(), account(app, theirs).get("username"));
        Sftp.sshj(app, theirs.sftpUser(), theirs.sftpPassword()).close();
    }

    private static String operatorOf(RunningApp.App app, Fixture f) {
        String username = "sftp-op-" + UUID.randomUUID().toString().substring(0, 8);
        Console.createOperator(app, username, PASSWORD, f.tenantId());
        return username;
    }

    private static Console signedIn(RunningApp.App app, String operator) {
        Console console = new Console(app);
        console.signIn(operator, PASSWORD);
        return console;
    }

    private static Map<String, Object> account(RunningApp.App app, Fixture f) {
        return app.adminGet("/api/sources/" + f.sourceId() + "/sftp-account").map();
    }
}
