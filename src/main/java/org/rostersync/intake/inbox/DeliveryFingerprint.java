package org.rostersync.intake.inbox;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;

/**
 * What a delivery is, in one digest of its files' names and SHA-256s: two equal fingerprints are the same bytes, so a
 * run can tell that nothing new arrived since an earlier one.
 */
public final class DeliveryFingerprint {

    private DeliveryFingerprint() {
    }

    public static String of(List<DeliveryFile> files) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            files.stream().sorted(Comparator.comparing(DeliveryFile::name)).forEach(file -> {
                digest.update(file.name().getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0);
                digest.update(String.valueOf(file.sha256()).getBytes(StandardCharsets.US_ASCII));
                digest.update((byte) '\n');
            });
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
