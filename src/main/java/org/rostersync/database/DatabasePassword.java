package org.rostersync.database;

import org.rostersync.config.PrivateFiles;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The embedded PostgreSQL's password for its superuser {@code postgres}, generated on first start and kept in the data
 * directory with mode 600 ({@code postgres.password}), so that the service's own user is the only local user who can
 * connect. The password is URL-safe base64 (no quote or backslash can reach SQL or pg_hba through it).
 */
record DatabasePassword(Path file, String value) {

    static final String FILE_NAME = "postgres.password";

    /** The password in the data directory's file, made first if it does not exist. */
    static DatabasePassword readOrCreate(Path dataDir) {
        Path file = dataDir.resolve(FILE_NAME);
        try {
            if (!Files.exists(file)) {
                byte[] random = new byte[24];
                new SecureRandom().nextBytes(random);
                PrivateFiles.writeOnce(file, Base64.getUrlEncoder().withoutPadding().encodeToString(random) + "\n");
            }
            String password = Files.readString(file, StandardCharsets.UTF_8).strip();
            if (!password.matches("[A-Za-z0-9_-]{16,}")) {
                throw new IllegalStateException("the embedded PostgreSQL's password file " + file
                        + " does not hold a password made by rostersync (16 or more of A-Z a-z 0-9 _ -)");
            }
            return new DatabasePassword(file, password);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or make the embedded PostgreSQL's password file " + file, e);
        }
    }

    @Override
    public String toString() {
        return "DatabasePassword[" + file + "]";
    }
}
