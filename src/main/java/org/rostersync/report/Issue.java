package org.rostersync.report;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * One finding of a run. Line 1 is a file's header; a null line means the whole file or run. {@code value} is the
 * offending value as delivered, cut to {@link #MAX_VALUE} characters. Made through the catalogue of codes
 * ({@link IssueCode}), or read back from the store.
 */
@Serdeable
public record Issue(@Nullable String file, @Nullable Long line, @Nullable String sourcedId, @Nullable String column,
                    String code, Outcome outcome, String message, @Nullable String value) {

    public static final int MAX_VALUE = 100;

    public Issue {
        if (value != null && value.length() > MAX_VALUE) {
            value = value.substring(0, MAX_VALUE) + "…";
        }
    }
}
