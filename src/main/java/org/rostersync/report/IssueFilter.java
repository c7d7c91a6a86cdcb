package org.rostersync.report;

import io.micronaut.core.annotation.Nullable;

/**
 * Which of a run's issues to show: each part that is set must match (null or blank: any).
 *
 * @param file      the file the issue is about, exactly
 * @param outcome   error, skipped, warning or fatal
 * @param code      the issue code, exactly or as a prefix ending in a dot ({@code value.})
 * @param sourcedId the start of the record's sourcedId
 */
public record IssueFilter(@Nullable String file, @Nullable Outcome outcome, @Nullable String code, @Nullable String sourcedId) {

    public static final IssueFilter ALL = new IssueFilter(null, null, null, null);

    public IssueFilter {
        file = blankToNull(file);
        code = blankToNull(code);
        sourcedId = blankToNull(sourcedId);
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
