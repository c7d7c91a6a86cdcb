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
 */
@ConfigurationProperties("rostersync.sftp")
public record SftpConfig(int port, int maxAuthAttempts, int authTimeoutSeconds, int idleTimeoutSeconds, long maxFileBytes,
                         long quotaBytes, @Nullable List<String> hostKeys, boolean legacyAlgorithms) {

    public SftpConfig {
        if (maxFileBytes <= 0) {
            throw new IllegalArgumentException("rostersync.sftp.max-file-bytes (ROSTERSYNC_SFTP_MAX_FILE_BYTES) must be a positive"
                    + " number of bytes, not " + maxFileBytes);
        }
        if (quotaBytes <= 0) {
            throw new IllegalArgumentException("rostersync.sftp.quota-bytes (ROSTERSYNC_SFTP_QUOTA_BYTES) must be a positive"
                    + " number of bytes, not " + quotaBytes);
        }
    }

    /** The configured host key files; blank entries (an empty variable) are none. */
    public List<Path> hostKeyPaths() {
        return hostKeys == null ? List.of() : hostKeys.stream().map(String::strip).filter(k -> !k.isEmpty()).map(Path::of).toList();
    }
}
