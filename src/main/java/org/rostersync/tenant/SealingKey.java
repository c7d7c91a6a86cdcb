package org.rostersync.tenant;

import jakarta.inject.Singleton;
import org.rostersync.config.RemoteConfig;
import org.rostersync.config.RostersyncConfig;
import org.rostersync.security.KeyFile;
import org.rostersync.security.SecretBox;

import java.nio.file.Path;

/**
 * The key that seals the secrets rostersync must be able to read back (remote servers' passwords and private keys, API
 * client secrets for OAuth 1.0a, which signs with the secret itself): {@code ROSTERSYNC_SECRET_KEY} when set, otherwise
 * {@code secret.key} in the data directory, made on first use with mode 600. Instances share the data directory, so
 * they share the file (see {@link KeyFile}).
 */
@Singleton
public class SealingKey {

    private final RemoteConfig config;
    private final Path file;
    private SecretBox box;

    public SealingKey(RemoteConfig config, RostersyncConfig rostersync) {
        this.config = config;
        this.file = rostersync.dataPath().resolve("secret.key");
    }

    public synchronized SecretBox box() {
        if (box == null) {
            box = new SecretBox(config.hasSecretKey() ? fromConfig() : fromFile());
        }
        return box;
    }

    private byte[] fromConfig() {
        return KeyFile.fromBase64(config.secretKey(), "ROSTERSYNC_SECRET_KEY");
    }

    private byte[] fromFile() {
        return KeyFile.readOrCreate(file);
    }
}
