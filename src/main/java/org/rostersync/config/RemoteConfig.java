package org.rostersync.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;

/**
 * Pulling deliveries from remote SFTP servers: the defaults a source's settings can override, and the key that seals
 * their secrets.
 *
 * @param connectTimeoutSeconds   how long connecting (TCP and key exchange) may take
 * @param timeoutSeconds          how long authentication and each SFTP operation may wait for the server
 * @param retries                 how many more times a fetch is tried after a connection or transfer failure
 * @param retryDelayMillis        the wait before the first retry; each next one waits twice as long
 * @param secretKey               base64 of 32 bytes sealing passwords and private keys at rest; blank: a key file
 *                                {@code secret.key} in the data directory, made on first use (instances share it)
 */
@ConfigurationProperties("rostersync.remote")
public record RemoteConfig(@Bindable(defaultValue = "10") int connectTimeoutSeconds, @Bindable(defaultValue = "30") int timeoutSeconds,
                           @Bindable(defaultValue = "3") int retries, @Bindable(defaultValue = "2000") long retryDelayMillis,
                           @Nullable String secretKey) {

    public RemoteConfig {
        if (connectTimeoutSeconds < 1 || connectTimeoutSeconds > 300) {
            throw new IllegalArgumentException("rostersync.remote.connect-timeout-seconds (ROSTERSYNC_REMOTE_CONNECT_TIMEOUT_SECONDS)"
                    + " must be 1 to 300, not " + connectTimeoutSeconds);
        }
        if (timeoutSeconds < 1 || timeoutSeconds > 3600) {
            throw new IllegalArgumentException("rostersync.remote.timeout-seconds (ROSTERSYNC_REMOTE_TIMEOUT_SECONDS) must be 1 to"
                    + " 3600, not " + timeoutSeconds);
        }
        if (retries < 0 || retries > 10) {
            throw new IllegalArgumentException("rostersync.remote.retries (ROSTERSYNC_REMOTE_RETRIES) must be 0 to 10, not " + retries);
        }
        if (retryDelayMillis < 0) {
            throw new IllegalArgumentException("rostersync.remote.retry-delay-millis (ROSTERSYNC_REMOTE_RETRY_DELAY_MILLIS) must not"
                    + " be negative, not " + retryDelayMillis);
        }
    }

    public boolean hasSecretKey() {
        return secretKey != null && !secretKey.isBlank();
    }
}
