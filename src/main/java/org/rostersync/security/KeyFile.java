package org.rostersync.security;

import org.rostersync.config.PrivateFiles;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A 32-byte key given as base64 in a setting, or kept in a file of the data directory that the first instance makes
 * (mode 600) and every instance sharing the directory reads. Two instances making it at once agree: the file is linked
 * into place, and a link never replaces.
 */
public final class KeyFile {

    public static final int BYTES = 32;

    private KeyFile() {
    }

    /** @param setting what to call the setting in errors, e.g. {@code ROSTERSYNC_TOKEN_KEY} */
    public static byte[] fromBase64(String base64, String setting) {
        try {
            byte[] key = Base64.getDecoder().decode(base64.strip());
            if (key.length != BYTES) {
                throw new IllegalStateException(setting + " must be base64 of " + BYTES + " bytes, not of " + key.length);
            }
            return key;
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(setting + " is not base64: " + e.getMessage(), e);
        }
    }

    /** The key in {@code file}, made first if it does not exist. */
    public static byte[] readOrCreate(Path file) {
        try {
            if (!Files.exists(file)) {
                byte[] key = new byte[BYTES];
                new SecureRandom().nextBytes(key);
                // another instance sharing the directory may make it at the same moment: the first one made stays
                PrivateFiles.writeOnce(file, Base64.getEncoder().encodeToString(key) + "\n");
            }
            return fromBase64(Files.readString(file), file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or make the key file " + file, e);
        }
    }

    /**
     * The key's check value: an HMAC-SHA256 under the key of a fixed text, which tells two keys apart without telling
     * anything of either (what instances compare to find that they hold different keys).
     */
    public static String checkValue(byte[] key) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal("rostersync key check".getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JVM", e);
        }
    }
}
