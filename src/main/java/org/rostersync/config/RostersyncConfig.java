package org.rostersync.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;

import java.nio.file.Path;

/**
 * Top-level settings. Blank strings count as "not set" so that {@code ROSTERSYNC_DB_URL=} behaves like an absent variable.
 *
 * @param dataDir       where the embedded database, the SFTP host key, the inboxes and run archives live
 * @param bind          the address HTTP and SFTP listen on
 * @param adminPassword the operator {@code admin}'s password; when blank one is generated on first start
 */
@ConfigurationProperties("rostersync")
public record RostersyncConfig(Path dataDir, String bind, @Nullable String adminPassword) {

    /** The data directory as an absolute, normalised path. */
    public Path dataPath() {
        return dataDir.toAbsolutePath().normalize();
    }

    public boolean hasAdminPassword() {
        return adminPassword != null && !adminPassword.isBlank();
    }
}
