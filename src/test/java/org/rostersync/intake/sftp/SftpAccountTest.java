package org.rostersync.intake.sftp;

import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.sftp.SFTPClient;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.rostersync.support.CapturedLog;
import org.rostersync.support.Fixture;
import org.rostersync.support.RunningApp;
import org.rostersync.support.Sftp;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The SFTP account of a source, through {@code /api/sources/{id}/sftp-account}, with real clients: keys of every accepted
 * type, rotation while the server runs (a session still using a revoked credential is closed), disabling, networks, and
 * changes that cannot be taken refused naming the field, changing nothing.
 */
@ExtendWith(RunningApp.class)
class SftpAccountTest {

    @Test
    void ed25519EcdsaAndRsaKeysLogInWithOpenSshAndSshjAndAnOtherKeyIsRefused(RunningApp.App app, @TempDir Path work) throws Exception {
        Fixture f = Fixture.create(app, "Key district");
        Path ed25519 = Sftp.newKey(work, "ed25519", 0);
        Path ecdsa = Sftp.newKey(work, "ecdsa", 384);
        Path rsa = Sftp.newKey(work, "rsa", 3072);
        RunningApp.Response saved = put(app, f, Map.of("authorizedKeys", List.of(pub(ed25519), pub(ecdsa), pub(rsa))));
        assertEquals(200, saved.status(), saved.toString());
        List<Map<String, Object>> keys = listOf(saved.map().get("authorizedKeys"));
        assertEquals(List.of(fingerprint(ed25519), fingerprint(ecdsa), fingerprint(rsa)),
                keys.stream().map(k -> k.get("fingerprint")).toList(), "the fingerprints ssh-keygen -l shows");
        assertEquals(List.of("ssh-ed25519", "ecdsa-sha2-nistp384", "ssh-rsa"), keys.stream().map(k -> k.get("type")).toList());
        assertEquals("vendor@ed25519", keys.get(0).get("comment"));

        Files.writeString(work.resolve("users.csv"), "sourcedId\nu1\n");
        Sftp.Result openssh = Sftp.opensshWithKey(app.sftpPort(), f.sftpUser(), ed25519, work, "put users.csv", "ls -l");
        assertEquals(0, openssh.exitCode(), openssh.output());
        assertTrue(openssh.output().contains("users.csv"), openssh.output());
        // OpenSSH signs with rsa-sha2-512 for an RSA key; sshj with rsa-sha2-256 or -512 as the server offers
        Sftp.Result withRsa = Sftp.opensshWithKey(app.sftpPort(), f.sftpUser(), rsa, work, "ls");
        assertEquals(0, withRsa.exitCode(), withRsa.output());
        for (Path key : List.of(ecdsa, rsa, ed25519)) {
            try (SSHClient ssh = Sftp.sshjWithKey(app, f.sftpUser(), key); SFTPClient sftp = ssh.newSFTPClient()) {
                assertEquals(List.of("users.csv"), sftp.ls(".").stream().map(r -> r.getName()).toList());
            }
        }

        Path stranger = Sftp.newKey(work, "ed25519", 0);
        assertNotEquals(0, Sftp.opensshWithKey(app.sftpPort(), f.sftpUser(), stranger, work, "ls").exitCode());
        assertThrows(IOException.class, () -> Sftp.sshjWithKey(app, f.sftpUser(), stranger).close());
        assertThrows(IOException.class, () -> Sftp.sshjWithKey(app, "sis-nobody-" + UUID.randomUUID().toString().substring(0, 8),
                ed25519).close(), "a key of one account does not open another");

        List<Map<String, Object>> events = app.adminGet("/api/sources/" + f.sourceId() + "/sftp-events").list();
        Map<String, Object> login = events.stream().filter(e -> "login_succeeded".equals(e.get("kind"))).reduce((a, b) -> b).orElseThrow();
        assertEquals("publickey", login.get("method"));
        assertEquals(fingerprint(ed25519), login.get("detail"), "the first key login names its key");
    }

    @Test
    void thePasswordIsRotatedWhileTheServerRunsAndASessionStillUsingTheOldOneIsClosed(RunningApp.App app) throws Exception {
        Fixture f = Fixture.create(app, "Rotating district");
        try (SSHClient before = Sftp.sshj(app, f.sftpUser(), f.sftpPassword()); SFTPClient sftp = before.newSFTPClient()) {
            sftp.ls(".");
            String rotated = "rotated-" + UUID.randomUUID();
            RunningApp.Response saved = put(app, f, Map.of("password", rotated));
            assertEquals(200, saved.status(), saved.toString());
            assertTrue((Boolean) saved.map().get("passwordSet"));

            awaitClosed(before);
            assertThrows(IOException.class, () -> Sftp.sshj(app, f.sftpUser(), f.sftpPassword()).close());
            try (SSHClient after = Sftp.sshj(app, f.sftpUser(), rotated); SFTPClient again = after.newSFTPClient()) {
                again.ls(".");
                // a change that leaves the password as it was keeps the session that logged in with it
                assertEquals(200, put(app, f, Map.of("allowedNetworks", List.of("127.0.0.0/8", "::1/128"))).status());
                Thread.sleep(300);
                assertTrue(after.isConnected());
                again.ls(".");
            }
        }
        List<Map<String, Object>> events = app.adminGet("/api/sources/" + f.sourceId() + "/sftp-events").list();
        assertTrue(events.stream().anyMatch(e -> "session_closed".equals(e.get("kind"))
                && ((String) e.get("detail")).contains("password it logged in with was changed")), events.toString());
    }

    @Test
    void aDisabledAccountIsRefusedEvenTheRightPasswordOrKeyAndItsOpenSessionIsClosed(RunningApp.App app, @TempDir Path work)
            throws Exception {
        Fixture f = Fixture.create(app, "Disabled district");
        Path key = Sftp.newKey(work, "ed25519", 0);
        assertEquals(200, put(app, f, Map.of("authorizedKeys", List.of(pub(key)))).status());
        try (SSHClient open = Sftp.sshjWithKey(app, f.sftpUser(), key)) {
            RunningApp.Response disabled = put(app, f, Map.of("enabled", false));
            assertEquals(200, disabled.status(), disabled.toString());
            assertFalse((Boolean) disabled.map().get("enabled"));
            awaitClosed(open);
        }
        assertThrows(IOException.class, () -> Sftp.sshj(app, f.sftpUser(), f.sftpPassword()).close());
        assertThrows(IOException.class, () -> Sftp.sshjWithKey(app, f.sftpUser(), key).close());
        assertNotEquals(0, Sftp.opensshWithKey(app.sftpPort(), f.sftpUser(), key, work, "ls").exitCode());

        assertEquals(200, put(app, f, Map.of("enabled", true)).status());
        Sftp.sshj(app, f.sftpUser(), f.sftpPassword()).close();
        Sftp.sshjWithKey(app, f.sftpUser(), key).close();
        List<Map<String, Object>> events = app.adminGet("/api/sources/" + f.sourceId() + "/sftp-events").list();
        assertTrue(events.stream().anyMatch(e -> "login_failed".equals(e.get("kind")) && "the account is disabled".equals(e.get("detail"))),
                events.toString());
    }

    @Test
    void aUsernameWithAControlCharacterIsRefusedAsAnUnknownOneWithoutReachingTheDatabase(RunningApp.App app) throws Exception {
        Fixture f = Fixture.create(app, "NUL username district");
        CapturedLog log = CapturedLog.of(AccountLogins.class);
        try (log) {
            IOException nul = assertThrows(IOException.class, () -> Sftp.sshj(app, f.sftpUser() + "\u0000", f.sftpPassword()).close());
            IOException unknown = assertThrows(IOException.class, () -> Sftp.sshj(app, "nobody-" + f.sftpUser(), f.sftpPassword()).close());
            assertEquals(unknown.getMessage(), nul.getMessage(), "the client cannot tell the two apart");
        }
        assertTrue(log.events().stream().noneMatch(e -> e.getLevel() == ch.qos.logback.classic.Level.ERROR),
                "a stranger's username is no database error: " + log.events());
        assertEquals(2, log.events().stream().filter(e -> e.getFormattedMessage().contains("unknown username")).count(),
                log.events().toString());
    }

    @Test
    void anAddressOutsideTheAllowedNetworksIsRefusedAsAWrongPasswordIs(RunningApp.App app) throws Exception {
        Fixture f = Fixture.create(app, "Allow-listed district");
        RunningApp.Response elsewhere = put(app, f, Map.of("allowedNetworks", List.of("203.0.113.0/24", "2001:db8::/32", "198.51.100.7")));
        assertEquals(200, elsewhere.status(), elsewhere.toString());
        assertEquals(List.of("203.0.113.0/24", "2001:db8:0:0:0:0:0:0/32", "198.51.100.7/32"), elsewhere.map().get("allowedNetworks"));
        IOException refused = assertThrows(IOException.class, () -> Sftp.sshj(app, f.sftpUser(), f.sftpPassword()).close());
        IOException wrong = assertThrows(IOException.class, () -> Sftp.sshj(app, f.sftpUser(), "not-the-password").close());
        assertEquals(wrong.getMessage(), refused.getMessage(), "the client cannot tell the two apart");

        assertEquals(200, put(app, f, Map.of("allowedNetworks", List.of("127.0.0.0/8"))).status());
        Sftp.sshj(app, f.sftpUser(), f.sftpPassword()).close();
        assertEquals(200, put(app, f, Map.of("allowedNetworks", List.of())).status());
        Sftp.sshj(app, f.sftpUser(), f.sftpPassword()).close();
        List<Map<String, Object>> events = app.adminGet("/api/sources/" + f.sourceId() + "/sftp-events").list();
        assertTrue(events.stream().anyMatch(e -> "login_failed".equals(e.get("kind"))
                && "the address is not in the account's allowed networks".equals(e.get("detail"))), events.toString());
    }

    @Test
    void aKeyOnlyAccountRefusesPasswordsAndAnEnabledAccountKeepsAtLeastOneCredential(RunningApp.App app, @TempDir Path work)
            throws Exception {
        Fixture f = Fixture.create(app, "Key-only district");
        RunningApp.Response none = put(app, f, Map.of("removePassword", true));
        assertEquals(400, none.status(), none.toString());
        assertEquals("removePassword", none.map().get("field"));

        Path key = Sftp.newKey(work, "ed25519", 0);
        RunningApp.Response keyOnly = put(app, f, Map.of("removePassword", true, "authorizedKeys", List.of(pub(key))));
        assertEquals(200, keyOnly.status(), keyOnly.toString());
        assertFalse((Boolean) keyOnly.map().get("passwordSet"));
        assertThrows(IOException.class, () -> Sftp.sshj(app, f.sftpUser(), f.sftpPassword()).close());
        Sftp.sshjWithKey(app, f.sftpUser(), key).close();

        RunningApp.Response noKeys = put(app, f, Map.of("authorizedKeys", List.of()));
        assertEquals(400, noKeys.status(), noKeys.toString());
        assertEquals("authorizedKeys", noKeys.map().get("field"));
        // a disabled account may have neither
        assertEquals(200, put(app, f, Map.of("authorizedKeys", List.of(), "enabled", false)).status());
    }

    @Test
    void aRenamedAccountLogsInUnderItsNewUsernameOnlyAndAUsernameInUseIsRefused(RunningApp.App app) throws Exception {
        Fixture f = Fixture.create(app, "Renamed district");
        Fixture other = Fixture.create(app, "Other district");
        String renamed = "renamed-" + UUID.randomUUID().toString().substring(0, 8);
        RunningApp.Response saved = put(app, f, Map.of("username", renamed));
        assertEquals(200, saved.status(), saved.toString());
        assertEquals(renamed, saved.map().get("username"));
        Sftp.sshj(app, renamed, f.sftpPassword()).close();
        assertThrows(IOException.class, () -> Sftp.sshj(app, f.sftpUser(), f.sftpPassword()).close());

        RunningApp.Response taken = put(app, f, Map.of("username", other.sftpUser()));
        assertEquals(409, taken.status(), taken.toString());
        assertEquals("username", taken.map().get("field"));
        assertEquals(renamed, app.adminGet("/api/sources/" + f.sourceId() + "/sftp-account").map().get("username"));
    }

    @Test
    void changesThatCannotBeTakenAreRefusedNamingTheFieldAndChangeNothing(RunningApp.App app, @TempDir Path work) throws Exception {
        Fixture f = Fixture.create(app, "Strict district");
        Path key = Sftp.newKey(work, "ed25519", 0);
        assertEquals(200, put(app, f, Map.of("authorizedKeys", List.of(pub(key)), "allowedNetworks", List.of("127.0.0.1"))).status());
        String before = app.adminGet("/api/sources/" + f.sourceId() + "/sftp-account").body();
        String ed25519 = pub(key);
        String[] blob = ed25519.split(" ");
        KeyPairGenerator dsa = KeyPairGenerator.getInstance("DSA");
        dsa.initialize(2048);
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(1024);

        List<Object[]> bad = List.of(
                new Object[]{Map.of("username", "a b"), "username", "letters, digits"},
                new Object[]{Map.of("password", "short"), "password", "8 to 200"},
                new Object[]{Map.of("password", "a-long-new-password", "removePassword", true), "removePassword", "cannot be true"},
                new Object[]{Map.of("authorizedKeys", List.of(ed25519, PublicKeyEntry.toString(dsa.generateKeyPair().getPublic()))),
                        "authorizedKeys[1]", "DSA"},
                new Object[]{Map.of("authorizedKeys", List.of(PublicKeyEntry.toString(rsa.generateKeyPair().getPublic()))),
                        "authorizedKeys[0]", "1024 bits"},
                new Object[]{Map.of("authorizedKeys", List.of("from=\"10.0.0.1\" " + ed25519)), "authorizedKeys[0]", "options (from)"},
                new Object[]{Map.of("authorizedKeys", List.of(blob[0] + " bm90LWEta2V5")), "authorizedKeys[0]", "not a public key"},
                new Object[]{Map.of("authorizedKeys", List.of(ed25519, blob[0] + " " + blob[1] + " same-key")), "authorizedKeys[1]", "listed twice"},
                new Object[]{Map.of("allowedNetworks", List.of("10.1.2.3/8")), "allowedNetworks[0]", "the network is 10.0.0.0/8"},
                new Object[]{Map.of("allowedNetworks", List.of("127.0.0.1", "district.example.org")), "allowedNetworks[1]", "not an IPv4 or IPv6"},
                new Object[]{Map.of("allowedNetworks", List.of("10.0.0.0/33")), "allowedNetworks[0]", "0 to 32"});
        for (Object[] c : bad) {
            RunningApp.Response r = put(app, f, castMap(c[0]));
            assertEquals(400, r.status(), c[0] + " → " + r);
            assertEquals(c[1], r.map().get("field"), r.toString());
            assertTrue(((String) r.map().get("message")).contains((String) c[2]), r.toString());
        }
        RunningApp.Response unknown = app.adminPut("/api/sources/" + f.sourceId() + "/sftp-account", "{\"enable\":false}");
        assertEquals(400, unknown.status(), "a misspelt field is not ignored: " + unknown);
        assertTrue(unknown.body().contains("enable"), unknown.toString());
        assertEquals(before, app.adminGet("/api/sources/" + f.sourceId() + "/sftp-account").body(), "nothing changed");
        assertEquals(404, app.adminGet("/api/sources/" + UUID.randomUUID() + "/sftp-account").status());
        assertEquals(404, app.adminPut("/api/sources/" + UUID.randomUUID() + "/sftp-account", "{\"enabled\":true}").status());
        assertEquals(401, app.get("/api/sources/" + f.sourceId() + "/sftp-account", null, null).status());
    }

    @Test
    void theAccountNeverShowsThePasswordAndGivesTheFingerprintsTheVendorsClientSees(RunningApp.App app) throws Exception {
        Fixture f = Fixture.create(app, "Fingerprinted district");
        RunningApp.Response account = app.adminGet("/api/sources/" + f.sourceId() + "/sftp-account");
        assertEquals(200, account.status(), account.toString());
        assertEquals(f.sftpUser(), account.map().get("username"));
        assertTrue((Boolean) account.map().get("enabled"));
        assertTrue((Boolean) account.map().get("passwordSet"));
        assertFalse(account.body().contains(f.sftpPassword()) || account.body().contains("argon2"), account.body());
        Map<String, Object> server = castMap(account.map().get("server"));
        assertEquals(app.sftpPort(), ((Number) server.get("port")).intValue());

        Sftp.requireTool("ssh-keyscan", "openssh-client");
        Process scan = new ProcessBuilder("sh", "-c", "ssh-keyscan -p " + app.sftpPort() + " 127.0.0.1 2>/dev/null | ssh-keygen -lf -")
                .redirectErrorStream(true).start();
        String seen = new String(scan.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(scan.waitFor(30, TimeUnit.SECONDS));
        List<String> hostKeys = listOf(server.get("hostKeys")).isEmpty() ? List.of() : castList(server.get("hostKeys"));
        assertEquals(2, hostKeys.size(), hostKeys.toString());
        for (String hostKey : hostKeys) {
            assertTrue(seen.contains(hostKey.split(" ")[1]), hostKey + " not in what ssh-keyscan saw: " + seen);
        }
    }

    private static RunningApp.Response put(RunningApp.App app, Fixture f, Map<String, Object> change) {
        StringBuilder json = new StringBuilder("{");
        for (Map.Entry<String, Object> e : change.entrySet()) {
            json.append(json.length() > 1 ? "," : "").append('"').append(e.getKey()).append("\":").append(json(e.getValue()));
        }
        return app.adminPut("/api/sources/" + f.sourceId() + "/sftp-account", json.append('}').toString());
    }

    private static String json(Object value) {
        if (value instanceof List<?> list) {
            List<String> items = new ArrayList<>();
            list.forEach(v -> items.add(json(v)));
            return "[" + String.join(",", items) + "]";
        }
        if (value instanceof String s) {
            return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
        }
        return String.valueOf(value);
    }

    private static String pub(Path key) throws IOException {
        return Files.readString(Path.of(key + ".pub")).strip();
    }

    /** The SHA256 fingerprint as {@code ssh-keygen -l} prints it. */
    private static String fingerprint(Path key) throws Exception {
        Process p = new ProcessBuilder("ssh-keygen", "-l", "-E", "sha256", "-f", key + ".pub").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
        return out.split(" ")[1];
    }

    private static void awaitClosed(SSHClient ssh) throws InterruptedException {
        for (int i = 0; i < 100 && ssh.isConnected(); i++) {
            Thread.sleep(50);
        }
        assertFalse(ssh.isConnected(), "the session the change no longer admits is closed");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> castMap(Object o) {
        return (Map<String, Object>) o;
    }

    @SuppressWarnings("unchecked")
    private static <T> List<T> castList(Object o) {
        return (List<T>) o;
    }

    private static List<Map<String, Object>> listOf(Object o) {
        return castList(o);
    }
}
