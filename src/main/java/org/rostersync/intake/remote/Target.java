package org.rostersync.intake.remote;

import java.security.KeyPair;
import java.time.Duration;
import java.util.List;

/**
 * Everything needed to reach a remote delivery, secrets opened: for one connection, never stored.
 *
 * @param pinnedFingerprint the host key the server must show, or null to accept the one it shows (first contact)
 * @param timeout           for authentication and each SFTP operation
 */
record Target(String host, int port, String username, String password, List<KeyPair> keys, String pinnedFingerprint,
              String folder, FilePatterns patterns, Duration connectTimeout, Duration timeout) {

    @Override
    public String toString() {
        // never the password or the keys, whoever logs this
        return username + "@" + host + ":" + port;
    }
}
