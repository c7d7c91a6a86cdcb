package org.rostersync.config;

import io.micronaut.context.annotation.ConfigurationProperties;

/**
 * The hosted SFTP server. Port 0 picks a free port (tests).
 *
 * @param maxFileBytes the largest file one upload may write
 * @param quotaBytes   what one source's inbox may hold on disk, uploads in progress included
 */
@ConfigurationProperties("rostersync.sftp")
public record SftpConfig(int port, int maxAuthAttempts, int authTimeoutSeconds, int idleTimeoutSeconds, long maxFileBytes,
                         long quotaBytes) {

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
}
