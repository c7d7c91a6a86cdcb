package org.rostersync.intake.remote;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;
import java.util.List;

/**
 * A source's remote delivery as the admin API shows it: never a secret, only whether one is set, and the private key's
 * public half (what the server's administrator adds to authorized_keys) with its fingerprint.
 *
 * @param connectTimeoutSeconds null: the service's default (ROSTERSYNC_REMOTE_CONNECT_TIMEOUT_SECONDS)
 * @param retries               null: the service's default (ROSTERSYNC_REMOTE_RETRIES)
 */
@Serdeable
public record RemoteDeliveryView(boolean enabled, @Nullable String host, int port, @Nullable String username, boolean passwordSet,
                                 boolean privateKeySet, boolean privateKeyPassphraseSet, @Nullable String publicKey,
                                 @Nullable String publicKeyFingerprint, @Nullable String hostKeyFingerprint, @Nullable String folder,
                                 List<String> patterns, boolean deleteAfterFetch, @Nullable Integer connectTimeoutSeconds,
                                 @Nullable Integer retries, @Nullable Instant changedAt) {
}
