package org.rostersync.operator;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;
import java.util.UUID;

/**
 * An operator's API token as listed: never the token itself, which is shown once when it is made.
 *
 * @param lastUsedAt when a request last carried it, to the minute (null: never)
 */
@Serdeable
public record OperatorToken(UUID id, String name, Instant createdAt, @Nullable Instant lastUsedAt) {
}
