package org.rostersync.report;

import io.micronaut.core.annotation.Nullable;

/**
 * How many issues a run lists of one code with one outcome about one file (null: the delivery as a whole).
 */
public record IssueGroup(@Nullable String file, String code, Outcome outcome, long count) {

    /** Whether the filter's file, outcome and code take these issues (its sourcedId is not for a group to say). */
    boolean matches(IssueFilter filter) {
        return (filter.file() == null || filter.file().equals(file))
                && (filter.outcome() == null || filter.outcome() == outcome)
                && (filter.code() == null || (filter.code().endsWith(".") ? code.startsWith(filter.code()) : code.equals(filter.code())));
    }
}
