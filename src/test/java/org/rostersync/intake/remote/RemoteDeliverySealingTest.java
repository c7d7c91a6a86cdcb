package org.rostersync.intake.remote;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rostersync.config.RemoteConfig;
import org.rostersync.config.RostersyncConfig;
import org.rostersync.tenant.SealingKey;
import org.rostersync.security.SecretBox;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.Base64;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The key sealing remote servers' secrets: shared by the instances on one data directory, or given by configuration. */
class RemoteDeliverySealingTest {

    @TempDir
    Path dataDir;

    @Test
    void instancesSharingTheDataDirectoryOpenEachOthersSecrets() throws Exception {
        SecretBox first = key(null).box();
        SecretBox second = key(null).box();

        byte[] sealed = first.seal("district password");

        assertEquals("district password", second.open(sealed));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDir.resolve("secret.key"))));
        try (var files = Files.list(dataDir)) {
            assertEquals(1, files.count(), "no temporary file left beside it");
        }
    }

    @Test
    void aConfiguredKeyIsUsedAndNoKeyFileIsMade() {
        byte[] raw = new byte[32];
        Arrays.fill(raw, (byte) 7);
        String configured = Base64.getEncoder().encodeToString(raw);

        byte[] sealed = key(configured).box().seal("district password");

        assertEquals("district password", new SecretBox(raw).open(sealed));
        assertFalse(Files.exists(dataDir.resolve("secret.key")));
        IllegalStateException wrongSize = assertThrows(IllegalStateException.class, () -> key("c2hvcnQ=").box());
        assertTrue(wrongSize.getMessage().contains("ROSTERSYNC_SECRET_KEY"), wrongSize.getMessage());
    }

    @Test
    void aSealedSecretIsNotItsTextAndOpensOnlyUnchangedUnderItsOwnKey() {
        SecretBox box = key(null).box();
        byte[] sealed = box.seal("district password");

        assertFalse(new String(sealed, StandardCharsets.ISO_8859_1).contains("district password"));
        assertFalse(Arrays.equals(sealed, box.seal("district password")), "a fresh nonce each time");
        byte[] changed = sealed.clone();
        changed[changed.length - 1] ^= 1;
        assertThrows(IllegalArgumentException.class, () -> box.open(changed));
        byte[] other = new byte[32];
        assertThrows(IllegalArgumentException.class, () -> new SecretBox(other).open(sealed));
    }

    private SealingKey key(String configured) {
        return new SealingKey(new RemoteConfig(10, 30, 3, 2000, configured), new RostersyncConfig(dataDir, "127.0.0.1", null));
    }
}
