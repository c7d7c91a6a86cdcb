package org.rostersync.intake.remote;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A source's remote delivery as stored: secrets sealed ({@code null} when not set), {@code folder} null for the login's
 * home folder, {@code connectTimeoutSeconds} and {@code retries} null for the service's defaults.
 */
record RemoteSettings(UUID sourceId, boolean enabled, String host, int port, String username, byte[] passwordSealed,
                      byte[] privateKeySealed, byte[] passphraseSealed, String hostKeyFingerprint, String folder,
                      List<String> patterns, boolean deleteAfterFetch, Integer connectTimeoutSeconds, Integer retries,
                      Instant changedAt) {

    static final int DEFAULT_PORT = 22;

    /** What a source without remote settings has: nothing to pull. */
    static RemoteSettings none(UUID sourceId) {
        return new RemoteSettings(sourceId, false, null, DEFAULT_PORT, null, null, null, null, null, null, FilePatterns.DEFAULT,
                false, null, null, null);
    }

    String target() {
        return host + ":" + port;
    }
}
