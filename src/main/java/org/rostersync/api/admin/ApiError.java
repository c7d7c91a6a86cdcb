package org.rostersync.api.admin;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/** The body of every admin API error: what went wrong and, for bad input, which field. */
@Serdeable
public record ApiError(String message, @Nullable String field) {
}
