package org.rostersync.operator;

import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;
import java.util.UUID;

/** A token just made: {@code token} is answered this once; rostersync keeps only its SHA-256. */
@Serdeable
public record NewOperatorToken(UUID id, String name, String token, Instant createdAt) {
}
