package org.rostersync.database;

import org.junit.jupiter.api.Test;
import org.rostersync.support.Failures;
import org.rostersync.support.RunningApp;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Instances on machines of their own (data directories of their own) sharing one database: each makes its own keys
 * unless they are set, and a start holding another key than a live instance's is refused, naming the setting; once
 * every instance holding the old key has stopped, a start with a new one is a change of key and goes ahead.
 */
class SharedKeysTest {

    @Test
    void aStartWithAnotherKeyThanALiveInstanceSharingTheDatabaseIsRefusedNamingItsSetting() throws IOException {
        Path first = dataDir("first");
        try (RunningApp.App a = RunningApp.startWith(Map.of(), first)) {
            Map<String, Object> sameKeys = new HashMap<>(RunningApp.databaseSettingsFor(first));
            sameKeys.put("rostersync.remote.secret-key", base64(first.resolve("secret.key")));
            sameKeys.put("rostersync.oauth.token-key", base64(first.resolve("token.key")));

            Map<String, Object> ownTokenKey = new HashMap<>(sameKeys);
            ownTokenKey.remove("rostersync.oauth.token-key"); // the second machine makes its own token.key
            assertRefused(ownTokenKey, dataDir("own-token-key"), "ROSTERSYNC_TOKEN_KEY");

            Map<String, Object> ownSealingKey = new HashMap<>(sameKeys);
            ownSealingKey.put("rostersync.remote.secret-key", Base64.getEncoder().encodeToString(new byte[32]));
            assertRefused(ownSealingKey, dataDir("own-sealing-key"), "ROSTERSYNC_SECRET_KEY");

            Map<String, Object> ownHostKeys = new HashMap<>(sameKeys);
            Path fresh = dataDir("own-host-keys");
            ownHostKeys.put("rostersync.data-dir", fresh.toAbsolutePath().toString()); // no shared host keys copied in: made anew
            assertRefused(ownHostKeys, fresh, "ROSTERSYNC_SFTP_HOST_KEYS");

            assertEquals(200, a.get("/health/readiness", null, null).status(), "the refused starts left the running instance as it was");
            try (RunningApp.App b = RunningApp.startWith(sameKeys, dataDir("same-keys"))) {
                assertEquals(200, b.get("/health/readiness", null, null).status(), "the same keys: a second machine");
            }
        }
        Map<String, Object> newTokenKey = new HashMap<>(RunningApp.databaseSettingsFor(first));
        newTokenKey.put("rostersync.oauth.token-key", Base64.getEncoder().encodeToString(new byte[32]));
        try (RunningApp.App changed = RunningApp.startWith(newTokenKey, first)) {
            assertEquals(200, changed.get("/health/readiness", null, null).status(),
                    "with every instance stopped, a new token key is a change of key");
        }
    }

    private static void assertRefused(Map<String, Object> settings, Path dataDir, String named) {
        RuntimeException refused = assertThrows(RuntimeException.class, () -> RunningApp.startWith(settings, dataDir).close());
        String sentence = Failures.messages(refused);
        assertTrue(sentence.contains(named) && sentence.contains("every instance sharing a database must hold the same"),
                sentence);
    }

    /** A key file holds its key as the setting takes it: base64, on one line. */
    private static String base64(Path keyFile) throws IOException {
        return Files.readString(keyFile).strip();
    }

    private static Path dataDir(String name) {
        return Path.of("target", "test-data", "shared-keys-" + name + "-" + UUID.randomUUID());
    }
}
