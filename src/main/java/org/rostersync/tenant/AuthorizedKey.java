package org.rostersync.tenant;

import org.apache.sshd.common.config.keys.AuthorizedKeyEntry;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.OpenSshCertificate;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.PublicKeyEntryResolver;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.Set;

/**
 * A public key an SFTP account logs in with, as a line of OpenSSH's authorized_keys ({@code ssh-ed25519 AAAA... comment}).
 * ed25519, ECDSA and RSA keys (signing with SHA-2; the server never accepts SHA-1 signatures), and their FIDO security-key
 * variants; never DSA, certificates or RSA below 2048 bits. Options such as {@code from=} or {@code command=} are refused
 * rather than ignored: the account's allowed networks say where it may log in from, and there is no command to force.
 *
 * @param publicKey the key as {@code type base64}, without comment
 */
@io.micronaut.serde.annotation.Serdeable
public record AuthorizedKey(String type, String fingerprint, String comment, String publicKey, Instant addedAt) {

    private static final Set<String> TYPES = Set.of("ssh-ed25519", "ecdsa-sha2-nistp256", "ecdsa-sha2-nistp384",
            "ecdsa-sha2-nistp521", "ssh-rsa", "sk-ssh-ed25519@openssh.com", "sk-ecdsa-sha2-nistp256@openssh.com");
    private static final int MIN_RSA_BITS = 2048;

    /** @throws IllegalArgumentException saying what is wrong with the line */
    public static AuthorizedKey parse(String line, Instant addedAt) {
        String text = line == null ? "" : line.strip();
        if (text.isEmpty() || text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0) {
            throw new IllegalArgumentException("must be one line of OpenSSH's authorized_keys format, e.g. 'ssh-ed25519 AAAAC3Nz... vendor@host'");
        }
        AuthorizedKeyEntry entry = entry(text);
        if (entry.getLoginOptions() != null && !entry.getLoginOptions().isEmpty()) {
            throw new IllegalArgumentException("has options (" + String.join(", ", entry.getLoginOptions().keySet())
                    + "), which are not supported: allowedNetworks says where the account may log in from");
        }
        PublicKey key;
        try {
            key = entry.resolvePublicKey(null, PublicKeyEntryResolver.FAILING);
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            throw unusable(text, e);
        }
        return of(key, entry.getComment(), addedAt);
    }

    private static AuthorizedKeyEntry entry(String text) {
        AuthorizedKeyEntry entry;
        try {
            entry = AuthorizedKeyEntry.parseAuthorizedKeyEntry(text);
        } catch (RuntimeException e) {
            throw unusable(text, e);
        }
        if (entry == null) {
            throw new IllegalArgumentException("is a comment, not a key");
        }
        return entry;
    }

    private static IllegalArgumentException unusable(String text, Exception e) {
        return new IllegalArgumentException("is not a public key OpenSSH could use (" + (e.getMessage() == null
                ? e.getClass().getSimpleName() : e.getMessage()) + "); expected e.g. 'ssh-ed25519 AAAAC3Nz... vendor@host'");
    }

    /** The key as this account stores it; refused when its type or size is not accepted. */
    static AuthorizedKey of(PublicKey key, String comment, Instant addedAt) {
        if (key instanceof OpenSshCertificate) {
            throw new IllegalArgumentException("is a certificate; give the account the public key itself");
        }
        String type = KeyUtils.getKeyType(key);
        if (KeyUtils.DSS_ALGORITHM.equals(key.getAlgorithm())) {
            throw new IllegalArgumentException("is a DSA key, which is insecure and not accepted; use ssh-ed25519");
        }
        if (type == null || !TYPES.contains(type)) {
            throw new IllegalArgumentException("is a " + (type == null ? "key of unknown type" : type + " key")
                    + "; accepted: ssh-ed25519, ecdsa-sha2-nistp256/384/521, ssh-rsa (at least " + MIN_RSA_BITS + " bits) and their sk- security-key forms");
        }
        if (key instanceof RSAPublicKey rsa && rsa.getModulus().bitLength() < MIN_RSA_BITS) {
            throw new IllegalArgumentException("is an RSA key of " + rsa.getModulus().bitLength() + " bits; at least " + MIN_RSA_BITS
                    + " are required (ssh-keygen -t ed25519 makes a better one)");
        }
        String blank = comment == null || comment.isBlank() ? null : comment.strip();
        return new AuthorizedKey(type, fingerprint(key), blank, PublicKeyEntry.toString(key), addedAt);
    }

    /** The key itself, to compare with the one a client offers. */
    public PublicKey toPublicKey() {
        try {
            return AuthorizedKeyEntry.parseAuthorizedKeyEntry(publicKey).resolvePublicKey(null, PublicKeyEntryResolver.FAILING);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("stored key " + fingerprint + " cannot be read", e);
        }
    }

    /** A key's SHA-256 fingerprint as OpenSSH shows it ({@code SHA256:...}). */
    public static String fingerprint(PublicKey key) {
        return KeyUtils.getFingerPrint(key);
    }

    /** Whether a client's key is this one. */
    public boolean matches(PublicKey offered) {
        return KeyUtils.compareKeys(toPublicKey(), offered);
    }

    AuthorizedKey addedAt(Instant at) {
        return new AuthorizedKey(type, fingerprint, comment, publicKey, at);
    }
}
