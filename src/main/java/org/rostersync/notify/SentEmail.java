package org.rostersync.notify;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * An email of the outbox as operators read it: what it was about, to whom, and how sending it went ({@code pending}
 * with {@code nextAttemptAt} while it is being retried, {@code sent}, or {@code failed} after its last attempt).
 */
@Serdeable
public record SentEmail(UUID id, UUID sourceId, @Nullable UUID runId, String kind, List<String> recipients, String subject,
                        String status, int attempts, @Nullable String lastError, Instant createdAt, @Nullable Instant nextAttemptAt,
                        @Nullable Instant sentAt) {
}
