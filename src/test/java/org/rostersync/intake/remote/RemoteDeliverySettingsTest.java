package org.rostersync.intake.remote;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.rostersync.support.Fixture;
import org.rostersync.support.RunningApp;

import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The remote delivery's settings through the admin API: what is refused, what is kept, and what is never shown. */
@ExtendWith(RunningApp.class)
class RemoteDeliverySettingsTest {

    private static final String FINGERPRINT = "SHA256:" + "x".repeat(42) + "Q";

    @TempDir
    Path dir;

    @Test
    void aSourceWithoutRemoteSettingsShowsTheDefaults(RunningApp.App app) {
        Fixture b = Fixture.create(app, "Defaults");

        Map<String, Object> view = get(app, b);

        assertEquals(false, view.get("enabled"));
        assertEquals(22, view.get("port"));
        assertEquals(false, view.get("passwordSet"));
        List<?> patterns = (List<?>) view.get("patterns");
        assertTrue(patterns.contains("manifest.csv") && patterns.contains("users.csv") && patterns.contains("*.zip"), patterns.toString());
        assertEquals(404, app.adminGet("/api/sources/" + java.util.UUID.randomUUID() + "/remote-delivery").status());
    }

    @Test
    void eachBadFieldIsRefusedWithA400NamingItAndNothingChanges(RunningApp.App app) throws Exception {
        Fixture b = Fixture.create(app, "Bad input");
        put(app, b, "{\"enabled\":true,\"host\":\"sftp.district.org\",\"username\":\"rosters\",\"password\":\"first-password\","
                + "\"hostKeyFingerprint\":\"" + FINGERPRINT + "\",\"folder\":\"/outgoing\"}");
        Map<String, Object> before = get(app, b);
        Path encrypted = SshKeys.generate(dir, "ed25519", 0, "right passphrase", false);

        Map<String, String> bad = new java.util.LinkedHashMap<>();
        bad.put("{\"colour\":\"red\"}", "colour");
        bad.put("{\"enabled\":\"yes\"}", "enabled");
        bad.put("{\"host\":\"bad host!\"}", "host");
        bad.put("{\"host\":\"-leading.example.org\"}", "host");
        bad.put("{\"host\":\"300.1.1.1\"}", "host");
        bad.put("{\"host\":\"::zz\"}", "host");
        bad.put("{\"host\":null}", "host"); // enabled: a host is required
        bad.put("{\"port\":0}", "port");
        bad.put("{\"port\":65536}", "port");
        bad.put("{\"port\":\"22\"}", "port");
        bad.put("{\"port\":null}", "port");
        bad.put("{\"username\":\"   \"}", "username");
        bad.put("{\"username\":null}", "username");
        bad.put("{\"password\":null}", "password"); // enabled: a password or key is required
        bad.put("{\"password\":42}", "password");
        bad.put("{\"privateKey\":\"not a key\"}", "privateKey");
        bad.put("{\"privateKey\":" + SshKeys.json(encrypted) + "}", "privateKey");
        bad.put("{\"privateKey\":" + SshKeys.json(encrypted) + ",\"privateKeyPassphrase\":\"wrong\"}", "privateKeyPassphrase");
        bad.put("{\"privateKeyPassphrase\":\"no key to open\"}", "privateKeyPassphrase");
        bad.put("{\"hostKeyFingerprint\":\"MD5:12:34\"}", "hostKeyFingerprint");
        bad.put("{\"hostKeyFingerprint\":\"SHA256:short\"}", "hostKeyFingerprint");
        bad.put("{\"folder\":\"../../etc\"}", "folder");
        bad.put("{\"folder\":\"/out\\u0000going\"}", "folder");
        bad.put("{\"patterns\":[]}", "patterns");
        bad.put("{\"patterns\":[\"[unclosed\"]}", "patterns");
        bad.put("{\"patterns\":[\"../*.csv\"]}", "patterns");
        bad.put("{\"patterns\":\"*.csv\"}", "patterns");
        bad.put("{\"deleteAfterFetch\":null}", "deleteAfterFetch");
        bad.put("{\"connectTimeoutSeconds\":0}", "connectTimeoutSeconds");
        bad.put("{\"connectTimeoutSeconds\":1.5}", "connectTimeoutSeconds");
        bad.put("{\"retries\":11}", "retries");
        bad.put("{\"retries\":-1}", "retries");

        List<String> wrong = new ArrayList<>();
        for (Map.Entry<String, String> e : bad.entrySet()) {
            RunningApp.Response r = app.adminPut("/api/sources/" + b.sourceId() + "/remote-delivery", e.getKey());
            if (r.status() != 400 || !e.getValue().equals(r.map().get("field"))) {
                wrong.add(e.getKey() + " → " + r);
            }
        }
        assertEquals(List.of(), wrong);
        assertEquals(before, get(app, b));
    }

    @Test
    void secretsAreNeverAnsweredAndAreStoredSealed(RunningApp.App app) throws Exception {
        Fixture b = Fixture.create(app, "Secrets");
        Path key = SshKeys.generate(dir, "ed25519", 0, "a passphrase of its own", false);
        String password = "remote-password-" + java.util.UUID.randomUUID();
        String body = "{\"host\":\"sftp.district.org\",\"username\":\"rosters\",\"password\":\"" + password + "\",\"privateKey\":"
                + SshKeys.json(key) + ",\"privateKeyPassphrase\":\"a passphrase of its own\"}";

        RunningApp.Response put = app.adminPut("/api/sources/" + b.sourceId() + "/remote-delivery", body);
        RunningApp.Response got = app.adminGet("/api/sources/" + b.sourceId() + "/remote-delivery");
        RunningApp.Response tested = app.adminPost("/api/sources/" + b.sourceId() + "/test-connection", null);

        String privateKeyBody = Files.readString(key).lines().filter(l -> !l.startsWith("-----")).findFirst().orElseThrow();
        for (RunningApp.Response r : List.of(put, got, tested)) {
            assertEquals(200, r.status(), r.toString());
            assertFalse(r.body().contains(password), r.body());
            assertFalse(r.body().contains("a passphrase of its own"), r.body());
            assertFalse(r.body().contains(privateKeyBody.substring(0, 40)), r.body());
        }
        Map<String, Object> view = got.map();
        assertEquals(true, view.get("passwordSet"));
        assertEquals(true, view.get("privateKeySet"));
        assertEquals(true, view.get("privateKeyPassphraseSet"));
        // what the server's administrator needs: the public half, as in the .pub file, and its fingerprint
        String[] pub = Files.readString(Path.of(key + ".pub")).split(" ");
        assertTrue(((String) view.get("publicKey")).startsWith(pub[0] + " " + pub[1]), view.toString());
        assertEquals(SshKeys.fingerprint(Path.of(key + ".pub")), view.get("publicKeyFingerprint"));

        try (Connection c = app.context().getBean(DataSource.class).getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT password_sealed, private_key_sealed, passphrase_sealed"
                     + " FROM remote_delivery WHERE source_id = ?")) {
            ps.setObject(1, b.sourceId());
            try (ResultSet rs = ps.executeQuery()) {
                assertTrue(rs.next());
                for (int column = 1; column <= 3; column++) {
                    String stored = new String(rs.getBytes(column), StandardCharsets.ISO_8859_1);
                    assertFalse(stored.contains(password) || stored.contains("a passphrase of its own") || stored.contains("PRIVATE KEY")
                            || stored.contains(privateKeyBody.substring(0, 20)), "column " + column + " holds a secret in plain text");
                }
            }
        }
        Path secretKey = app.dataDir().resolve("secret.key");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(secretKey)));

        // removing them
        put(app, b, "{\"password\":null,\"privateKey\":\"\"}");
        Map<String, Object> removed = get(app, b);
        assertEquals(false, removed.get("passwordSet"));
        assertEquals(false, removed.get("privateKeySet"));
        assertEquals(false, removed.get("privateKeyPassphraseSet"));
        assertNull(removed.get("publicKey"));
    }

    @Test
    void fieldsLeftOutKeepTheirValueAndAnotherServerForgetsThePinnedKey(RunningApp.App app) {
        Fixture b = Fixture.create(app, "Pinning");
        put(app, b, "{\"host\":\"sftp.district.org\",\"port\":2022,\"username\":\"rosters\",\"password\":\"pw\",\"hostKeyFingerprint\":\""
                + FINGERPRINT + "\",\"folder\":\"outgoing/roster\",\"patterns\":[\"*.csv\"],\"deleteAfterFetch\":true,\"retries\":1}");

        Map<String, Object> kept = put(app, b, "{\"enabled\":false}");
        assertEquals(FINGERPRINT, kept.get("hostKeyFingerprint"));
        assertEquals("outgoing/roster", kept.get("folder"));
        assertEquals(List.of("*.csv"), kept.get("patterns"));
        assertEquals(true, kept.get("deleteAfterFetch"));
        assertEquals(1, kept.get("retries"));
        assertEquals(true, kept.get("passwordSet"));

        assertNull(put(app, b, "{\"port\":22}").get("hostKeyFingerprint"), "another port, another server");
        put(app, b, "{\"hostKeyFingerprint\":\"" + FINGERPRINT + "\"}");
        assertNull(put(app, b, "{\"host\":\"sftp2.district.org\"}").get("hostKeyFingerprint"), "another host, another server");
        put(app, b, "{\"hostKeyFingerprint\":\"" + FINGERPRINT + "\"}");
        assertEquals(FINGERPRINT, put(app, b, "{\"host\":\"sftp3.district.org\",\"hostKeyFingerprint\":\"" + FINGERPRINT + "\"}")
                .get("hostKeyFingerprint"), "pinned with the change");
        assertNull(put(app, b, "{\"hostKeyFingerprint\":null}").get("hostKeyFingerprint"), "un-pinned");
        Map<String, Object> defaults = put(app, b, "{\"folder\":null,\"patterns\":null,\"retries\":null}");
        assertNull(defaults.get("folder"));
        assertNull(defaults.get("retries"));
        assertTrue(((List<?>) defaults.get("patterns")).contains("orgs.csv"));
    }

    private static Map<String, Object> get(RunningApp.App app, Fixture b) {
        RunningApp.Response r = app.adminGet("/api/sources/" + b.sourceId() + "/remote-delivery");
        assertEquals(200, r.status(), r.toString());
        return r.map();
    }

    private static Map<String, Object> put(RunningApp.App app, Fixture b, String json) {
        RunningApp.Response r = app.adminPut("/api/sources/" + b.sourceId() + "/remote-delivery", json);
        assertEquals(200, r.status(), r.toString());
        return r.map();
    }
}
