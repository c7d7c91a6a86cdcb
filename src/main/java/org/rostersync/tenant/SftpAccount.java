package org.rostersync.tenant;

import java.net.InetAddress;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * A source's hosted SFTP account. The password itself is never held here, only whether there is one and when it was
 * set; an empty {@code allowedNetworks} admits every address.
 */
public record SftpAccount(UUID sourceId, UUID tenantId, String username, boolean enabled, boolean passwordSet,
                          Instant passwordChangedAt, List<AuthorizedKey> authorizedKeys, List<AllowedNetwork> allowedNetworks,
                          Instant changedAt) {

    /** What a vendor types as its SFTP username: letters, digits, dot, dash and underscore. */
    public static final String USERNAME_PATTERN = "[A-Za-z0-9._-]{3,64}";
    public static final String USERNAME_RULE = "must be 3 to 64 letters, digits, '.', '_' or '-'";
    public static final int MIN_PASSWORD = 8;
    public static final int MAX_PASSWORD = 200;
    public static final int MAX_KEYS = 50;
    public static final int MAX_NETWORKS = 100;

    public SftpAccount {
        authorizedKeys = List.copyOf(authorizedKeys);
        allowedNetworks = List.copyOf(allowedNetworks);
    }

    public boolean admits(InetAddress address) {
        return allowedNetworks.isEmpty() || allowedNetworks.stream().anyMatch(n -> n.contains(address));
    }

    /** Why the account refuses any login from the address whatever its credential, or empty. */
    public Optional<SftpLogin.Refusal> refusal(InetAddress from) {
        if (!enabled) {
            return Optional.of(SftpLogin.Refusal.DISABLED);
        }
        return admits(from) ? Optional.empty() : Optional.of(SftpLogin.Refusal.ADDRESS_NOT_ALLOWED);
    }

    /**
     * Why a session that logged in with this credential from this address may no longer go on under the account as it
     * is now; empty when it may.
     */
    public Optional<String> revoked(SftpCredential credential, InetAddress from) {
        Optional<SftpLogin.Refusal> refusal = refusal(from);
        if (refusal.isPresent()) {
            return refusal.map(SftpLogin.Refusal::description);
        }
        if (credential.keyFingerprint() == null) {
            return passwordSet && passwordChangedAt.equals(credential.passwordChangedAt())
                    ? Optional.empty() : Optional.of("the password it logged in with was changed or removed");
        }
        return authorizedKeys.stream().anyMatch(k -> k.fingerprint().equals(credential.keyFingerprint()))
                ? Optional.empty() : Optional.of("the key it logged in with was removed");
    }
}
