package org.rostersync.config;

import io.micronaut.context.annotation.ConfigurationProperties;

/** The hosted SFTP server. Port 0 picks a free port (tests). */
@ConfigurationProperties("rostersync.sftp")
public record SftpConfig(int port, int maxAuthAttempts, int authTimeoutSeconds, int idleTimeoutSeconds) {
}
