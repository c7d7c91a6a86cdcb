package org.rostersync.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;

/**
 * Argon2id in the PHC string format ({@code $argon2id$v=19$m=19456,t=2,p=1$salt$hash}), with OWASP's minimum
 * parameters. Used for secrets people choose (operator and SFTP passwords), where a slow hash matters.
 *
 * <p>A password that checked right is remembered for a few minutes, so that a script calling the admin API with HTTP
 * Basic pays for Argon2 once rather than at every request (each check takes a core for tens of milliseconds: in the
 * test suite, half of all CPU went to the admin API's checks). What is remembered is an HMAC of the password under a key
 * made at start and never stored, keyed by the stored hash: a changed password has a new hash and nothing remembered.
 * A wrong password is never remembered, so every guess still costs a whole hash.
 */
@Singleton
public class PasswordHasher {

    private static final int MEMORY_KIB = 19456;
    private static final int ITERATIONS = 2;
    private static final int PARALLELISM = 1;
    private static final int HASH_BYTES = 32;
    private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getDecoder();

    private static final int REMEMBERED_AT_MOST = 10_000;

    private final SecureRandom random = new SecureRandom();
    private final HashingSlots slots;
    /** Stored hash → HMAC of the password that checked right against it. */
    private final Cache<String, byte[]> checkedRight;
    private final boolean remember;
    private final SecretKeySpec rememberKey;
    /** Verified against when the account does not exist, so that an unknown user costs as much as a wrong password. */
    private final String decoy;

    /**
     * @param checks hashes computed at once (ROSTERSYNC_PASSWORD_CHECKS); 0: one per core
     * @param rememberSeconds how long a password that checked right is remembered (ROSTERSYNC_PASSWORD_REMEMBER_SECONDS);
     *                        0: never, every login computes the hash
     */
    @Inject
    public PasswordHasher(@Value("${rostersync.password-checks:0}") int checks,
                          @Value("${rostersync.password-remember-seconds:300}") int rememberSeconds) {
        if (checks < 0) {
            throw new IllegalArgumentException("rostersync.password-checks (ROSTERSYNC_PASSWORD_CHECKS) must be 0 (one per core)"
                    + " or more, not " + checks);
        }
        if (rememberSeconds < 0) {
            throw new IllegalArgumentException("rostersync.password-remember-seconds (ROSTERSYNC_PASSWORD_REMEMBER_SECONDS) must be"
                    + " 0 (never) or more, not " + rememberSeconds);
        }
        this.slots = checks == 0 ? HashingSlots.perCore() : new HashingSlots(checks);
        this.remember = rememberSeconds > 0;
        // evictions run on the calling thread: nothing of this outlives a check in another pool
        this.checkedRight = Caffeine.newBuilder().expireAfterWrite(Duration.ofSeconds(rememberSeconds))
                .maximumSize(REMEMBERED_AT_MOST).executor(Runnable::run).build();
        byte[] key = new byte[32];
        random.nextBytes(key);
        this.rememberKey = new SecretKeySpec(key, "HmacSHA256");
        this.decoy = decoy();
    }

    /**
     * A stored hash no password has: a random salt and random bytes in place of a hash, with the parameters of a real
     * one, so that checking it costs exactly what checking a real one does (and nothing at start, where hashing a random
     * password cost a whole Argon2 computation for the same result).
     */
    private String decoy() {
        byte[] salt = new byte[16];
        byte[] out = new byte[HASH_BYTES];
        random.nextBytes(salt);
        random.nextBytes(out);
        return phc(salt, out);
    }

    private static String phc(byte[] salt, byte[] out) {
        return "$argon2id$v=19$m=" + MEMORY_KIB + ",t=" + ITERATIONS + ",p=" + PARALLELISM
                + "$" + B64.encodeToString(salt) + "$" + B64.encodeToString(out);
    }

    /** The slots hashes are computed in: every hash and check of this hasher waits for one. */
    public HashingSlots slots() {
        return slots;
    }

    public String hash(String password) {
        byte[] salt = new byte[16];
        random.nextBytes(salt);
        return phc(salt, derive(password, salt, MEMORY_KIB, ITERATIONS, PARALLELISM, HASH_BYTES));
    }

    /** @param stored the stored PHC string, or null when the account is unknown (a decoy hash is checked instead) */
    public boolean verify(String password, String stored) {
        String given = password == null ? "" : password;
        byte[] mac = remember && stored != null ? mac(given) : null;
        if (mac != null && MessageDigest.isEqual(checkedRight.getIfPresent(stored), mac)) {
            return true;
        }
        boolean right = verifyHash(given, stored);
        if (right && mac != null) {
            checkedRight.put(stored, mac);
        }
        return right;
    }

    private boolean verifyHash(String password, String stored) {
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
        byte[] actual = derive(password, B64D.decode(parts[4]), m, t, p, expected.length);
        return MessageDigest.isEqual(expected, actual) && stored != null;
    }

    private byte[] mac(String password) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(rememberKey);
            return mac.doFinal(password.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
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
