package org.rostersync.intake.remote;

import jakarta.inject.Singleton;
import org.rostersync.config.RemoteConfig;
import org.rostersync.config.RostersyncConfig;
import org.rostersync.security.SecretBox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The key that seals remote servers' passwords and private keys: {@code ROSTERSYNC_SECRET_KEY} when set, otherwise
 * {@code secret.key} in the data directory, made on first use with mode 600. Instances share the data directory, so
 * they share the file; two making it at once agree, because only the first rename into place wins.
 */
@Singleton
class SealingKey {

    private final RemoteConfig config;
    private final Path file;
    private SecretBox box;

    SealingKey(RemoteConfig config, RostersyncConfig rostersync) {
        this.config = config;
        this.file = rostersync.dataPath().resolve("secret.key");
    }

    synchronized SecretBox box() {
        if (box == null) {
            box = new SecretBox(config.hasSecretKey() ? fromConfig() : fromFile());
        }
        return box;
    }

    private byte[] fromConfig() {
        try {
            byte[] key = Base64.getDecoder().decode(config.secretKey().strip());
            if (key.length != 32) {
                throw new IllegalStateException("ROSTERSYNC_SECRET_KEY must be base64 of 32 bytes, not of " + key.length);
            }
            return key;
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("ROSTERSYNC_SECRET_KEY is not base64: " + e.getMessage(), e);
        }
    }

    private byte[] fromFile() {
        try {
            if (!Files.exists(file)) {
                byte[] key = new byte[32];
                new SecureRandom().nextBytes(key);
                Files.createDirectories(file.getParent());
                Path tmp = Files.createTempFile(file.getParent(), "secret.key.", ".tmp",
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                Files.writeString(tmp, Base64.getEncoder().encodeToString(key) + "\n");
                try {
                    // a hard link never replaces: of two instances making the key at once, the second keeps the first's
                    Files.createLink(file, tmp);
                } catch (FileAlreadyExistsException other) {
                    // made meanwhile by another instance: use that one
                } finally {
                    Files.deleteIfExists(tmp);
                }
            }
            byte[] key = Base64.getDecoder().decode(Files.readString(file).strip());
            if (key.length != 32) {
                throw new IllegalStateException(file + " must hold base64 of 32 bytes, not of " + key.length);
            }
            return key;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or make the secret key " + file, e);
        }
    }
}
