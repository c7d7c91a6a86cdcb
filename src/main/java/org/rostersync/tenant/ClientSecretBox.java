package org.rostersync.tenant;

import jakarta.inject.Singleton;
import org.rostersync.config.RemoteConfig;
import org.rostersync.config.RostersyncConfig;
import org.rostersync.security.KeyFile;
import org.rostersync.security.SecretBox;

/**
 * Seals API client secrets for OAuth 1.0a, which signs with the secret itself (a digest cannot check a signature), under
 * the same key as the other sealed secrets: {@code ROSTERSYNC_SECRET_KEY}, or {@code secret.key} in the data directory.
 */
@Singleton
class ClientSecretBox {

    private final RemoteConfig config;
    private final RostersyncConfig rostersync;
    private SecretBox box;

    ClientSecretBox(RemoteConfig config, RostersyncConfig rostersync) {
        this.config = config;
        this.rostersync = rostersync;
    }

    synchronized SecretBox box() {
        if (box == null) {
            box = new SecretBox(config.hasSecretKey() ? KeyFile.fromBase64(config.secretKey(), "ROSTERSYNC_SECRET_KEY")
                    : KeyFile.readOrCreate(rostersync.dataPath().resolve("secret.key")));
        }
        return box;
    }
}
