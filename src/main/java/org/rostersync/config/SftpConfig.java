package org.rostersync.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;

import java.nio.file.Path;
import java.util.List;

/**
 * The hosted SFTP server. Port 0 picks a free port (tests).
 *
 * @param maxFileBytes the largest file one upload may write
 * @param quotaBytes   what one source's inbox may hold on disk, uploads in progress included
 * @param hostKeys     host key files (OpenSSH or PEM format, mode 600); empty: keys generated once under the data directory
 * @param legacyAlgorithms also offer NIST-curve ECDH and non-ETM SHA-2 MACs, for old clients
 * @param banAfterFailures failed logins from one address within {@code banWindowSeconds} that ban it
 * @param banSeconds       the first ban of an address; each next one lasts twice as long, up to a day
 * @param failureDelayMillis how long a failed login waits before it is answered
 * @param maxConnectionsPerAddress connections one client address may hold at once
 * @param maxConnections   connections the server holds at once
 * @param reservedConnections of those, the ones only addresses that logged in before may take: connections that never
 *                         log in cannot lock out the vendors
 * @param maxSessionsPerAccount sessions one source's account may hold at once
 * @param maxOpenHandles   files and folders one session may hold open at once
 */
@ConfigurationProperties("rostersync.sftp")
public record SftpConfig(int port, int maxAuthAttempts, int authTimeoutSeconds, int idleTimeoutSeconds, long maxFileBytes,
                         long quotaBytes, @Nullable List<String> hostKeys, boolean legacyAlgorithms, int banAfterFailures,
                         int banWindowSeconds, int banSeconds, int failureDelayMillis, int maxConnectionsPerAddress,
                         int maxConnections, int reservedConnections, int maxSessionsPerAccount, int maxOpenHandles) {

    public SftpConfig {
        positive("max-file-bytes", maxFileBytes);
        positive("quota-bytes", quotaBytes);
        positive("ban-after-failures", banAfterFailures);
        positive("ban-window-seconds", banWindowSeconds);
        positive("ban-seconds", banSeconds);
        positive("max-connections-per-address", maxConnectionsPerAddress);
        positive("max-connections", maxConnections);
        positive("max-sessions-per-account", maxSessionsPerAccount);
        positive("max-open-handles", maxOpenHandles);
        if (reservedConnections < 0 || reservedConnections >= maxConnections) {
            throw new IllegalArgumentException("rostersync.sftp.reserved-connections (ROSTERSYNC_SFTP_RESERVED_CONNECTIONS) must be"
                    + " 0 or more and less than max-connections (" + maxConnections + "), not " + reservedConnections);
        }
        if (failureDelayMillis < 0) {
            throw new IllegalArgumentException("rostersync.sftp.failure-delay-millis must not be negative, not " + failureDelayMillis);
        }
    }

    private static void positive(String key, long value) {
        if (value <= 0) {
            throw new IllegalArgumentException("rostersync.sftp." + key + " (ROSTERSYNC_SFTP_"
                    + key.toUpperCase(java.util.Locale.ROOT).replace('-', '_') + ") must be a positive number, not " + value);
        }
    }

    /** The configured host key files; blank entries (an empty variable) are none. */
    public List<Path> hostKeyPaths() {
        return hostKeys == null ? List.of() : hostKeys.stream().map(String::strip).filter(k -> !k.isEmpty()).map(Path::of).toList();
    }
}
