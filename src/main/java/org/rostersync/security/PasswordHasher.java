package org.rostersync.security;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Argon2id in the PHC string format ({@code $argon2id$v=19$m=19456,t=2,p=1$salt$hash}), with OWASP's minimum
 * parameters. Used for secrets people choose (operator and SFTP passwords), where a slow hash matters.
 */
@Singleton
public class PasswordHasher {

    private static final int MEMORY_KIB = 19456;
    private static final int ITERATIONS = 2;
    private static final int PARALLELISM = 1;
    private static final int HASH_BYTES = 32;
    private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getDecoder();

    private final SecureRandom random = new SecureRandom();
    private final HashingSlots slots;
    /** Verified against when the account does not exist, so that an unknown user costs as much as a wrong password. */
    private final String decoy;

    /** @param checks hashes computed at once (ROSTERSYNC_PASSWORD_CHECKS); 0: one per core */
    @Inject
    public PasswordHasher(@Value("${rostersync.password-checks:0}") int checks) {
        if (checks < 0) {
            throw new IllegalArgumentException("rostersync.password-checks (ROSTERSYNC_PASSWORD_CHECKS) must be 0 (one per core)"
                    + " or more, not " + checks);
        }
        this.slots = checks == 0 ? HashingSlots.perCore() : new HashingSlots(checks);
        this.decoy = hash("decoy-" + random.nextLong());
    }

    /** The slots hashes are computed in: every hash and check of this hasher waits for one. */
    public HashingSlots slots() {
        return slots;
    }

    public String hash(String password) {
        byte[] salt = new byte[16];
        random.nextBytes(salt);
        byte[] out = derive(password, salt, MEMORY_KIB, ITERATIONS, PARALLELISM, HASH_BYTES);
        return "$argon2id$v=19$m=" + MEMORY_KIB + ",t=" + ITERATIONS + ",p=" + PARALLELISM
                + "$" + B64.encodeToString(salt) + "$" + B64.encodeToString(out);
    }

    /** @param stored the stored PHC string, or null when the account is unknown (a decoy hash is checked instead) */
    public boolean verify(String password, String stored) {
        String phc = stored == null ? decoy : stored;
        String[] parts = phc.split("\\$");
        if (parts.length != 6 || !"argon2id".equals(parts[1])) {
            return false;
        }
        int m = 0;
        int t = 0;
        int p = 0;
        for (String kv : parts[3].split(",")) {
            int value = Integer.parseInt(kv.substring(2));
            switch (kv.charAt(0)) {
                case 'm' -> m = value;
                case 't' -> t = value;
                case 'p' -> p = value;
                default -> {
                    return false;
                }
            }
        }
        byte[] expected = B64D.decode(parts[5]);
        byte[] actual = derive(password == null ? "" : password, B64D.decode(parts[4]), m, t, p, expected.length);
        return MessageDigest.isEqual(expected, actual) && stored != null;
    }

    private byte[] derive(String password, byte[] salt, int memoryKib, int iterations, int parallelism, int length) {
        return slots.run(() -> argon2(password, salt, memoryKib, iterations, parallelism, length));
    }

    private static byte[] argon2(String password, byte[] salt, int memoryKib, int iterations, int parallelism, int length) {
        Argon2Parameters params = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withMemoryAsKB(memoryKib)
                .withIterations(iterations)
                .withParallelism(parallelism)
                .withSalt(salt)
                .build();
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(params);
        byte[] out = new byte[length];
        generator.generateBytes(password.getBytes(StandardCharsets.UTF_8), out);
        return out;
    }
}
